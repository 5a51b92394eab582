import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { openStore } from '../../../src/server/store/store.js';
import { adminQuery, dropSchema, whileMigrating } from './schema-lock.js';

/*
 * A fully migrated PostgreSQL schema, as SQL: migrating a fresh test schema runs every
 * migration (most of a second each time, serialised by Kysely's migration lock), replaying
 * this takes one round trip. The global setup migrates one schema per run, dumps it with
 * pg_dump and drops it; each test schema is that dump with the schema's name replaced.
 */

/** The dump of a migrated schema and the name to replace in it. */
export interface SchemaTemplate {
  schema: string;
  sql: string;
}

const PREFIX = 'beacon_template_';
/** A template schema older than this belongs to no running setup. */
const STALE_AFTER_MS = 2 * 60 * 60 * 1000;

/** Migrate a schema of its own, dump it (with its rows: migration bookkeeping, counters) and drop it. */
export async function captureSchemaTemplate(url: string): Promise<SchemaTemplate> {
  const schema = `${PREFIX}${Date.now()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(url, `CREATE SCHEMA ${schema}`);
  try {
    const store = openStore(url, { schema });
    try {
      await whileMigrating(url, () => store.migrate());
    } finally {
      await store.close();
    }
    const { stdout } = await promisify(execFile)(
      'pg_dump',
      ['--schema', schema, '--no-owner', '--no-privileges', '--inserts', '--dbname', url],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    return { schema, sql: replayable(stdout) };
  } finally {
    await dropSchema(url, schema);
  }
}

/**
 * pg_dump's output without the lines only psql understands (`\restrict`, `\unrestrict`: they
 * guard a restore through psql). Everything else is SQL; each object is qualified with the schema.
 */
function replayable(dump: string): string {
  const sql = dump
    .split('\n')
    .filter((line) => !/^\\(un)?restrict\b/.test(line))
    .join('\n');
  const command = /^\\.*$/m.exec(sql)?.[0];
  if (command) throw new Error(`pg_dump wrote a psql command a replay cannot run: ${command}`);
  return sql;
}

/** Create `schema` from the template: one multi-statement query, so one transaction. */
export async function createSchemaFromTemplate(
  url: string,
  template: SchemaTemplate,
  schema: string,
): Promise<void> {
  await adminQuery(url, template.sql.split(template.schema).join(schema));
}

/** Drop the template schemas that setups which never finished left behind; returns how many. */
export async function dropStaleTemplateSchemas(url: string, now = Date.now()): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client
    .query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE '${PREFIX}%'`)
    .finally(() => client.end());
  let dropped = 0;
  for (const { nspname } of rows) {
    const createdAt = Number(new RegExp(`^${PREFIX}(\\d+)_`).exec(nspname)?.[1]);
    if (!(now - createdAt > STALE_AFTER_MS)) continue;
    await adminQuery(url, `DROP SCHEMA IF EXISTS ${nspname} CASCADE`, { isExclusive: true });
    dropped++;
  }
  return dropped;
}
