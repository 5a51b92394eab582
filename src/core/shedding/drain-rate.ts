/**
 * The rate a queue is written at, in items per second of writing: an exponentially weighted
 * mean over batches, each weighing by its share of time, so a stall shows within a few batches.
 */
export class DrainRate {
  private itemsPerMs: number | undefined;

  /** @param halfLifeMs writing time over which an old measurement loses half its weight */
  constructor(private readonly halfLifeMs = 2_000) {}

  /** Record a batch of `items` written in `elapsedMs`. */
  record(items: number, elapsedMs: number): void {
    const ms = Math.max(elapsedMs, 1);
    const rate = items / ms;
    if (this.itemsPerMs === undefined) {
      this.itemsPerMs = rate;
      return;
    }
    const keep = 0.5 ** (ms / this.halfLifeMs);
    this.itemsPerMs = keep * this.itemsPerMs + (1 - keep) * rate;
  }

  /** Items per second, or undefined before the first batch. */
  get perSecond(): number | undefined {
    return this.itemsPerMs === undefined ? undefined : this.itemsPerMs * 1000;
  }
}
