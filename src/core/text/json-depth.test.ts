import { describe, expect, it } from 'vitest';
import { JsonDepthScanner, MAX_JSON_DEPTH, isJsonDeeperThan, isJsonTextDeeperThan } from './json-depth.js';

const nested = (depth: number) => '{"a":'.repeat(depth - 1) + '[]' + '}'.repeat(depth - 1);

describe('JSON depth', () => {
  it('allows the limit and refuses one level more, in text and in values', () => {
    expect(isJsonTextDeeperThan(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(isJsonTextDeeperThan(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(isJsonDeeperThan(JSON.parse(nested(MAX_JSON_DEPTH)))).toBe(false);
    expect(isJsonDeeperThan(JSON.parse(nested(MAX_JSON_DEPTH + 1)))).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(isJsonTextDeeperThan(JSON.stringify({ a: '[[[[{{{{\\"[[[[' }), 2)).toBe(false);
    expect(isJsonTextDeeperThan('["\\\\", [[]]]', 2)).toBe(true);
  });

  it('reads text in chunks, split anywhere', () => {
    const text = JSON.stringify({ a: '"[', b: [[{ c: '\\' }]] });
    for (let at = 0; at <= text.length; at++) {
      const scanner = new JsonDepthScanner();
      scanner.feed(text.slice(0, at));
      expect(scanner.feed(text.slice(at))).toBe(4);
    }
  });

  it('measures 250,000 levels at once, without recursion', () => {
    const text = '['.repeat(250_000) + ']'.repeat(250_000);
    expect(isJsonTextDeeperThan(text)).toBe(true);
    expect(isJsonDeeperThan(JSON.parse(text))).toBe(true);
  });
});
