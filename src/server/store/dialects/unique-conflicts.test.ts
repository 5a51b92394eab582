import { type Kysely, sql } from 'kysely';
import { expect, it } from 'vitest';
import { ConflictError } from '../../../core/errors.js';
import { describeEachDialect, useTestDatabase } from '../../../../test/support/server/test-database.js';
import type { Database } from '../schema.js';
import type { StoreDialect } from './dialect.js';
import { type UniqueViolation, hasUniqueRule, uniqueKey } from './unique-conflicts.js';

/** Every unique index and primary key of Beacon's tables (serial `id` keys left out). */
async function uniqueIndexes(db: Kysely<Database>, dialect: StoreDialect): Promise<UniqueViolation[]> {
  const query =
    dialect.name === 'sqlite'
      ? sql<{ tbl: string; idx: string; col: string }>`
          SELECT m.name AS tbl, il.name AS idx, ii.name AS col
          FROM sqlite_master m, pragma_index_list(m.name) il, pragma_index_info(il.name) ii
          WHERE m.type = 'table' AND il."unique" = 1 AND m.name NOT LIKE 'kysely_%'
            AND m.name NOT LIKE 'incidents_fts%'
          ORDER BY m.name, il.name, ii.seqno`
      : sql<{ tbl: string; idx: string; col: string }>`
          SELECT t.relname AS tbl, i.relname AS idx, a.attname AS col
          FROM pg_index x
          JOIN pg_class t ON t.oid = x.indrelid
          JOIN pg_class i ON i.oid = x.indexrelid
          JOIN pg_namespace n ON n.oid = t.relnamespace
          CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
          WHERE x.indisunique AND n.nspname = current_schema() AND t.relname NOT LIKE 'kysely_%'
          ORDER BY t.relname, i.relname, k.ord`;
  const byIndex = new Map<string, UniqueViolation>();
  for (const row of (await query.execute(db)).rows) {
    const index = byIndex.get(row.idx) ?? { table: row.tbl, columns: [] };
    index.columns.push(row.col);
    byIndex.set(row.idx, index);
  }
  return [...byIndex.values()].filter((index) => index.columns.join() !== 'id');
}

async function conflictOf(work: Promise<unknown>): Promise<ConflictError> {
  const error: unknown = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConflictError);
  return error as ConflictError;
}

describeEachDialect('unique violations', (dialect) => {
  const database = useTestDatabase(dialect);

  it('every unique index of the migrations names the field its conflict is reported on', async () => {
    const { store } = database().ctx;
    const indexes = await uniqueIndexes(store.db, store.dialect);
    expect(indexes.length).toBeGreaterThan(20);
    expect(indexes.filter((index) => !hasUniqueRule(index)).map(uniqueKey)).toEqual([]);
  });

  it('become a 409 conflict naming the field, in and out of transactions', async () => {
    const { store } = database().ctx;
    const user = {
      role: 'viewer',
      password_hash: 'x',
      disabled_at: null,
      created_at: 1,
      updated_at: 1,
    } as const;
    await store.db
      .insertInto('users')
      .values({ ...user, email: 'a@example.com', name: 'A' })
      .execute();
    const duplicateUser = store.db.insertInto('users').values({ ...user, email: 'a@example.com', name: 'B' });
    expect((await conflictOf(duplicateUser.execute())).fields).toEqual([
      { field: 'email', message: 'a user with this email exists' },
    ]);

    const team = await store.db
      .insertInto('teams')
      .values({ name: 'Platform', description: '', created_at: 1, updated_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const member = { team_id: team.id, user_id: 1, role: 'member' } as const;
    await store.db.insertInto('team_members').values(member).execute();
    const inTransaction = store.transaction((tx) => tx.insertInto('team_members').values(member).execute());
    expect((await conflictOf(inTransaction)).fields[0]?.field).toBe('userId');

    const policy = { name: 'Primary', description: '', repeat_count: 0, created_at: 1, updated_at: 1 };
    await store.db.insertInto('escalation_policies').values(policy).execute();
    const duplicatePolicy = store.db.insertInto('escalation_policies').values(policy).execute();
    expect((await conflictOf(duplicatePolicy)).fields[0]?.field).toBe('name');

    await store.db.insertInto('settings').values({ key: 'k', value: '1' }).execute();
    const duplicateKey = store.db.insertInto('settings').values({ key: 'k', value: '2' }).execute();
    expect((await conflictOf(duplicateKey)).fields[0]?.field).toBe('key');
  });

  it('leaves other database errors alone', async () => {
    const { store } = database().ctx;
    const error: unknown = await sql`SELECT * FROM no_such_table`.execute(store.db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ConflictError);
    expect(store.dialect.uniqueViolation(error)).toBeUndefined();
  });
});
