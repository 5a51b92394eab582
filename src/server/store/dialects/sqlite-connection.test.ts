import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type SqliteDriverName,
  type SqliteConnection,
  openSqlite,
  sqliteDriverName,
  uniqueViolationMessage,
} from './sqlite-connection.js';

const major = Number(process.versions.node.split('.')[0]);
// better-sqlite3 12 aborts Node 24 when a statement is collected; node:sqlite needs Node 24 here.
const DRIVERS: SqliteDriverName[] = major >= 24 ? ['node:sqlite'] : ['better-sqlite3'];

describe('the SQLite driver for this Node.js', () => {
  it(`is ${major >= 24 ? 'node:sqlite' : 'better-sqlite3'} on Node ${major}, and can be named by hand`, () => {
    expect(sqliteDriverName({})).toBe(DRIVERS[0]);
    expect(sqliteDriverName({ BEACON_SQLITE_DRIVER: 'better-sqlite3' })).toBe('better-sqlite3');
    expect(() => sqliteDriverName({ BEACON_SQLITE_DRIVER: 'sqlite3' })).toThrow(
      /node:sqlite or better-sqlite3/,
    );
  });
});

for (const driver of DRIVERS) {
  describe(`a SQLite connection through ${driver}`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-sqlite-connection-'));
    const open: SqliteConnection[] = [];
    const connect = (file: string, options?: Parameters<typeof openSqlite>[1]) => {
      const connection = openSqlite(file, options);
      open.push(connection);
      return connection;
    };
    afterEach(() => {
      for (const connection of open.splice(0)) connection.close();
    });

    it('tells statements that return rows from those that do not, and reports what a write did', () => {
      const db = connect(':memory:');
      expect(db.driver).toBe(driver);
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE)');
      const insert = db.prepare('INSERT INTO t (name) VALUES (?)');
      expect(insert.reader).toBe(false);
      expect(insert.run('a')).toMatchObject({ changes: 1, lastInsertRowid: 1 });
      const returning = db.prepare('INSERT INTO t (name) VALUES (?) RETURNING id');
      expect(returning.reader).toBe(true);
      expect(returning.all('b')).toEqual([{ id: 2 }]);
      const select = db.prepare('SELECT id, name FROM t WHERE id >= ? ORDER BY id');
      expect(select.all(1)).toEqual([
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
      ]);
      expect(select.get(2)).toEqual({ id: 2, name: 'b' });
      expect([...select.iterate(2)]).toEqual([{ id: 2, name: 'b' }]);
    });

    it('names the table and columns of a unique violation, and nothing else is one', () => {
      const db = connect(':memory:');
      db.exec('CREATE TABLE pair (a TEXT, b TEXT, UNIQUE (a, b)); CREATE TABLE one (id INTEGER PRIMARY KEY)');
      db.prepare('INSERT INTO pair VALUES (?, ?)').run('x', 'y');
      const unique = catchError(() => db.prepare('INSERT INTO pair VALUES (?, ?)').run('x', 'y'));
      expect(uniqueViolationMessage(unique)).toBe('UNIQUE constraint failed: pair.a, pair.b');
      db.prepare('INSERT INTO one VALUES (1)').run();
      const primary = catchError(() => db.prepare('INSERT INTO one VALUES (1)').run());
      expect(uniqueViolationMessage(primary)).toMatch(/constraint failed: one\.id/);
      const syntax = catchError(() => db.prepare('INSERT INTO nowhere VALUES (1)'));
      expect(uniqueViolationMessage(syntax)).toBeUndefined();
      expect(uniqueViolationMessage('UNIQUE constraint failed: pair.a')).toBeUndefined();
    });

    it('copies an open database with an online backup, and a read-only connection refuses writes', async () => {
      const file = path.join(dir, `${driver.replace(':', '-')}.sqlite`);
      const db = connect(file);
      db.exec("PRAGMA journal_mode = WAL; CREATE TABLE kept (v TEXT); INSERT INTO kept VALUES ('one')");
      const copyFile = path.join(dir, `${driver.replace(':', '-')}-copy.sqlite`);
      await db.backup(copyFile);
      db.exec("INSERT INTO kept VALUES ('after the copy')");
      const copy = connect(copyFile, { readonly: true });
      expect(copy.prepare('SELECT v FROM kept').all()).toEqual([{ v: 'one' }]);
      expect(() => copy.exec("INSERT INTO kept VALUES ('no')")).toThrow(/readonly/);
    });
  });
}

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
