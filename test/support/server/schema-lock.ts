import pg from 'pg';

/**
 * Kysely's migrator reads the catalog of every schema in the database and fails when a
 * schema vanishes mid-query, so test schemas are dropped under this advisory lock held
 * exclusively, while migrations hold it shared.
 */
const SCHEMA_LOCK = 4_242_001;

/** Run `text` (one or several statements) on a connection of its own, exclusively under the lock if asked. */
export async function adminQuery(
  url: string,
  text: string,
  options: { isExclusive?: boolean } = {},
): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (options.isExclusive) await client.query(`SELECT pg_advisory_lock(${SCHEMA_LOCK})`);
    await client.query(text);
  } finally {
    await client.end(); // ending the session releases its advisory lock
  }
}

/** Drop a test schema and everything in it, while nothing migrates. */
export function dropSchema(url: string, schema: string): Promise<void> {
  return adminQuery(url, `DROP SCHEMA ${schema} CASCADE`, { isExclusive: true });
}

/** Run `work` (which migrates a test schema) while no test schema can be dropped. */
export async function whileMigrating<T>(url: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!url) return work();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock_shared(${SCHEMA_LOCK})`);
    return await work();
  } finally {
    await client.end();
  }
}
