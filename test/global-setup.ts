import pg from 'pg';
import { compileSources } from '../bin/compiled-sources.mjs';
import { buildWebIfStale, hasChromium } from './e2e/beacon-server.js';
import { dropStaleScratchDatabases } from './support/scratch-database.js';

/** Build the UI for browser tests; say whether the PostgreSQL half runs; in CI (BEACON_REQUIRE_PG=1) fail when it cannot. */
export default async function setup(): Promise<void> {
  // Build the UI once, before test files run in parallel, so browser tests never race to build it.
  if (hasChromium) buildWebIfStale();
  // Compile the sources `beacon` runs once, before test files start it in parallel.
  await compileSources().catch(() => undefined); // sources that do not compile: tsx reports why
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
  const dropped = await dropStaleScratchDatabases(url);
  if (dropped > 0) console.warn(`\n  Dropped ${dropped} scratch database(s) left by earlier runs.`);
  console.warn(`\n  PostgreSQL tests run against ${url.replace(/:[^:@/]*@/, ':***@')}.\n`);
}
