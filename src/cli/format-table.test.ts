import { describe, expect, it } from 'vitest';
import { formatAge, formatFields, formatTable } from './format-table.js';

interface Row {
  ref: string;
  title: string;
  count: number;
}

const columns = [
  { header: 'REF', value: (r: Row) => r.ref },
  { header: 'TITLE', value: (r: Row) => r.title, maxWidth: 12 },
  { header: 'N', value: (r: Row) => String(r.count), align: 'right' as const },
];

describe('formatTable', () => {
  it('aligns columns under their headers, two spaces apart, right-aligning numbers', () => {
    const text = formatTable<Row>(
      [
        { ref: 'INC-1', title: 'DB down', count: 7 },
        { ref: 'INC-100', title: 'Slow', count: 1234 },
      ],
      columns,
    );
    expect(text.split('\n')).toEqual([
      'REF      TITLE       N',
      'INC-1    DB down     7',
      'INC-100  Slow     1234',
    ]);
  });

  it('cuts long cells with an ellipsis and flattens newlines and tabs', () => {
    const text = formatTable<Row>(
      [{ ref: 'INC-2', title: 'Checkout\nreturns\t502 for everyone', count: 1 }],
      columns,
    );
    expect(text.split('\n')[1]).toBe('INC-2  Checkout re…  1');
  });

  it('measures width in characters, not UTF-16 units, and never cuts one in half', () => {
    const text = formatTable<Row>([{ ref: '🔥', title: 'Zürich 👩🏽‍💻 outage now', count: 1 }], columns);
    expect(text.split('\n')).toEqual(['REF  TITLE         N', '🔥    Zürich 👩🏽‍💻 ou…  1']);
  });

  it('leaves no trailing spaces after an empty last cell', () => {
    const text = formatTable<Row>([{ ref: 'A', title: '', count: 1 }], [columns[0]!, columns[1]!]);
    expect(text).toBe('REF  TITLE\nA');
  });

  it('prints only the header when there are no rows', () => {
    expect(formatTable<Row>([], columns)).toBe('REF  TITLE  N');
  });
});

describe('formatFields', () => {
  it('aligns values after the labels, shows "-" for empty values and indents continuation lines', () => {
    expect(
      formatFields([
        ['Ref', 'INC-3'],
        ['Root cause', null],
        ['Summary', 'line one\nline two'],
      ]),
    ).toBe(
      ['Ref:         INC-3', 'Root cause:  -', 'Summary:     line one', '             line two'].join('\n'),
    );
  });
});

describe('formatAge', () => {
  const now = Date.parse('2026-01-02T00:00:00Z');
  it.each([
    ['2026-01-01T23:59:15Z', '45s'],
    ['2026-01-01T23:48:00Z', '12m'],
    ['2026-01-01T21:00:00Z', '3h'],
    ['2025-12-28T00:00:00Z', '5d'],
    ['2026-01-03T00:00:00Z', '0s'],
    ['not a date', '?'],
  ])('%s → %s', (iso, expected) => {
    expect(formatAge(iso, now)).toBe(expected);
  });
});
