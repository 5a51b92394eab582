import type { CheckStatus, CheckType } from './check-config.js';

/** What one probe found. */
export interface ProbeResult {
  isUp: boolean;
  /** Time to the response (HTTP) or connection (TCP); null when there was none. */
  latencyMs: number | null;
  /** Why it failed, or what it saw ("HTTP 200"). */
  message: string | null;
  /** HTTP status of the final response, when there was one. */
  statusCode?: number | null;
}

/** While confirming a failure, the next try comes this soon (or after the interval if shorter). */
export const CONFIRM_RETRY_MS = 10_000;

/** The state a check moves to after a run, and the alert action that move needs. */
export interface NextCheckState {
  status: CheckStatus;
  consecutiveFailures: number;
  nextRunAt: number;
  alert: 'trigger' | 'resolve' | null;
}

/**
 * One run's effect: a success makes the check up (resolving if it was down); a failure is
 * confirmed by `retries` more runs, sooner than the interval, before the check is down and
 * the alert triggers, once. A heartbeat's silence is already confirmed by its grace period.
 */
export function nextCheckState(
  check: {
    type: CheckType;
    status: CheckStatus;
    consecutive_failures: number;
    retries: number;
    interval_seconds: number;
  },
  isUp: boolean,
  now: number,
): NextCheckState {
  const intervalMs = check.interval_seconds * 1000;
  if (isUp) {
    return {
      status: 'up',
      consecutiveFailures: 0,
      nextRunAt: now + intervalMs,
      alert: check.status === 'down' ? 'resolve' : null,
    };
  }
  const failures = check.consecutive_failures + 1;
  const needed = check.type === 'heartbeat' ? 1 : check.retries + 1;
  if (failures < needed) {
    return {
      status: check.status,
      consecutiveFailures: failures,
      nextRunAt: now + Math.min(intervalMs, CONFIRM_RETRY_MS),
      alert: null,
    };
  }
  return {
    status: 'down',
    consecutiveFailures: failures,
    nextRunAt: now + intervalMs,
    alert: check.status === 'down' ? null : 'trigger',
  };
}
