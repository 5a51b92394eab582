import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findInvalidText, invalidTextReason } from './invalid-text.js';

describe('invalidTextReason', () => {
  it('names NUL, other C0 controls and lone surrogates', () => {
    expect(invalidTextReason('a\u0000b')).toMatch(/U\+0000/);
    expect(invalidTextReason('\u001B[31m')).toMatch(/U\+001B/);
    expect(invalidTextReason('x\uD800')).toMatch(/surrogate U\+D800/);
    expect(invalidTextReason('\uDC00x')).toMatch(/surrogate U\+DC00/);
  });

  it('accepts tab, newline, carriage return and paired surrogates', () => {
    expect(invalidTextReason('a\tb\nc\r\nd 🚨 é')).toBeUndefined();
  });

  it('accepts every well-formed string without C0 controls', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const hasControl = Array.from(text).some((char) => char < ' ' && !'\t\n\r'.includes(char));
        expect(invalidTextReason(text) === undefined).toBe(!hasControl);
      }),
    );
  });
});

describe('findInvalidText', () => {
  it('gives the dot path of every bad string and the object of every bad key', () => {
    expect(
      findInvalidText({
        title: 'ok',
        tasks: [{ title: 'ok' }, { title: 'a\u0000' }],
        labels: { 'k\u0001': 'v' },
      }),
    ).toEqual([
      { path: 'tasks.1.title', message: expect.stringMatching(/U\+0000/) as unknown },
      { path: 'labels', message: expect.stringMatching(/^has a key that .*U\+0001/) as unknown },
    ]);
    expect(findInvalidText('\u0000')).toEqual([{ path: '', message: expect.any(String) as unknown }]);
    expect(findInvalidText(null)).toEqual([]);
    expect(findInvalidText([1, true, { a: 2 }])).toEqual([]);
  });
});
