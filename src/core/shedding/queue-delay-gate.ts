/** The shedding rule of a queue: how long its oldest entry may wait, and for how long. */
export interface QueueDelayPolicy {
  /** Waits up to this are normal: a burst queues and drains. */
  targetMs: number;
  /** The oldest entry's wait must stay above `targetMs` this long before arrivals are refused. */
  intervalMs: number;
  /** Retry-After never exceeds this many seconds. */
  maxRetryAfterSeconds: number;
}

/** The queue as the gate sees it at one moment. */
export interface QueueState {
  /** When the oldest entry still waiting joined, or undefined when none waits. */
  oldestSince: number | undefined;
  /** Items (events) waiting or being written. */
  backlog: number;
  /** Items committed per second lately, or undefined before the first commit. */
  drainPerSecond: number | undefined;
}

/** Let an arrival in, or refuse it and say after how many seconds to try again. */
export type Admission = { isAdmitted: true } | { isAdmitted: false; retryAfterSeconds: number };

/**
 * Shedding by queue delay, after CoDel: a queue is overloaded when its oldest entry has waited
 * longer than `targetMs` continuously for `intervalMs`; then arrivals are refused until the wait
 * falls back under target. Counting entries instead lets the wait grow with the cost of a batch,
 * so answers turn slow long before any is refused. Pure: the caller reports the queue and the time.
 */
export class QueueDelayGate {
  /** The last moment the queue was seen empty or under target. */
  private lastUnderAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly policy: QueueDelayPolicy) {}

  /** Note the queue's state at `now` (call it whenever entries leave, too). */
  observe(now: number, state: Pick<QueueState, 'oldestSince'>): void {
    if (state.oldestSince === undefined || now - state.oldestSince <= this.policy.targetMs) {
      this.lastUnderAt = now;
    }
  }

  /** Decide on an arrival at `now`. */
  admit(now: number, state: QueueState): Admission {
    this.observe(now, state);
    if (state.oldestSince === undefined) return { isAdmitted: true };
    // Above target since the later of: the oldest entry passing target, the last time seen under.
    const aboveSince = Math.max(this.lastUnderAt, state.oldestSince + this.policy.targetMs);
    if (now - aboveSince < this.policy.intervalMs) return { isAdmitted: true };
    return { isAdmitted: false, retryAfterSeconds: this.retryAfterSeconds(now, state) };
  }

  /**
   * The Retry-After of a refusal at `now`: seconds until the backlog is written at the measured
   * rate (the wait so far when none is measured), at least 1 and at most the policy's cap.
   */
  retryAfterSeconds(now: number, state: QueueState): number {
    const waitedMs = now - (state.oldestSince ?? now);
    const drainMs =
      state.drainPerSecond !== undefined && state.drainPerSecond > 0
        ? (state.backlog / state.drainPerSecond) * 1000
        : waitedMs;
    return Math.min(this.policy.maxRetryAfterSeconds, Math.max(1, Math.ceil(drainMs / 1000)));
  }
}
