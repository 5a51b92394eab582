import type { Insertable } from 'kysely';
import type { OidcLoginsTable } from '../schema.js';
import type { Executor } from '../store.js';

/** Remember a single sign-on login on its way through the provider (and drop expired ones). */
export async function insertOidcLogin(
  tx: Executor,
  row: Insertable<OidcLoginsTable>,
  now: number,
): Promise<void> {
  await tx.deleteFrom('oidc_logins').where('expires_at', '<=', now).execute();
  await tx.insertInto('oidc_logins').values(row).execute();
}

/** Take a live login by its state key: it is deleted, so each can be finished once. */
export async function takeOidcLogin(tx: Executor, state: string, now: number) {
  const row = await tx.deleteFrom('oidc_logins').where('state', '=', state).returningAll().executeTakeFirst();
  return row && row.expires_at > now ? row : undefined;
}
