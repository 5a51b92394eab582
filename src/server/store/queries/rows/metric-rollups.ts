import { histogramFromArrays, histogramToArrays } from '../../../../core/metrics/duration-histogram.js';
import {
  MEASURES,
  type MeasureHistograms,
  emptyMeasureHistograms,
} from '../../../../core/metrics/measures.js';
import type { ColumnCodec } from './codec.js';
import { rowMapper } from './codec.js';

/** The four histograms as JSON arrays (`{"detect": [[bucket, count, min, max], …], …}`). */
const histograms: ColumnCodec<string, MeasureHistograms> = {
  encode: (value) =>
    JSON.stringify(
      Object.fromEntries(MEASURES.map((measure) => [measure, histogramToArrays(value[measure])])),
    ),
  decode: (stored) => {
    const parsed = JSON.parse(stored) as Partial<Record<string, number[][]>>;
    const value = emptyMeasureHistograms();
    for (const measure of MEASURES) value[measure] = histogramFromArrays(parsed[measure] ?? []);
    return value;
  },
};

/** Metric rollup rows: the duration histograms. */
export const metricRollupRows = rowMapper({ durations: histograms });
