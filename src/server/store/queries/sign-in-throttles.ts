import type { Executor } from '../store.js';

/** The throttle rows of `keys` (missing keys have no failures). */
export function findThrottles(db: Executor, keys: readonly string[]) {
  return db
    .selectFrom('sign_in_throttles')
    .selectAll()
    .where('key', 'in', [...keys])
    .execute();
}

/**
 * Count one failure of `key` atomically (several processes may count at once); a count whose
 * last failure is older than `forgetBefore` starts again. Returns the new count.
 */
export async function countThrottleFailure(
  tx: Executor,
  key: string,
  now: number,
  forgetBefore: number,
): Promise<number> {
  const row = await tx
    .insertInto('sign_in_throttles')
    .values({ key, failures: 1, last_failure_at: now, blocked_until: 0 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('sign_in_throttles.last_failure_at', '<', forgetBefore)
          .then(1)
          .else(eb('sign_in_throttles.failures', '+', 1))
          .end(),
        last_failure_at: now,
      })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

/** Refuse attempts on `key` until `until` (never shortens a longer wait). */
export async function blockThrottle(tx: Executor, key: string, until: number): Promise<void> {
  await tx
    .updateTable('sign_in_throttles')
    .set({ blocked_until: until })
    .where('key', '=', key)
    .where('blocked_until', '<', until)
    .execute();
}

/** Forget the failures of `keys` (a successful sign-in). */
export async function clearThrottles(tx: Executor, keys: readonly string[]): Promise<void> {
  await tx
    .deleteFrom('sign_in_throttles')
    .where('key', 'in', [...keys])
    .execute();
}

/** Remove rows whose failures are all older than `before`. */
export async function pruneThrottles(tx: Executor, before: number): Promise<void> {
  await tx.deleteFrom('sign_in_throttles').where('last_failure_at', '<', before).execute();
}
