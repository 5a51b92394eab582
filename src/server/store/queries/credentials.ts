import type { Insertable } from 'kysely';
import type { ApiTokensTable, SessionsTable } from '../schema.js';
import type { Executor } from '../store.js';

/** Store a browser session. */
export async function insertSession(tx: Executor, row: Insertable<SessionsTable>): Promise<void> {
  await tx.insertInto('sessions').values(row).execute();
}

/** A live session and its user, by token hash. */
export function findSession(db: Executor, tokenHash: string, now: number) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.id as session_id'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

/** End a session. */
export async function deleteSession(tx: Executor, tokenHash: string): Promise<void> {
  await tx.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** End every session of a user (disabled, password changed). */
export async function deleteSessionsOf(tx: Executor, userId: number): Promise<void> {
  await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Store an API token (its hash only). */
export function insertApiToken(tx: Executor, row: Insertable<ApiTokensTable>) {
  return tx.insertInto('api_tokens').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A usable token and its user, by hash: not revoked, not expired. */
export function findLiveApiToken(db: Executor, tokenHash: string, now: number) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .executeTakeFirst();
}

/** Record when a token was last used. */
export async function touchApiToken(tx: Executor, id: number, now: number): Promise<void> {
  await tx.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** Tokens with their owners, newest first; only `userId`'s when given. */
export function listApiTokens(db: Executor, userId?: number) {
  let q = db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('api_tokens')
    .select(['users.name as user_name', 'users.email as user_email']);
  if (userId !== undefined) q = q.where('api_tokens.user_id', '=', userId);
  return q.orderBy('api_tokens.id', 'desc').execute();
}

/** One token with its owner. */
export function findApiToken(db: Executor, id: number) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('api_tokens')
    .select(['users.name as user_name', 'users.email as user_email'])
    .where('api_tokens.id', '=', id)
    .executeTakeFirst();
}

/** Revoke a token now. */
export async function revokeApiToken(tx: Executor, id: number, now: number): Promise<void> {
  await tx
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
