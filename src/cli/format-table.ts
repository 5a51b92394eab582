/** One column of a table: its header and how to read a cell from a row. */
export interface Column<T> {
  header: string;
  value: (row: T) => string;
  align?: 'left' | 'right';
  /** Longer cells are cut and end with "…". */
  maxWidth?: number;
}

const graphemes = new Intl.Segmenter();

/** The user-perceived characters of `text` (an emoji with modifiers is one). */
function charactersOf(text: string): string[] {
  return Array.from(graphemes.segment(text), (part) => part.segment);
}

/** Width in terminal columns, counted in characters (East Asian wide characters count as one). */
function widthOf(text: string): number {
  return charactersOf(text).length;
}

/** One line, no control characters, at most `maxWidth` wide. */
function cell(text: string, maxWidth: number | undefined): string {
  const flat = text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
  if (maxWidth === undefined || widthOf(flat) <= maxWidth) return flat;
  return (
    charactersOf(flat)
      .slice(0, Math.max(0, maxWidth - 1))
      .join('') + '…'
  );
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - widthOf(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** Render rows as an aligned plain-text table with a header line; no trailing spaces. */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((column) => cell(column.value(row), column.maxWidth)));
  const widths = columns.map((column, i) =>
    Math.max(widthOf(column.header), ...cells.map((line) => widthOf(line[i] ?? ''))),
  );
  const render = (line: readonly string[]) =>
    line
      .map((text, i) => pad(text, widths[i] ?? 0, columns[i]?.align ?? 'left'))
      .join('  ')
      .trimEnd();
  return [render(columns.map((column) => column.header)), ...cells.map(render)].join('\n');
}

/** Render label/value pairs as two aligned columns ("Status:  resolved"); empty values show "-". */
export function formatFields(pairs: ReadonlyArray<readonly [string, string | null | undefined]>): string {
  const width = Math.max(0, ...pairs.map(([label]) => widthOf(label) + 1));
  const indent = '\n' + ' '.repeat(width + 2);
  return pairs
    .map(([label, value]) => {
      const shown = value === null || value === undefined || value === '' ? '-' : value;
      return `${pad(`${label}:`, width, 'left')}  ${shown.split('\n').join(indent)}`;
    })
    .join('\n');
}

/** How long ago `iso` was, compactly: "45s", "12m", "3h", "5d". */
export function formatAge(iso: string, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (Number.isNaN(seconds)) return '?';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}
