import type { Insertable } from 'kysely';
import type { UsersTable } from '../schema.js';
import type { Executor } from '../store.js';

/** One user by email (case-insensitive: emails are stored lower-case). */
export function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

/** One user by id. */
export function findUserById(db: Executor, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Users by id, for building references. */
export function findUsersByIds(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** Every user, by email. */
export function listUsers(db: Executor) {
  return db.selectFrom('users').selectAll().orderBy('email').execute();
}

/** Insert a user. */
export function insertUser(tx: Executor, row: Insertable<UsersTable>) {
  return tx.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Change a user. */
export function updateUser(tx: Executor, id: number, changes: Partial<Insertable<UsersTable>>) {
  return tx.updateTable('users').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}

/** How many users exist (the first start creates an admin when there are none). */
export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** How many active admins exist (the last one cannot be demoted or disabled). */
export async function countActiveAdmins(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
