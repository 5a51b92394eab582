import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/** One prepared statement, whichever driver prepared it; parameters are positional. */
export interface SqliteStatement {
  /** True when the statement returns rows (a SELECT, or a write with RETURNING). */
  readonly reader: boolean;
  all(...params: readonly unknown[]): unknown[];
  get(...params: readonly unknown[]): unknown;
  run(...params: readonly unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(...params: readonly unknown[]): IterableIterator<unknown>;
}

/** What Beacon needs of a SQLite connection: statements, scripts, an online backup. */
export interface SqliteConnection {
  readonly driver: SqliteDriverName;
  prepare(text: string): SqliteStatement;
  exec(text: string): void;
  close(): void;
  /** A consistent copy of the open database written to `file` while it stays in use. */
  backup(file: string): Promise<void>;
}

export type SqliteDriverName = 'node:sqlite' | 'better-sqlite3';

/** How to open a database file. */
export interface SqliteOpenOptions {
  readonly?: boolean;
  /** How long a statement waits for another connection's lock before failing. */
  timeoutMs?: number;
}

/**
 * The driver for this Node.js: the built-in `node:sqlite` from Node 24 on, better-sqlite3
 * before. better-sqlite3 12 (the last line that runs on Node 20) aborts the process on Node 24
 * when the garbage collector frees a statement, and its successor needs Node 22, so each Node
 * gets the driver that is sound on it. `BEACON_SQLITE_DRIVER` picks one by hand.
 */
export function sqliteDriverName(env: NodeJS.ProcessEnv = process.env): SqliteDriverName {
  const chosen = env.BEACON_SQLITE_DRIVER;
  if (chosen === 'node:sqlite' || chosen === 'better-sqlite3') return chosen;
  if (chosen) throw new Error(`BEACON_SQLITE_DRIVER must be node:sqlite or better-sqlite3, not "${chosen}"`);
  const major = Number(process.versions.node.split('.')[0]);
  return major >= 24 && nodeSqlite() ? 'node:sqlite' : 'better-sqlite3';
}

/** Open a SQLite database file (or `:memory:`) with the driver for this Node.js. */
export function openSqlite(file: string, options: SqliteOpenOptions = {}): SqliteConnection {
  return sqliteDriverName() === 'node:sqlite'
    ? openWithNodeSqlite(file, options)
    : openWithBetterSqlite(file, options);
}

/**
 * The text of a SQLite constraint error ("UNIQUE constraint failed: t.a, t.b") when `error` is
 * a unique or primary-key violation from either driver.
 */
export function uniqueViolationMessage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, errcode } = error as Error & { code?: unknown; errcode?: unknown };
  const isUnique =
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    (code === 'ERR_SQLITE_ERROR' &&
      (errcode === SQLITE_CONSTRAINT_UNIQUE || errcode === SQLITE_CONSTRAINT_PRIMARYKEY));
  return isUnique ? error.message : undefined;
}

// Extended result codes (https://sqlite.org/rescode.html).
const SQLITE_CONSTRAINT_UNIQUE = 2067;
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;

const require = createRequire(import.meta.url);

function openWithBetterSqlite(file: string, options: SqliteOpenOptions): SqliteConnection {
  // Loaded only when used: on Node 24 the module must never be loaded at all.
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(file, { readonly: options.readonly ?? false, timeout: options.timeoutMs ?? 5_000 });
  return connectionOf(
    'better-sqlite3',
    db,
    (statement) => statement.reader,
    async (target) => {
      await db.backup(target);
    },
  );
}

/** What both drivers' statements can do, parameters spread. */
interface DriverStatement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

/** One connection shape over either driver; only telling readers and the backup differ. */
function connectionOf<S extends DriverStatement>(
  driver: SqliteDriverName,
  db: { prepare(text: string): S; exec(text: string): unknown; close(): unknown },
  isReader: (statement: S) => boolean,
  backup: (file: string) => Promise<void>,
): SqliteConnection {
  return {
    driver,
    prepare: (text) => {
      const statement = db.prepare(text);
      return {
        reader: isReader(statement),
        all: (...params) => statement.all(...params),
        get: (...params) => statement.get(...params),
        run: (...params) => statement.run(...params),
        iterate: (...params) => statement.iterate(...params),
      };
    },
    exec: (text) => {
      db.exec(text);
    },
    close: () => {
      db.close();
    },
    backup,
  };
}

/** The part of `node:sqlite` used here (its types are not in @types/node 20). */
interface NodeSqliteModule {
  DatabaseSync: new (file: string, options?: { readOnly?: boolean; timeout?: number }) => NodeSqliteDatabase;
  backup(source: NodeSqliteDatabase, path: string): Promise<number>;
}

interface NodeSqliteDatabase {
  prepare(text: string): NodeSqliteStatement;
  exec(text: string): void;
  close(): void;
}

interface NodeSqliteStatement extends DriverStatement {
  columns(): unknown[];
}

function nodeSqlite(): NodeSqliteModule | undefined {
  try {
    const module = process.getBuiltinModule('node:sqlite') as NodeSqliteModule | undefined;
    return typeof module?.backup === 'function' ? module : undefined;
  } catch {
    return undefined;
  }
}

function openWithNodeSqlite(file: string, options: SqliteOpenOptions): SqliteConnection {
  const sqlite = nodeSqlite();
  if (!sqlite) throw new Error(`node:sqlite with backup() is not available in Node.js ${process.version}`);
  const db = new sqlite.DatabaseSync(file, {
    readOnly: options.readonly ?? false,
    timeout: options.timeoutMs ?? 5_000,
  });
  return connectionOf(
    'node:sqlite',
    db,
    (statement) => statement.columns().length > 0,
    async (target) => {
      await sqlite.backup(db, target);
    },
  );
}
