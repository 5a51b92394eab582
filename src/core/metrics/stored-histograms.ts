import type { HistogramMerger } from './duration-histogram.js';
import { MEASURES, type Measure } from './measures.js';

/** One merger per measure. */
export type MeasureMergers = Record<Measure, HistogramMerger>;

const QUOTE = 34; // "
const OPEN = 91; // [
const CLOSE = 93; // ]
const ZERO = 48;
const NINE = 57;

/**
 * Merge a stored rollup's histograms (the JSON text `{"detect": [[bucket, count, min, max],
 * …], …}`) straight into the mergers, reading the numbers off the text without building its
 * objects and arrays. Same result as `merger.add` of each measure's `JSON.parse`d arrays;
 * keys other than the four measures are skipped.
 */
export function mergeStoredHistograms(text: string, into: MeasureMergers): void {
  let merger: HistogramMerger | undefined;
  let depth = 0;
  const bucket = [0, 0, 0, 0];
  let filled = 0;
  const length = text.length;
  for (let at = 0; at < length; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      const end = text.indexOf('"', at + 1);
      const key = text.slice(at + 1, end);
      merger = (MEASURES as readonly string[]).includes(key) ? into[key as Measure] : undefined;
      at = end;
    } else if (code === OPEN) {
      depth += 1;
      if (depth === 2) filled = 0;
    } else if (code === CLOSE) {
      if (depth === 2 && merger)
        merger.addBucket(
          filled > 0 ? (bucket[0] ?? 0) : 0,
          filled > 1 ? (bucket[1] ?? 0) : 0,
          filled > 2 ? (bucket[2] ?? 0) : 0,
          filled > 3 ? (bucket[3] ?? 0) : 0,
        );
      depth -= 1;
    } else if (depth === 2 && (code === 45 || (code >= ZERO && code <= NINE))) {
      // A number: digits read directly, anything else (sign, fraction, exponent) by Number.
      let value = 0;
      let end = at;
      let plain = true;
      for (; end < length; end++) {
        const c = text.charCodeAt(end);
        if (c >= ZERO && c <= NINE) value = value * 10 + (c - ZERO);
        else if (c === 44 || c === CLOSE || c === 32 || c === 9 || c === 10 || c === 13) break;
        else plain = false;
      }
      if (!plain || end - at > 15) value = Number(text.slice(at, end));
      if (filled < 4) bucket[filled] = value;
      filled += 1;
      at = end - 1;
    }
  }
}
