import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store.js';
import { openSqlite } from './sqlite-connection.js';

describe('a SQLite transaction', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-sqlite-immediate-'));
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds the write lock from its start, so another process cannot commit between its read and its write', async () => {
    const file = path.join(dir, 'beacon.db');
    const store = openStore(file);
    await sql`CREATE TABLE t (n integer)`.execute(store.db);
    // Another process's connection that never waits for a lock.
    const other = openSqlite(file, { timeoutMs: 0 });
    try {
      await store.transaction(async (tx) => {
        await sql`SELECT count(*) FROM t`.execute(tx);
        // A deferred transaction would hold no lock here and let this commit, and then fail
        // its own write with SQLITE_BUSY at once.
        expect(() => other.exec('INSERT INTO t (n) VALUES (2)')).toThrow(/locked|busy/i);
        await sql`INSERT INTO t (n) VALUES (1)`.execute(tx);
      });
      other.exec('INSERT INTO t (n) VALUES (2)');
      const rows = await sql<{ n: number }>`SELECT n FROM t ORDER BY n`.execute(store.db);
      expect(rows.rows.map((row) => row.n)).toEqual([1, 2]);
    } finally {
      other.close();
      await store.close();
    }
  });
});
