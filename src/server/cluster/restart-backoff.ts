/** A worker that lived this long before it died counts as healthy: its next restart is at once. */
const HEALTHY_MS = 60_000;
const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 30_000;

/**
 * How long to wait before restarting a worker that died: at once after a long life, doubling
 * (to 30 s at most) while it keeps dying soon after start, so a crash loop does not spin.
 */
export class RestartBackoff {
  private quickDeaths = 0;

  /** The wait before the next start of a worker that lived `livedMs`. */
  delayAfter(livedMs: number): number {
    if (livedMs >= HEALTHY_MS) this.quickDeaths = 0;
    const delay =
      this.quickDeaths === 0 ? 0 : Math.min(FIRST_DELAY_MS * 2 ** (this.quickDeaths - 1), MAX_DELAY_MS);
    this.quickDeaths++;
    return delay;
  }
}
