import fs from 'node:fs';
import path from 'node:path';
import { type ColumnDefinitionBuilder, Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../schema.js';
import { type IncidentQuery, type StoreDialect, searchWords } from './dialect.js';
import {
  createEmptyPrivateFile,
  createPrivateFile,
  ensurePrivateDirectory,
  makePrivate,
} from './private-files.js';
import {
  type SqliteConnection,
  type SqliteStatement,
  openSqlite,
  uniqueViolationMessage,
} from './sqlite-connection.js';
import { ImmediateSqliteDialect } from './sqlite-immediate.js';
import { replaceSqliteCheck } from './sqlite-replace-check.js';
import { translatingErrors } from './unique-conflict-driver.js';
import { type UniqueViolation, uniqueConflicts } from './unique-conflicts.js';

/** SQLite (node:sqlite or better-sqlite3, `sqlite-connection.ts`): one file, WAL, fsync on every commit. */
export class SqliteStoreDialect implements StoreDialect {
  readonly name = 'sqlite';
  readonly serialType = 'integer';
  // SQLite has one writer: a second write transaction would only wait for the first.
  readonly concurrentWriters = 1;
  private connection: SqliteConnection | undefined;
  readonly warnings: string[] = [];

  constructor(private readonly file: string) {}

  migrationSchema(): Promise<string | undefined> {
    return Promise.resolve(undefined);
  }

  serialPrimaryKey(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
    return column.primaryKey().autoIncrement();
  }

  open(): Kysely<Database> {
    const isFile = this.file !== ':memory:' && this.file !== '';
    if (isFile) this.prepareFiles();
    const connection = openSqlite(this.file);
    connection.exec('PRAGMA journal_mode = WAL');
    // SQLite gives new -wal and -shm files the database file's mode; older ones may be looser.
    if (isFile) this.keepPrivate(`${this.file}-wal`, `${this.file}-shm`);
    // FULL: a commit is fsynced before the reply, so a 2xx survives power loss too.
    connection.exec('PRAGMA synchronous = FULL');
    connection.exec('PRAGMA foreign_keys = ON');
    connection.exec('PRAGMA busy_timeout = 5000');
    // Keep the planner's statistics fresh so filtered lists use the right index.
    connection.exec('PRAGMA optimize = 0x10002');
    this.connection = connection;
    const dialect = new ImmediateSqliteDialect({ database: cachedStatements(connection) });
    return new Kysely<Database>({
      dialect: translatingErrors(
        dialect,
        uniqueConflicts((error) => this.uniqueViolation(error)),
      ),
    });
  }

  async createIncidentSearch(db: Kysely<Database>): Promise<void> {
    await sql`CREATE VIRTUAL TABLE incidents_fts USING fts5(
      title, summary, content='incidents', content_rowid='id', tokenize='unicode61')`.execute(db);
    await sql`CREATE TRIGGER incidents_fts_insert AFTER INSERT ON incidents BEGIN
      INSERT INTO incidents_fts(rowid, title, summary) VALUES (new.id, new.title, new.summary);
    END`.execute(db);
    await sql`CREATE TRIGGER incidents_fts_delete AFTER DELETE ON incidents BEGIN
      INSERT INTO incidents_fts(incidents_fts, rowid, title, summary)
        VALUES ('delete', old.id, old.title, old.summary);
    END`.execute(db);
    await sql`CREATE TRIGGER incidents_fts_update AFTER UPDATE OF title, summary ON incidents BEGIN
      INSERT INTO incidents_fts(incidents_fts, rowid, title, summary)
        VALUES ('delete', old.id, old.title, old.summary);
      INSERT INTO incidents_fts(rowid, title, summary) VALUES (new.id, new.title, new.summary);
    END`.execute(db);
  }

  replaceCheck(db: Kysely<Database>, table: string, constraint: string, check: string): Promise<void> {
    return replaceSqliteCheck(db, table, constraint, check);
  }

  async protectTimeline(db: Kysely<Database>): Promise<void> {
    await sql`CREATE TRIGGER timeline_no_update BEFORE UPDATE ON timeline_entries BEGIN
      SELECT RAISE(ABORT, 'timeline entries are immutable');
    END`.execute(db);
    await sql`CREATE TRIGGER timeline_no_delete BEFORE DELETE ON timeline_entries BEGIN
      SELECT RAISE(ABORT, 'timeline entries are immutable');
    END`.execute(db);
  }

  matchText<O>(query: IncidentQuery<O>, text: string): IncidentQuery<O> {
    const words = searchWords(text);
    if (words.length === 0) return query;
    const match = words.map((word) => `"${word}"*`).join(' AND ');
    return query.where(
      'incidents.id',
      'in',
      sql<number>`(SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ${match})`,
    );
  }

  // One process writes a SQLite file and its transactions run one at a time: always free.
  lock(): Promise<void> {
    return Promise.resolve();
  }

  tryLock(): Promise<boolean> {
    return Promise.resolve(true);
  }

  // One writer at a time: a claiming statement cannot meet rows another one holds.
  skipLocked<T extends keyof Database, O>(
    query: SelectQueryBuilder<Database, T, O>,
  ): SelectQueryBuilder<Database, T, O> {
    return query;
  }

  // "UNIQUE constraint failed: team_members.team_id, team_members.user_id"
  uniqueViolation(error: unknown): UniqueViolation | undefined {
    const message = uniqueViolationMessage(error);
    if (message === undefined) return undefined;
    const names = /constraint failed: (.+)$/.exec(message)?.[1]?.split(', ') ?? [];
    const [table] = names[0]?.split('.') ?? [];
    if (!table) return undefined;
    return { table, columns: names.map((name) => name.slice(name.indexOf('.') + 1)) };
  }

  async ping(db: Kysely<Database>): Promise<void> {
    await sql`SELECT 1`.execute(db);
  }

  async backup(_db: Kysely<Database>, file: string): Promise<void> {
    if (!this.connection) throw new Error('database is not open');
    // Owner-only before the first page is copied in.
    createEmptyPrivateFile(file);
    await this.connection.backup(file);
  }

  /** The directory (owner only when created here) and the database file, owner only. */
  private prepareFiles(): void {
    const dirWarning = ensurePrivateDirectory(path.dirname(path.resolve(this.file)));
    if (dirWarning) this.warnings.push(dirWarning);
    if (fs.existsSync(this.file)) this.keepPrivate(this.file);
    else createPrivateFile(this.file);
  }

  private keepPrivate(...files: string[]): void {
    for (const file of files) {
      const warning = makePrivate(file);
      if (warning) this.warnings.push(warning);
    }
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely sees it, with prepared statements kept by SQL text: Kysely asks
 * for a new statement on every query, and preparing dominated hot paths such as alert ingest.
 * Kysely passes parameters as one array; both drivers take them spread.
 */
function cachedStatements(connection: SqliteConnection) {
  const statements = new Map<string, KyselyStatement>();
  return {
    close: () => {
      connection.close();
    },
    prepare: (text: string): KyselyStatement => {
      let statement = statements.get(text);
      if (!statement) {
        statement = kyselyStatement(connection.prepare(text));
        if (statements.size >= STATEMENT_CACHE_SIZE) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/** A statement as Kysely's SQLite driver calls it: parameters as one array. */
interface KyselyStatement {
  readonly reader: boolean;
  all(params: readonly unknown[]): unknown[];
  run(params: readonly unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(params: readonly unknown[]): IterableIterator<unknown>;
}

function kyselyStatement(statement: SqliteStatement): KyselyStatement {
  return {
    reader: statement.reader,
    all: (params) => statement.all(...params),
    run: (params) => statement.run(...params),
    iterate: (params) => statement.iterate(...params),
  };
}
