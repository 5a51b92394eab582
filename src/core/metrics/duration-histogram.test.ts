import { describe, expect, it } from 'vitest';
import {
  type DurationHistogram,
  HistogramMerger,
  addDuration,
  histogramToArrays,
  mergeHistogram,
  percentile,
} from './duration-histogram.js';

function histogramOf(values: readonly number[]): DurationHistogram {
  const histogram: DurationHistogram = new Map();
  for (const value of values) addDuration(histogram, value);
  return histogram;
}

/** Nearest rank on the sorted values: the reference the histogram is held to. */
function exactPercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
}

describe('duration histogram', () => {
  it('is exact on small data sets: nearest rank', () => {
    // [1,2,3,4] s: median rank 2 → 2 s; p90 rank ⌈3.6⌉ = 4 → 4 s.
    const histogram = histogramOf([4000, 1000, 3000, 2000]);
    expect(percentile(histogram, 0.5)).toBe(2000);
    expect(percentile(histogram, 0.9)).toBe(4000);
    expect(percentile(new Map(), 0.5)).toBeNull();
    // Negative durations (an edited milestone) count as zero.
    expect(percentile(histogramOf([-5000]), 0.5)).toBe(0);
  });

  it('merges to the histogram of all values', () => {
    const a = histogramOf([1000, 90_000, 3_600_000]);
    const b = histogramOf([60_000, 7_200_000]);
    mergeHistogram(a, b);
    expect(a).toEqual(histogramOf([1000, 90_000, 3_600_000, 60_000, 7_200_000]));
  });

  it('stays within a bucket (under 9 %) of the exact percentile on large data sets', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const values = Array.from({ length: 20_000 }, () => Math.floor(random() ** 3 * 86_400_000));
    const histogram = histogramOf(values);
    for (const p of [0.5, 0.9, 0.99]) {
      const exact = exactPercentile(values, p);
      const estimate = percentile(histogram, p)!;
      expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.09);
    }
  });
});

describe('histogram merger', () => {
  it('merges stored histograms as mergeHistogram does', () => {
    const parts = [[1000, 5000, 5100], [5050, 900_000], [], [5020, 1000, 40]];
    const expected: DurationHistogram = new Map();
    const merger = new HistogramMerger();
    for (const values of parts) {
      mergeHistogram(expected, histogramOf(values));
      merger.add(histogramToArrays(histogramOf(values)));
    }
    const merged = merger.histogram();
    expect(new Map([...merged].sort((a, b) => a[0] - b[0]))).toEqual(
      new Map([...expected].sort((a, b) => a[0] - b[0])),
    );
    expect(percentile(merged, 0.5)).toBe(percentile(expected, 0.5));
  });
});
