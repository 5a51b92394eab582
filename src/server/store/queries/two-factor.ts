import type { Insertable } from 'kysely';
import type { SignInChallengesTable } from '../schema.js';
import type { Executor } from '../store.js';

/** Keep `secret` as the user's unconfirmed TOTP secret (two-factor stays off until confirmed). */
export async function setPendingTotpSecret(tx: Executor, userId: number, secret: string): Promise<void> {
  await tx
    .updateTable('users')
    .set({ totp_secret: secret, totp_enabled_at: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute();
}

/** Turn two-factor on with the pending secret, `step` being the code just used. */
export async function enableTotp(tx: Executor, userId: number, now: number, step: number): Promise<void> {
  await tx
    .updateTable('users')
    .set({ totp_enabled_at: now, totp_last_step: step })
    .where('id', '=', userId)
    .execute();
}

/** Turn two-factor off and forget the secret and the recovery codes. */
export async function disableTotp(tx: Executor, userId: number): Promise<void> {
  await tx
    .updateTable('users')
    .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute();
  await tx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

/**
 * Record `step` as used if it is later than every step used before; false when it is not
 * (the code was already used: a replay). Atomic, so two requests cannot both use one code.
 */
export async function useTotpStep(tx: Executor, userId: number, step: number): Promise<boolean> {
  const result = await tx
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replace a user's recovery codes with these hashes. */
export async function replaceRecoveryCodes(tx: Executor, userId: number, hashes: string[]): Promise<void> {
  await tx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (hashes.length === 0) return;
  await tx
    .insertInto('recovery_codes')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null })))
    .execute();
}

/** Mark an unused recovery code used; false when there is no such unused code. */
export async function useRecoveryCode(
  tx: Executor,
  userId: number,
  hash: string,
  now: number,
): Promise<boolean> {
  const result = await tx
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** How many unused recovery codes a user has. */
export async function countRecoveryCodesLeft(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Store a sign-in challenge (its token's hash only). */
export async function insertSignInChallenge(
  tx: Executor,
  row: Insertable<SignInChallengesTable>,
): Promise<void> {
  await tx.insertInto('sign_in_challenges').values(row).execute();
}

/** A live challenge and its user, by token hash. */
export function findSignInChallenge(db: Executor, tokenHash: string, now: number) {
  return db
    .selectFrom('sign_in_challenges')
    .innerJoin('users', 'users.id', 'sign_in_challenges.user_id')
    .selectAll('users')
    .select(['sign_in_challenges.purpose', 'sign_in_challenges.attempts', 'sign_in_challenges.address'])
    .where('sign_in_challenges.token_hash', '=', tokenHash)
    .where('sign_in_challenges.expires_at', '>', now)
    .executeTakeFirst();
}

/** Count a wrong code against a challenge. */
export async function countChallengeAttempt(tx: Executor, tokenHash: string): Promise<void> {
  await tx
    .updateTable('sign_in_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** Remove a challenge (used, or too many wrong codes); also drops expired ones. */
export async function deleteSignInChallenge(tx: Executor, tokenHash: string, now: number): Promise<void> {
  await tx
    .deleteFrom('sign_in_challenges')
    .where((eb) => eb.or([eb('token_hash', '=', tokenHash), eb('expires_at', '<=', now)]))
    .execute();
}
