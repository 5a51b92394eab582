import type { Insertable } from 'kysely';
import type { AccountLinksTable } from '../schema.js';
import type { Executor } from '../store.js';

/** Store a new one-time link. */
export function insertAccountLink(tx: Executor, row: Insertable<AccountLinksTable>) {
  return tx.insertInto('account_links').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A link by the hash of its secret, with its user; expired, used and revoked ones too. */
export function findAccountLink(db: Executor, tokenHash: string) {
  return db
    .selectFrom('account_links')
    .innerJoin('users', 'users.id', 'account_links.user_id')
    .selectAll('account_links')
    .select(['users.email', 'users.name', 'users.disabled_at', 'users.invited_at'])
    .where('account_links.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Mark a link used if it still works at `now`; false when another request used it first. */
export async function useAccountLink(tx: Executor, id: number, now: number): Promise<boolean> {
  const result = await tx
    .updateTable('account_links')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** End every unused link of a user (of one purpose, when given). */
export async function revokeAccountLinks(
  tx: Executor,
  userId: number,
  now: number,
  purpose?: AccountLinksTable['purpose'],
): Promise<void> {
  let q = tx
    .updateTable('account_links')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null);
  if (purpose) q = q.where('purpose', '=', purpose);
  await q.execute();
}

/** How many links of `purpose` were made for a user since `since` (reset mails are limited). */
export async function countAccountLinksSince(
  db: Executor,
  userId: number,
  purpose: AccountLinksTable['purpose'],
  since: number,
): Promise<number> {
  const row = await db
    .selectFrom('account_links')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
