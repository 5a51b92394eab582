import { describe, expect, it } from 'vitest';
import { draftReview } from './draft-review.js';
import { type Block, inlineText, parseInline, parseMarkdown } from './markdown-blocks.js';

describe('reading review Markdown', () => {
  it('reads headings, lists with task boxes, tables, code and quotes', () => {
    const blocks = parseMarkdown(
      [
        '# Title',
        '',
        'Some **bold** and _soft_ text',
        'on two lines.',
        '',
        '- [x] done',
        '- [ ] open',
        '- plain',
        '',
        '1. first',
        '2. second',
        '',
        '| A | B |',
        '| --- | --- |',
        '| 1 \\| one | 2 |',
        '',
        '```',
        '<b>kept</b>',
        '```',
        '> quoted',
        '',
        '---',
      ].join('\n'),
    );
    expect(blocks.map((b) => b.type)).toEqual([
      'heading',
      'paragraph',
      'list',
      'list',
      'table',
      'code',
      'quote',
      'rule',
    ]);
    const paragraph = blocks[1] as Extract<Block, { type: 'paragraph' }>;
    expect(paragraph.content).toEqual([
      { type: 'text', text: 'Some ' },
      { type: 'strong', children: [{ type: 'text', text: 'bold' }] },
      { type: 'text', text: ' and ' },
      { type: 'em', children: [{ type: 'text', text: 'soft' }] },
      { type: 'text', text: ' text on two lines.' },
    ]);
    const tasks = blocks[2] as Extract<Block, { type: 'list' }>;
    expect(tasks.items.map((i) => [i.checked, inlineText(i.content)])).toEqual([
      [true, 'done'],
      [false, 'open'],
      [null, 'plain'],
    ]);
    expect((blocks[3] as Extract<Block, { type: 'list' }>).ordered).toBe(true);
    const table = blocks[4] as Extract<Block, { type: 'table' }>;
    expect(table.header.map(inlineText)).toEqual(['A', 'B']);
    expect(table.rows.map((r) => r.map(inlineText))).toEqual([['1 | one', '2']]);
    expect(blocks[5]).toEqual({ type: 'code', text: '<b>kept</b>' });
  });

  it('keeps HTML as text and links only to http, https and mailto', () => {
    expect(parseInline('<script>alert(1)</script>')).toEqual([
      { type: 'text', text: '<script>alert(1)</script>' },
    ]);
    expect(parseInline('[run](javascript:alert(1))')).toEqual([
      { type: 'text', text: '[run](javascript:alert(1))' },
    ]);
    expect(parseInline('see [docs](https://example.com/a)')).toEqual([
      { type: 'text', text: 'see ' },
      { type: 'link', href: 'https://example.com/a', children: [{ type: 'text', text: 'docs' }] },
    ]);
    expect(parseInline('\\*not em\\*')).toEqual([{ type: 'text', text: '*not em*' }]);
  });

  it('reads a drafted review back into its sections', () => {
    const text = draftReview({
      incident: {
        ref: 'INC-1',
        title: 'A *starred* title',
        summary: '',
        severity: 'SEV2',
        priority: 'P2',
        category: null,
        status: 'resolved',
        services: [],
        commander: null,
        startedAt: 0,
        detectedAt: 0,
        acknowledgedAt: null,
        mitigatedAt: null,
        resolvedAt: 60_000,
        closedAt: null,
      },
      timeZone: 'UTC',
      timeline: [],
      alerts: [],
      pages: [],
      updates: [],
      reports: { count: 0, firstAt: null },
      resolution: {
        summary: null,
        rootCause: null,
        rootCauseCategory: null,
        contributingFactors: [],
        fix: null,
        workaround: null,
        customerImpact: null,
      },
      followUps: [],
    });
    const blocks = parseMarkdown(text);
    const first = blocks[0] as Extract<Block, { type: 'heading' }>;
    expect(inlineText(first.content)).toBe('INC-1: A *starred* title — post-incident review');
    expect(blocks.filter((b) => b.type === 'heading' && b.level === 2)).toHaveLength(10);
    expect(blocks.filter((b) => b.type === 'table')).toHaveLength(1);
  });
});
