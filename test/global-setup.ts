import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { compileSources } from '../scripts/compile-sources.mjs';
import { buildWebIfStale, hasChromium } from './e2e/beacon-server.js';
import { dropStaleScratchDatabases } from './support/scratch-database.js';
import {
  type SchemaTemplate,
  captureSchemaTemplate,
  dropStaleTemplateSchemas,
} from './support/server/schema-template.js';

/**
 * Build the UI for browser tests; say whether the PostgreSQL half runs; in CI (BEACON_REQUIRE_PG=1)
 * fail when it cannot. Provide the migrated schema PostgreSQL test schemas are made from.
 */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('pgSchemaTemplate', null);
  // Build the UI once, before test files run in parallel, so browser tests never race to build it.
  if (hasChromium) buildWebIfStale();
  // Compile the sources `beacon` runs once, before test files start it in parallel.
  await compileSources().catch(() => undefined); // sources that do not compile: `beacon` reports why
  const url = process.env.BEACON_TEST_PG_URL;
  if (!url) {
    if (process.env.BEACON_REQUIRE_PG === '1')
      throw new Error('BEACON_REQUIRE_PG=1 but BEACON_TEST_PG_URL is not set');
    console.warn('\n  PostgreSQL tests are SKIPPED: set BEACON_TEST_PG_URL=postgres://… to run them.\n');
    return;
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`BEACON_TEST_PG_URL is set but PostgreSQL does not answer: ${String(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const dropped = (await dropStaleScratchDatabases(url)) + (await dropStaleTemplateSchemas(url));
  if (dropped > 0)
    console.warn(`\n  Dropped ${dropped} scratch database(s) or schema(s) left by earlier runs.`);
  project.provide('pgSchemaTemplate', await schemaTemplate(url));
  console.warn(`\n  PostgreSQL tests run against ${url.replace(/:[^:@/]*@/, ':***@')}.\n`);
}

/** Migrate one schema for the whole run; without pg_dump each test schema is migrated instead (slow). */
async function schemaTemplate(url: string): Promise<SchemaTemplate | null> {
  try {
    return await captureSchemaTemplate(url);
  } catch (error) {
    if (process.env.BEACON_REQUIRE_PG === '1') throw error;
    console.warn(`\n  Each PostgreSQL test schema is migrated (slow): no template, ${String(error)}\n`);
    return null;
  }
}
