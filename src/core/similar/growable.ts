/** An Int32Array that grows by doubling: postings and slot columns without per-item objects. */
export class IntColumn {
  values: Int32Array;
  length = 0;

  constructor(capacity = 4) {
    this.values = new Int32Array(capacity);
  }

  /** Append one value. */
  push(value: number): void {
    if (this.length === this.values.length) {
      const next = new Int32Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = value;
  }
}

/** A Float32Array that grows by doubling (weights: single precision is plenty). */
export class FloatColumn {
  values: Float32Array;
  length = 0;

  constructor(capacity = 4) {
    this.values = new Float32Array(capacity);
  }

  /** Append one value. */
  push(value: number): void {
    if (this.length === this.values.length) {
      const next = new Float32Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = value;
  }
}

/**
 * The `size` best items by score from a stream, kept in a min-heap: the worst kept item sits
 * at the top, so a new item is compared with one number.
 */
export class TopItems {
  private readonly scores: Float64Array;
  private readonly items: Int32Array;
  private count = 0;

  constructor(private readonly size: number) {
    this.scores = new Float64Array(size);
    this.items = new Int32Array(size);
  }

  /** The score an offer must beat to be kept: the worst kept one once full, else -Infinity. */
  get floor(): number {
    return this.count < this.size ? -Infinity : (this.scores[0] ?? 0);
  }

  /** Offer an item; kept when it beats the worst of a full heap. */
  offer(item: number, score: number): void {
    if (this.count < this.size) {
      let i = this.count++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((this.scores[parent] ?? 0) <= score) break;
        this.scores[i] = this.scores[parent] ?? 0;
        this.items[i] = this.items[parent] ?? 0;
        i = parent;
      }
      this.scores[i] = score;
      this.items[i] = item;
      return;
    }
    if (score <= (this.scores[0] ?? 0)) return;
    this.siftDown(item, score);
  }

  private siftDown(item: number, score: number): void {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.count) break;
      const right = left + 1;
      const child = right < this.count && (this.scores[right] ?? 0) < (this.scores[left] ?? 0) ? right : left;
      if ((this.scores[child] ?? 0) >= score) break;
      this.scores[i] = this.scores[child] ?? 0;
      this.items[i] = this.items[child] ?? 0;
      i = child;
    }
    this.scores[i] = score;
    this.items[i] = item;
  }

  /** The kept items, best first. */
  best(): number[] {
    const order = Array.from({ length: this.count }, (_, i) => i);
    order.sort((a, b) => (this.scores[b] ?? 0) - (this.scores[a] ?? 0));
    return order.map((i) => this.items[i] ?? 0);
  }
}
