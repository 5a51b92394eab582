import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

// SQLite cannot alter a CHECK constraint: the table is rebuilt (https://sqlite.org/lang_altertable.html,
// "making other kinds of table schema changes"). Foreign keys are switched off meanwhile, or
// dropping the old table would delete, through ON DELETE CASCADE, the rows referencing it.

/** Rebuild `table` with its CHECK `constraint` reading `check`, keeping rows, ids, indexes and references. */
export async function replaceSqliteCheck(
  db: Kysely<Database>,
  table: string,
  constraint: string,
  check: string,
): Promise<void> {
  const definition = await sql<{
    sql: string;
  }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(db);
  const createSql = definition.rows[0]?.sql;
  if (!createSql) throw new Error(`no table ${table}`);
  const indexes = await sql<{ sql: string }>`SELECT sql FROM sqlite_master
    WHERE type = 'index' AND tbl_name = ${table} AND sql IS NOT NULL`.execute(db);
  const rebuilt = withCheck(createSql, constraint, check).replace(
    /^create table\s+"?[\w]+"?/i,
    `CREATE TABLE "${table}__rebuilt"`,
  );
  await sql.raw('PRAGMA foreign_keys = OFF').execute(db);
  const state = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
  if (state.rows[0]?.foreign_keys !== 0) throw new Error(`cannot rebuild ${table} inside a transaction`);
  try {
    await sql.raw('BEGIN').execute(db);
    await sql.raw(rebuilt).execute(db);
    await sql.raw(`INSERT INTO "${table}__rebuilt" SELECT * FROM "${table}"`).execute(db);
    await sql.raw(`DROP TABLE "${table}"`).execute(db);
    await sql.raw(`ALTER TABLE "${table}__rebuilt" RENAME TO "${table}"`).execute(db);
    for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
    const broken = await sql`PRAGMA foreign_key_check`.execute(db);
    if (broken.rows.length > 0) throw new Error(`rebuilding ${table} broke ${broken.rows.length} references`);
    await sql.raw('COMMIT').execute(db);
  } catch (error) {
    await sql
      .raw('ROLLBACK')
      .execute(db)
      .catch(() => undefined);
    throw error;
  } finally {
    await sql.raw('PRAGMA foreign_keys = ON').execute(db);
  }
}

/** `createSql` with the body of `constraint "<name>" check (…)` replaced by `check`. */
function withCheck(createSql: string, constraint: string, check: string): string {
  const head = new RegExp(`constraint\\s+"?${constraint}"?\\s+check\\s*\\(`, 'i').exec(createSql);
  if (!head) throw new Error(`no check constraint ${constraint}`);
  const open = head.index + head[0].length;
  let depth = 1;
  let at = open;
  let isQuoted = false;
  for (; at < createSql.length && depth > 0; at++) {
    const char = createSql[at];
    if (char === "'") isQuoted = !isQuoted;
    else if (!isQuoted && char === '(') depth++;
    else if (!isQuoted && char === ')') depth--;
  }
  return `${createSql.slice(0, open)}${check}${createSql.slice(at - 1)}`;
}
