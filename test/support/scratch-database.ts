import { randomBytes } from 'node:crypto';
import pg from 'pg';

/*
 * PostgreSQL databases of their own for `beacon serve` child processes, which migrate their
 * database themselves. A test never drops one: DROP DATABASE makes PostgreSQL finish a
 * checkpoint first, and while other suites write, that takes minutes (every relation file of
 * every test schema is synced). The global setup of a later run drops the ones left over.
 */

const PREFIX = 'beacon_scratch_';
/** A scratch database older than this belongs to no running suite. */
const STALE_AFTER_MS = 2 * 60 * 60 * 1000;

async function adminQuery<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Create an empty database next to the one `url` names; returns its URL. */
export async function createScratchDatabase(url: string): Promise<string> {
  const name = `${PREFIX}${Date.now()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/** Drop the scratch databases of earlier runs; returns how many. */
export async function dropStaleScratchDatabases(url: string, now = Date.now()): Promise<number> {
  const rows = await adminQuery<{ datname: string }>(
    url,
    `SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX}%'`,
  );
  let dropped = 0;
  for (const { datname } of rows) {
    const createdAt = Number(/^beacon_scratch_(\d+)_/.exec(datname)?.[1]);
    if (!(now - createdAt > STALE_AFTER_MS)) continue;
    await adminQuery(url, `DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    dropped++;
  }
  return dropped;
}
