import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  TEST_PG_URL,
  createUnmigratedTestDatabase,
  whileMigrating,
} from '../../../../test/support/server/test-database.js';

describe.skipIf(!TEST_PG_URL)('PostgreSQL migrations next to other schemas', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('migrate while another schema of the database is changed in an open transaction', async () => {
    const other = `beacon_other_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    cleanups.push(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${other} CASCADE`);
      await admin.end();
    });
    await admin.query(`CREATE SCHEMA ${other}`);
    await admin.query(`CREATE TABLE ${other}.integrations (id serial PRIMARY KEY, key text)`);
    const changing = new pg.Client({ connectionString: TEST_PG_URL });
    await changing.connect();
    cleanups.push(() => changing.end());
    // Another process mid-migration: it holds its table while it drops a column.
    await changing.query('BEGIN');
    await changing.query(`ALTER TABLE ${other}.integrations DROP COLUMN key`);

    const database = await createUnmigratedTestDatabase('postgres');
    cleanups.push(() => database.drop());
    const applied = await whileMigrating(() => database.store.migrate());
    expect(applied).toContain('008-integration-key-hashes');
    const tables = await database.store.db.introspection.getTables();
    expect(tables.map((table) => table.name)).toContain('incidents');
    expect(tables.some((table) => table.schema === other)).toBe(false);
    await changing.query('COMMIT');
  }, 30_000);
});
