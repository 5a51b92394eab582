import { describe, expect, it } from 'vitest';
import { cleanJson, cleanText, findUncleanText, isCleanText } from './clean-text.js';

describe('cleanText', () => {
  it('strips C0 control characters but keeps tab, line feed and carriage return', () => {
    expect(cleanText('a\u0000b\u0001c\u0007d\u001Fe\tf\ng\rh\u000Bi\u000Cj')).toBe('abcde\tf\ng\rhij');
  });

  it('replaces lone surrogates with U+FFFD and keeps pairs', () => {
    expect(cleanText('x\uD800y')).toBe('x\uFFFDy');
    expect(cleanText('x\uDC00y')).toBe('x\uFFFDy');
    expect(cleanText('end\uD83D')).toBe('end\uFFFD');
    expect(cleanText('\uDE00\uD83D')).toBe('\uFFFD\uFFFD');
    expect(cleanText('ok 😀 é')).toBe('ok 😀 é');
  });

  it('keeps DEL and C1 characters, which databases store', () => {
    expect(isCleanText('a\u007Fb\u0085c')).toBe(true);
  });
});

describe('cleanJson', () => {
  it('cleans every string and key at any depth, leaving other values alone', () => {
    const dirty = {
      'na\u0000me': ['v\u0001', { deep: 'x\uD800' }],
      n: 1,
      b: true,
      z: null,
    };
    expect(cleanJson(dirty)).toEqual({ name: ['v', { deep: 'x\uFFFD' }], n: 1, b: true, z: null });
    expect(dirty['na\u0000me'][0]).toBe('v\u0001');
  });

  it('returns a clean value itself', () => {
    const clean = { a: ['b', { c: 'd' }] };
    expect(cleanJson(clean)).toBe(clean);
  });

  it('keeps "__proto__" a plain key', () => {
    const parsed = JSON.parse('{"__proto__": {"x": "\\u0000"}}') as Record<string, unknown>;
    const cleaned = cleanJson(parsed);
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(Object.keys(cleaned)).toEqual(['__proto__']);
    expect(JSON.stringify(cleaned)).toBe('{"__proto__":{"x":""}}');
  });

  it('cleans a value nested 100,000 deep without overflowing the stack', () => {
    const text = '{"a":'.repeat(100_000) + '"\\u0000"' + '}'.repeat(100_000);
    const value = JSON.parse(text) as unknown;
    expect(findUncleanText(value)).toBe(Array.from({ length: 100_000 }, () => 'a').join('.'));
    expect(findUncleanText(cleanJson(value))).toBeNull();
  });
});

describe('findUncleanText', () => {
  it('names the first unclean key or value', () => {
    expect(findUncleanText({ labels: { team: 'a\u0000' } })).toBe('labels.team');
    expect(findUncleanText({ links: [{ href: 'ok' }, { href: '\uDC00' }] })).toBe('links[1].href');
    expect(findUncleanText({ details: { 'k\u0002': 1 } })).toBe('details.k\u0002');
    expect(findUncleanText('\u0000')).toBe('');
    expect(findUncleanText({ fine: ['yes', 1, null] })).toBeNull();
  });
});
