import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openStore, type Store } from '../src/server/store/store.js';

/** A fresh, empty database to benchmark, and how the server reaches it. */
export interface BenchTarget {
  dialect: 'sqlite' | 'postgres';
  /** Open the store the seeding uses (same database the server will use). */
  open(): Store;
  /** Environment for bench-server.ts pointing at this database. */
  serverEnv: Record<string, string>;
  /** Server version, e.g. "PostgreSQL 15.20" or "SQLite 3.50.2". */
  version(store: Store): Promise<string>;
  /** Remove everything the target created. */
  cleanup(): Promise<void>;
}

/** A SQLite database in a new temp dir (the server's BEACON_DATA_DIR), or in `existingDir`. */
export function sqliteTarget(existingDir?: string): BenchTarget {
  const dir = existingDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-'));
  return {
    dialect: 'sqlite',
    open: () => openStore(path.join(dir, 'beacon.sqlite')),
    serverEnv: { BEACON_DATA_DIR: dir },
    version: async (store) => {
      const { rows } = await sql<{ v: string }>`SELECT sqlite_version() AS v`.execute(store.db);
      return `SQLite ${rows[0]?.v ?? '?'}`;
    },
    cleanup: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
  };
}

/** A new schema (or `existingSchema`) in the PostgreSQL database at `baseUrl`, dropped by cleanup. */
export async function postgresTarget(baseUrl: string, existingSchema?: string): Promise<BenchTarget> {
  const schema = existingSchema ?? `beacon_bench_${Date.now()}`;
  if (existingSchema === undefined) {
    const admin = openStore(baseUrl);
    try {
      await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(admin.db);
    } finally {
      await admin.close();
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-pg-'));
  return {
    dialect: 'postgres',
    open: () => openStore(baseUrl, { schema }),
    serverEnv: { BEACON_DATA_DIR: dir, DATABASE_URL: baseUrl, BEACON_BENCH_SCHEMA: schema },
    version: async (store) => {
      const { rows } = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(
        store.db,
      );
      return `PostgreSQL ${rows[0]?.v ?? '?'}`;
    },
    cleanup: async () => {
      const store = openStore(baseUrl);
      try {
        await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(store.db);
      } finally {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
