import { describe, expect, it } from 'vitest';
import {
  type DurationHistogram,
  HistogramMerger,
  addDuration,
  histogramToArrays,
  percentile,
} from './duration-histogram.js';
import { MEASURES } from './measures.js';
import { type MeasureMergers, mergeStoredHistograms } from './stored-histograms.js';

function histogramOf(values: readonly number[]): DurationHistogram {
  const histogram: DurationHistogram = new Map();
  for (const value of values) addDuration(histogram, value);
  return histogram;
}

const mergers = (): MeasureMergers => ({
  detect: new HistogramMerger(),
  acknowledge: new HistogramMerger(),
  mitigate: new HistogramMerger(),
  resolve: new HistogramMerger(),
});

describe('stored histograms read off their text', () => {
  it('merge as JSON.parse then merger.add of each measure does', () => {
    const stored = [
      JSON.stringify({
        detect: histogramToArrays(histogramOf([0, 400, 1000, 5000, 5100])),
        acknowledge: histogramToArrays(histogramOf([60_000, 61_000, 3_600_000])),
        mitigate: [],
        resolve: histogramToArrays(histogramOf([86_400_000 * 400, 12_345_678])),
      }),
      JSON.stringify({
        detect: histogramToArrays(histogramOf([5050, 900_000])),
        acknowledge: [],
        resolve: [[3, 2, 1.5, 2e21]],
        other: [[1, 1, 1, 1]],
      }),
      '{ "acknowledge" : [ [ 40 , 7 , 2500000 , 2600000 ] ] }',
    ];
    const read = mergers();
    const parsed = mergers();
    for (const text of stored) {
      mergeStoredHistograms(text, read);
      const arrays = JSON.parse(text) as Partial<Record<string, number[][]>>;
      for (const measure of MEASURES) parsed[measure].add(arrays[measure] ?? []);
    }
    for (const measure of MEASURES) expect(read[measure].histogram()).toEqual(parsed[measure].histogram());
    expect(read.detect.histogram().size).toBeGreaterThan(0);
    expect(read.acknowledge.histogram().get(40)).toEqual([7, 2_500_000, 2_600_000]);
    expect(read.resolve.histogram().get(3)).toEqual([2, 1.5, 2e21]);
  });
});

describe('histogram merger read without a map', () => {
  it('counts and takes percentiles as the merged histogram does', () => {
    const parts = [[1000, 5000, 5100, 0], [5050, 900_000], [], [5020, 1000, 40, 7_200_000]];
    const first = new HistogramMerger();
    const second = new HistogramMerger();
    for (const [at, values] of parts.entries())
      (at % 2 === 0 ? first : second).add(histogramToArrays(histogramOf(values)));
    const merged = new HistogramMerger();
    merged.addMerger(first);
    merged.addMerger(second);
    const histogram = merged.histogram();
    expect(merged.count()).toBe(10);
    for (const p of [0.01, 0.25, 0.5, 0.9, 1]) expect(merged.percentile(p)).toBe(percentile(histogram, p));
    expect(new HistogramMerger().percentile(0.5)).toBeNull();
  });
});
