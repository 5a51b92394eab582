import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, inject, it } from 'vitest';
import { type Clock, ManualClock } from '../../../src/core/clock.js';
import { openAppContext } from '../../../src/server/app-context.js';
import type { AppContext } from '../../../src/server/commands/context.js';
import { type Store, openStore } from '../../../src/server/store/store.js';
import type { OutboundAllowList } from '../../../src/core/net/address-policy.js';
import { TEST_OUTBOUND_ALLOW_LIST } from '../outbound-allow.js';
import { adminQuery, dropSchema, whileMigrating as whileMigratingOn } from './schema-lock.js';
import { type SchemaTemplate, createSchemaFromTemplate } from './schema-template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated schema the global setup dumped; null when it could not (no pg_dump). */
    pgSchemaTemplate: SchemaTemplate | null;
  }
}

/** PostgreSQL for tests; when unset the PostgreSQL half of each suite is skipped (and says so). */
export const TEST_PG_URL = process.env.BEACON_TEST_PG_URL;

/** A fresh, migrated database of one dialect, and how to remove it. */
export interface TestDatabase {
  ctx: AppContext;
  databaseUrl: string;
  schema?: string;
  drop(): Promise<void>;
}

export type DialectName = 'sqlite' | 'postgres';

/**
 * Create a fresh, migrated database: a temp SQLite file or a new PostgreSQL schema. Its context
 * may reach loopback targets (the tests' receivers) unless `outboundAllow` says otherwise.
 */
export async function createTestDatabase(
  dialect: DialectName,
  clock: Clock = new ManualClock(),
  outboundAllow: OutboundAllowList = TEST_OUTBOUND_ALLOW_LIST,
): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-test-'));
    const databaseUrl = path.join(dir, 'beacon.sqlite');
    const ctx = await openAppContext({ databaseUrl, outboundAllow }, { clock });
    return {
      ctx,
      databaseUrl,
      drop: async () => {
        await ctx.store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!TEST_PG_URL) throw new Error('BEACON_TEST_PG_URL is not set');
  const url = TEST_PG_URL;
  const schema = `beacon_test_${randomBytes(6).toString('hex')}`;
  const template = schemaTemplate();
  if (template) await createSchemaFromTemplate(url, template, schema);
  else await adminQuery(url, `CREATE SCHEMA ${schema}`);
  // From the template this applies nothing (the schema holds every migration's row); it runs
  // as it does in production, and would apply a migration the template lacked.
  const ctx = await whileMigrating(() =>
    openAppContext({ databaseUrl: url, outboundAllow }, { clock, schema }),
  ).catch(async (error: unknown) => {
    await dropSchema(url, schema);
    throw error;
  });
  return {
    ctx,
    databaseUrl: url,
    schema,
    drop: async () => {
      await ctx.store.close();
      await dropSchema(url, schema);
    },
  };
}

/** The template the global setup provided; none outside vitest (e.g. `npm run fuzz`). */
function schemaTemplate(): SchemaTemplate | null {
  return process.env.VITEST_POOL_ID === undefined ? null : inject('pgSchemaTemplate');
}

/**
 * A fresh database with no migration applied (for tests of a migration on older data): a
 * temp SQLite file or a new PostgreSQL schema, its store, and how to remove it.
 */
export async function createUnmigratedTestDatabase(
  dialect: DialectName,
): Promise<{ store: Store; schema?: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-test-'));
    const store = openStore(path.join(dir, 'beacon.sqlite'));
    return {
      store,
      drop: async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!TEST_PG_URL) throw new Error('BEACON_TEST_PG_URL is not set');
  const url = TEST_PG_URL;
  const schema = `beacon_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `CREATE SCHEMA ${schema}`);
  const store = openStore(url, { schema });
  return {
    store,
    schema,
    drop: async () => {
      await store.close();
      await dropSchema(url, schema);
    },
  };
}

/** Run `work` (which migrates a test schema) while no test schema can be dropped. */
export function whileMigrating<T>(work: () => Promise<T>): Promise<T> {
  return whileMigratingOn(TEST_PG_URL, work);
}

/** The dialects every store test runs on. */
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

/**
 * Run a suite once per dialect. The PostgreSQL run needs BEACON_TEST_PG_URL; without it
 * the suite is reported as skipped with the reason in its name.
 */
export function describeEachDialect(title: string, body: (dialect: DialectName) => void): void {
  for (const dialect of DIALECTS) {
    if (dialect === 'postgres' && !TEST_PG_URL) {
      describe.skip(`${title} [postgres skipped: BEACON_TEST_PG_URL not set]`, () => {
        it('needs PostgreSQL', () => undefined);
      });
      continue;
    }
    describe(`${title} [${dialect}]`, () => body(dialect));
  }
}

/** A fresh database per test of the enclosing suite, with a clock the test moves. */
export function useTestDatabase(dialect: DialectName): () => TestDatabase & { clock: ManualClock } {
  let current: (TestDatabase & { clock: ManualClock }) | undefined;
  beforeEach(async () => {
    const clock = new ManualClock();
    current = { ...(await createTestDatabase(dialect, clock)), clock };
  });
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('test database used outside a test');
    return current;
  };
}
