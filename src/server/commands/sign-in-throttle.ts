import { RateLimitedError } from '../../core/errors.js';
import {
  THROTTLE_MEMORY_MS,
  THROTTLE_RULES,
  type ThrottleKind,
  retryAfterSeconds,
  throttleDelayMs,
  throttleKeys,
} from '../../core/auth/sign-in-throttle.js';
import {
  blockThrottle,
  clearThrottles,
  countThrottleFailure,
  findThrottles,
  pruneThrottles,
} from '../store/queries/sign-in-throttles.js';
import type { AppContext } from './context.js';

/** One sign-in attempt's place in the throttles: the account it names and where it comes from. */
export interface SignInAttempt {
  email: string;
  address: string;
}

const KINDS: readonly ThrottleKind[] = ['pair', 'address', 'account'];

/**
 * Throw RateLimitedError when this attempt must wait. The account throttle only holds back
 * addresses that failed recently themselves: the real user, signing in from a clean address,
 * passes it with the right password.
 */
export async function assertNotThrottled(ctx: AppContext, attempt: SignInAttempt): Promise<void> {
  const keys = throttleKeys(attempt.email, attempt.address);
  const now = ctx.clock.now();
  const rows = await findThrottles(ctx.store.db, Object.values(keys));
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const live = (kind: ThrottleKind) => {
    const row = byKey.get(keys[kind]);
    return row && row.last_failure_at >= now - THROTTLE_MEMORY_MS ? row : undefined;
  };
  const address = live('address');
  const waits = [live('pair')?.blocked_until ?? 0, address?.blocked_until ?? 0];
  if (address) waits.push(live('account')?.blocked_until ?? 0);
  const until = Math.max(...waits);
  if (until > now) throw new RateLimitedError(retryAfterSeconds(until, now));
}

/** Count a failed attempt under all three keys, and start each key's wait where due. */
export async function recordSignInFailure(ctx: AppContext, attempt: SignInAttempt): Promise<void> {
  const keys = throttleKeys(attempt.email, attempt.address);
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    // Forgotten counts go, so addresses that tried once long ago do not pile up.
    await pruneThrottles(tx, now - THROTTLE_MEMORY_MS);
    for (const kind of KINDS) {
      const failures = await countThrottleFailure(tx, keys[kind], now, now - THROTTLE_MEMORY_MS);
      const delay = throttleDelayMs(THROTTLE_RULES[kind], failures);
      if (delay > 0) await blockThrottle(tx, keys[kind], now + delay);
    }
  });
}

/** A successful sign-in forgets the pair's and the account's failures (not the address's). */
export async function recordSignInSuccess(ctx: AppContext, attempt: SignInAttempt): Promise<void> {
  const keys = throttleKeys(attempt.email, attempt.address);
  await clearThrottles(ctx.store.db, [keys.pair, keys.account]);
}
