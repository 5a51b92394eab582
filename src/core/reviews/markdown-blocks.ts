/**
 * A small Markdown reader for reviews: headings, paragraphs, bullet, numbered and task lists,
 * tables, code blocks, quotes and rules; inline bold, italics, code and links. It produces data,
 * never HTML: the UI renders the nodes as elements, so user text is always text (raw HTML in
 * the source shows as written) and only http, https and mailto links become links.
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] };

export interface ListItem {
  /** null: not a task; true/false: a checked or open task box. */
  checked: boolean | null;
  content: Inline[];
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; content: Inline[] }
  | { type: 'paragraph'; content: Inline[] }
  | { type: 'list'; ordered: boolean; items: ListItem[] }
  | { type: 'code'; text: string }
  | { type: 'quote'; content: Inline[] }
  | { type: 'table'; header: Inline[][]; rows: Inline[][][] }
  | { type: 'rule' };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
const TASK = /^\[([ xX])\]\s+(.*)$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const FENCE = /^\s*(```|~~~)/;
const TABLE_DIVIDER = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** The blocks of a Markdown text. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] ?? '').trim().startsWith(fence[1] ?? '```'))
        body.push(lines[i++] ?? '');
      i += 1;
      blocks.push({ type: 'code', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = Math.min(6, heading[1]?.length ?? 1) as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ type: 'heading', level, content: parseInline(heading[2] ?? '') });
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i += 1;
      continue;
    }
    if (line.includes('|') && TABLE_DIVIDER.test(lines[i + 1] ?? '')) {
      const header = cellsOf(line);
      const rows: Inline[][][] = [];
      i += 2;
      while (i < lines.length && (lines[i] ?? '').includes('|') && (lines[i] ?? '').trim() !== '') {
        rows.push(cellsOf(lines[i] ?? ''));
        i += 1;
      }
      blocks.push({ type: 'table', header, rows });
      continue;
    }
    if (BULLET.test(line) || NUMBERED.test(line)) {
      const ordered = !BULLET.test(line);
      const pattern = ordered ? NUMBERED : BULLET;
      const items: ListItem[] = [];
      while (i < lines.length) {
        const match = pattern.exec(lines[i] ?? '');
        if (match) {
          const task = TASK.exec(match[1] ?? '');
          items.push(
            task
              ? { checked: task[1] !== ' ', content: parseInline(task[2] ?? '') }
              : { checked: null, content: parseInline(match[1] ?? '') },
          );
        } else if (/^\s{2,}\S/.test(lines[i] ?? '') && items.length > 0) {
          // A continuation line of the previous item.
          items.at(-1)?.content.push({ type: 'text', text: ' ' }, ...parseInline((lines[i] ?? '').trim()));
        } else break;
        i += 1;
      }
      blocks.push({ type: 'list', ordered, items });
      continue;
    }
    if (line.trimStart().startsWith('>')) {
      const body: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trimStart().startsWith('>')) {
        body.push((lines[i] ?? '').trimStart().replace(/^>\s?/, ''));
        i += 1;
      }
      blocks.push({ type: 'quote', content: parseInline(body.join(' ')) });
      continue;
    }
    const body: string[] = [];
    while (i < lines.length && (lines[i] ?? '').trim() !== '' && !startsBlock(lines, i))
      body.push((lines[i++] ?? '').trim());
    blocks.push({ type: 'paragraph', content: parseInline(body.join(' ')) });
  }
  return blocks;
}

function startsBlock(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? '';
  return (
    HEADING.test(line) ||
    FENCE.test(line) ||
    BULLET.test(line) ||
    NUMBERED.test(line) ||
    line.trimStart().startsWith('>') ||
    (line.includes('|') && TABLE_DIVIDER.test(lines[i + 1] ?? ''))
  );
}

function cellsOf(line: string): Inline[][] {
  const cells: string[] = [];
  let cell = '';
  const text = line.trim().replace(/^\|/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '|') {
      cell += '\\|';
      i += 1;
    } else if (c === '|') {
      cells.push(cell);
      cell = '';
    } else cell += c ?? '';
  }
  if (cell.trim() !== '') cells.push(cell);
  return cells.map((c) => parseInline(c.trim()));
}

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;
const ESCAPABLE = '\\`*_{}[]()#+-.!|<>~';

/** The inline nodes of one line of text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain !== '') out.push({ type: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '\\' && ESCAPABLE.includes(text[i + 1] ?? ' ')) {
      plain += text[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i) {
        flush();
        out.push({ type: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if ((c === '*' || c === '_') && text[i + 1] === c) {
      const end = findClosing(text, c + c, i + 2);
      if (end > i + 2) {
        flush();
        out.push({ type: 'strong', children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if ((c === '*' || c === '_') && text[i + 1] !== ' ' && text[i + 1] !== undefined) {
      const end = findClosing(text, c, i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: 'em', children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const close = findClosing(text, ']', i + 1);
      const match = close > i ? /^\(([^)\s]+)\)/.exec(text.slice(close + 1)) : null;
      if (match?.[1] && SAFE_LINK.test(match[1])) {
        flush();
        out.push({ type: 'link', href: match[1], children: parseInline(text.slice(i + 1, close)) });
        i = close + 1 + match[0].length;
        continue;
      }
    }
    plain += c;
    i += 1;
  }
  flush();
  return out;
}

/** Index of the unescaped `marker` closing a span opened before `from`, or -1. */
function findClosing(text: string, marker: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') {
      i += 1;
      continue;
    }
    if (text.startsWith(marker, i)) return i;
  }
  return -1;
}

/** The plain text of inline nodes (for labels and tests). */
export function inlineText(nodes: readonly Inline[]): string {
  return nodes
    .map((n) => (n.type === 'text' || n.type === 'code' ? n.text : inlineText(n.children)))
    .join('');
}
