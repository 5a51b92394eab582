/**
 * Durations summarised so that summaries add up: a log-scale histogram whose buckets keep
 * their count, smallest and largest value. Merging two is exact; a percentile read from one
 * is exact whenever its bucket holds at most two distinct values (every small data set), and
 * otherwise interpolated inside a bucket less than 9 % wide (eight buckets per doubling).
 */

/** One bucket: how many durations, the smallest and the largest (milliseconds). */
export type HistogramBucket = [count: number, min: number, max: number];

/** Bucket index → bucket. Durations under a second share bucket 0. */
export type DurationHistogram = Map<number, HistogramBucket>;

const BUCKETS_PER_DOUBLING = 8;

/** The bucket a duration (milliseconds, negative counts as 0) falls in. */
export function bucketOf(ms: number): number {
  if (ms < 1000) return 0;
  return 1 + Math.floor(Math.log2(ms / 1000) * BUCKETS_PER_DOUBLING);
}

/** Count one duration. */
export function addDuration(histogram: DurationHistogram, ms: number): void {
  const value = Math.max(0, ms);
  const index = bucketOf(value);
  const bucket = histogram.get(index);
  if (!bucket) histogram.set(index, [1, value, value]);
  else {
    bucket[0] += 1;
    if (value < bucket[1]) bucket[1] = value;
    if (value > bucket[2]) bucket[2] = value;
  }
}

/** Add every bucket of `from` into `into`. */
export function mergeHistogram(into: DurationHistogram, from: DurationHistogram): void {
  for (const [index, [count, min, max]] of from) {
    const bucket = into.get(index);
    if (!bucket) into.set(index, [count, min, max]);
    else {
      bucket[0] += count;
      bucket[1] = Math.min(bucket[1], min);
      bucket[2] = Math.max(bucket[2], max);
    }
  }
}

/** How many durations the histogram holds. */
export function histogramCount(histogram: DurationHistogram): number {
  let total = 0;
  for (const [count] of histogram.values()) total += count;
  return total;
}

/**
 * The nearest-rank percentile (`p` in (0, 1]): the duration at rank ⌈p·n⌉ of the sorted
 * durations, or null for an empty histogram. Inside a bucket holding several durations the
 * rank is placed evenly between its smallest and largest.
 */
export function percentile(histogram: DurationHistogram, p: number): number | null {
  const total = histogramCount(histogram);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const index of [...histogram.keys()].sort((a, b) => a - b)) {
    const [count, min, max] = histogram.get(index) ?? [0, 0, 0];
    if (seen + count >= rank) {
      const position = rank - seen; // 1 … count
      if (count === 1) return min;
      return Math.round(min + ((max - min) * (position - 1)) / (count - 1));
    }
    seen += count;
  }
  return null;
}

/** The histogram as plain arrays (`[index, count, min, max]`), for storage. */
export function histogramToArrays(histogram: DurationHistogram): number[][] {
  return [...histogram].map(([index, [count, min, max]]) => [index, count, min, max]);
}

/** The histogram back from `histogramToArrays`. */
export function histogramFromArrays(rows: readonly (readonly number[])[]): DurationHistogram {
  const histogram: DurationHistogram = new Map();
  for (const [index = 0, count = 0, min = 0, max = 0] of rows) histogram.set(index, [count, min, max]);
  return histogram;
}

/**
 * Many stored histograms merged without a map for each: buckets kept in one typed array by
 * index (count, min, max; a NaN count marks an unseen bucket; ascending index is ascending
 * duration), read back as a histogram, a count or a percentile without building one. Same
 * result as `mergeHistogram` over `histogramFromArrays`.
 */
export class HistogramMerger {
  private cells = EMPTY;
  /** One past the highest bucket index seen. */
  private end = 0;

  /** Add one stored bucket. */
  addBucket(index: number, count: number, min: number, max: number): void {
    if (index >= this.end) {
      if (3 * index + 3 > this.cells.length) this.grow(index + 1);
      this.end = index + 1;
    }
    const at = 3 * index;
    const seen = this.cells[at] ?? Number.NaN;
    if (Number.isNaN(seen)) {
      this.cells[at] = count;
      this.cells[at + 1] = min;
      this.cells[at + 2] = max;
    } else {
      this.cells[at] = seen + count;
      if (min < (this.cells[at + 1] ?? min)) this.cells[at + 1] = min;
      if (max > (this.cells[at + 2] ?? max)) this.cells[at + 2] = max;
    }
  }

  /** Add every bucket of a stored histogram (`histogramToArrays` form). */
  add(rows: readonly (readonly number[])[]): void {
    for (const [index = 0, count = 0, min = 0, max = 0] of rows) this.addBucket(index, count, min, max);
  }

  /** Add every bucket of another merger. */
  addMerger(other: HistogramMerger): void {
    const cells = other.cells;
    for (let index = 0; index < other.end; index++) {
      const count = cells[3 * index] ?? Number.NaN;
      if (!Number.isNaN(count))
        this.addBucket(index, count, cells[3 * index + 1] ?? 0, cells[3 * index + 2] ?? 0);
    }
  }

  /** How many durations were merged. */
  count(): number {
    let total = 0;
    for (let index = 0; index < this.end; index++) {
      const count = this.cells[3 * index] ?? Number.NaN;
      if (!Number.isNaN(count)) total += count;
    }
    return total;
  }

  /** The merged histogram's `percentile`, read from the array. */
  percentile(p: number): number | null {
    const total = this.count();
    if (total === 0) return null;
    const rank = Math.max(1, Math.ceil(p * total));
    let seen = 0;
    for (let index = 0; index < this.end; index++) {
      const count = this.cells[3 * index] ?? Number.NaN;
      if (Number.isNaN(count)) continue;
      if (seen + count >= rank) {
        const min = this.cells[3 * index + 1] ?? 0;
        const max = this.cells[3 * index + 2] ?? 0;
        const position = rank - seen; // 1 … count
        if (count === 1) return min;
        return Math.round(min + ((max - min) * (position - 1)) / (count - 1));
      }
      seen += count;
    }
    return null;
  }

  /** The merged histogram. */
  histogram(): DurationHistogram {
    const histogram: DurationHistogram = new Map();
    for (let index = 0; index < this.end; index++) {
      const count = this.cells[3 * index] ?? Number.NaN;
      if (!Number.isNaN(count))
        histogram.set(index, [count, this.cells[3 * index + 1] ?? 0, this.cells[3 * index + 2] ?? 0]);
    }
    return histogram;
  }

  private grow(buckets: number): void {
    const cells = new Float64Array(3 * Math.max(buckets, 2 * (this.cells.length / 3), 32)).fill(Number.NaN);
    cells.set(this.cells);
    this.cells = cells;
  }
}

const EMPTY = new Float64Array(0);
