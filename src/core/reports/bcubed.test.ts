import { describe, expect, it } from 'vitest';
import { bcubed } from './bcubed.js';

/** Bagga and Baldwin's example: twelve mentions, two true chains merged into one by the system. */
const truth = new Map<string, string>([
  ...'1 2 3 4 5'.split(' ').map((m) => [m, 'A'] as [string, string]),
  ...'6 7'.split(' ').map((m) => [m, 'B'] as [string, string]),
  ...'8 9 A B C'.split(' ').map((m) => [m, 'C'] as [string, string]),
]);
const merged = new Map<string, string>([...truth].map(([m, chain]) => [m, chain === 'A' ? 'x' : 'y']));

describe('bcubed', () => {
  it('scores the textbook example: merging two chains costs precision (64/84), not recall', () => {
    const scores = bcubed(truth, merged);
    expect(scores.precision).toBeCloseTo(64 / 84, 10);
    expect(scores.recall).toBe(1);
    expect(scores.f1).toBeCloseTo((2 * (64 / 84)) / (1 + 64 / 84), 10);
  });

  it('is symmetric: the same split read the other way costs recall, not precision', () => {
    const scores = bcubed(merged, truth);
    expect(scores.precision).toBe(1);
    expect(scores.recall).toBeCloseTo(64 / 84, 10);
  });

  it('gives 1 and 1 to the truth itself, and a missing item a cluster of its own', () => {
    expect(bcubed(truth, truth)).toEqual({ precision: 1, recall: 1, f1: 1 });
    const withoutOne = new Map(truth);
    withoutOne.delete('7');
    const scores = bcubed(truth, withoutOne);
    expect(scores.precision).toBe(1);
    // 6 and 7 each find half their chain: (10 + 0.5 + 0.5) / 12.
    expect(scores.recall).toBeCloseTo(11 / 12, 10);
  });
});
