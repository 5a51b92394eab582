/**
 * The sign-in throttling policy, as pure arithmetic; `commands/sign-in-throttle.ts` keeps
 * the counters in the database. Failures are counted under three keys at once:
 *
 * - the (account, address) pair: the tight limit, which slows a guesser down most;
 * - the source address alone: a looser limit against one address trying many accounts;
 * - the account alone: against many addresses trying one account. A correct password from
 *   an address with no recent failures still passes it, so an attacker cannot lock the
 *   real user out.
 */

/** How one kind of key is throttled. */
export interface ThrottleRule {
  /** Failures allowed before any wait. */
  freeFailures: number;
  /** The first wait, in milliseconds; it doubles with every further failure. */
  baseDelayMs: number;
  /** The longest wait. */
  maxDelayMs: number;
}

export type ThrottleKind = 'pair' | 'address' | 'account';

const MINUTE = 60_000;

/** The policy documented in docs/authentication.md. */
export const THROTTLE_RULES: Record<ThrottleKind, ThrottleRule> = {
  pair: { freeFailures: 5, baseDelayMs: 1_000, maxDelayMs: 15 * MINUTE },
  address: { freeFailures: 30, baseDelayMs: 1_000, maxDelayMs: 15 * MINUTE },
  account: { freeFailures: 10, baseDelayMs: 1_000, maxDelayMs: 15 * MINUTE },
};

/** Failures older than this are forgotten: the next failure starts the count again. */
export const THROTTLE_MEMORY_MS = 24 * 60 * MINUTE;

/** How long after its `failures`-th failure a key must wait: 0, then 1 s, 2 s, 4 s… up to the cap. */
export function throttleDelayMs(rule: ThrottleRule, failures: number): number {
  const over = failures - rule.freeFailures;
  if (over < 0) return 0;
  // 2^over overflows nothing here: the cap is reached long before.
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(over, 30));
}

/** The database key of each throttle for an attempt on `email` from `address`. */
export function throttleKeys(email: string, address: string): Record<ThrottleKind, string> {
  const account = email.trim().toLowerCase();
  return { pair: `pair:${account}|${address}`, address: `address:${address}`, account: `account:${account}` };
}

/** Whole seconds to announce in Retry-After for a wait until `until` (at least 1). */
export function retryAfterSeconds(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}
