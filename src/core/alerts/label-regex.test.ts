import { describe, expect, it } from 'vitest';
import { labelRegexError, matchesLabelRegex } from './label-regex.js';

describe('label regular expressions', () => {
  it('match whole values, as Alertmanager anchors them', () => {
    expect(matchesLabelRegex('web-.*', 'web-1')).toBe(true);
    expect(matchesLabelRegex('web', 'web-1')).toBe(false);
    expect(matchesLabelRegex('a|b', 'b')).toBe(true);
    expect(matchesLabelRegex('a|b', 'ab')).toBe(false);
    expect(matchesLabelRegex('.+', 'x\ny')).toBe(false);
    expect(matchesLabelRegex('.+', 'x\ny', { isDotAll: true })).toBe(true);
  });

  it('answer in linear time where a backtracking engine would run for hours', () => {
    // 2^60 paths for a backtracking engine; a few thousand steps for RE2.
    const value = `${'a'.repeat(60)}!`;
    expect(matchesLabelRegex('(a+)+', value)).toBe(false);
    expect(matchesLabelRegex('(a|aa)*', value)).toBe(false);
    expect(matchesLabelRegex('(a+)+!', value)).toBe(true);
  });

  it('refuse what RE2 does not accept: backreferences, lookaround, bad syntax', () => {
    expect(labelRegexError('web-.*')).toBeNull();
    expect(labelRegexError('(a)\\1')).toMatch(/invalid escape sequence/);
    expect(labelRegexError('(?=a)a')).toMatch(/error parsing regexp/);
    expect(labelRegexError('(')).toMatch(/missing closing \)/);
  });
});
