import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { type ColumnDefinitionBuilder, Kysely, type SelectQueryBuilder, SqliteDialect, sql } from 'kysely';
import type { Database } from '../schema.js';
import { type IncidentQuery, type StoreDialect, searchWords } from './dialect.js';
import {
  createEmptyPrivateFile,
  createPrivateFile,
  ensurePrivateDirectory,
  makePrivate,
} from './private-files.js';
import { translatingErrors } from './unique-conflict-driver.js';
import { type UniqueViolation, uniqueConflicts } from './unique-conflicts.js';

/** SQLite through better-sqlite3: one file, WAL, fsync on every commit. */
export class SqliteStoreDialect implements StoreDialect {
  readonly name = 'sqlite';
  readonly serialType = 'integer';
  // SQLite has one writer: a second write transaction would only wait for the first.
  readonly concurrentWriters = 1;
  private connection: SqliteDatabase.Database | undefined;
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
    const connection = new SqliteDatabase(this.file);
    connection.pragma('journal_mode = WAL');
    // SQLite gives new -wal and -shm files the database file's mode; older ones may be looser.
    if (isFile) this.keepPrivate(`${this.file}-wal`, `${this.file}-shm`);
    // FULL: a commit is fsynced before the reply, so a 2xx survives power loss too.
    connection.pragma('synchronous = FULL');
    connection.pragma('foreign_keys = ON');
    connection.pragma('busy_timeout = 5000');
    // Keep the planner's statistics fresh so filtered lists use the right index.
    connection.pragma('optimize = 0x10002');
    this.connection = connection;
    const dialect = new SqliteDialect({ database: cachedStatements(connection) });
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
    if (!(error instanceof SqliteDatabase.SqliteError)) return undefined;
    if (error.code !== 'SQLITE_CONSTRAINT_UNIQUE' && error.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY')
      return undefined;
    const names = /constraint failed: (.+)$/.exec(error.message)?.[1]?.split(', ') ?? [];
    const [table] = names[0]?.split('.') ?? [];
    if (!table) return undefined;
    return { table, columns: names.map((name) => name.slice(name.indexOf('.') + 1)) };
  }

  /**
   * SQLite cannot alter a constraint; its documented way for a change that leaves the stored
   * rows valid (https://sqlite.org/lang_altertable.html#otheralter) is to edit the table's
   * definition in sqlite_schema and bump schema_version, in the migration's transaction. A
   * rebuild of the table would instead cascade deletes into the tables referencing it.
   */
  async widenCheck(
    db: Kysely<Database>,
    table: string,
    constraint: string,
    expression: string,
  ): Promise<void> {
    const row = await sql<{
      sql: string;
    }>`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ${table}`.execute(db);
    const definition = row.rows[0]?.sql;
    if (!definition) throw new Error(`no table ${table}`);
    const widened = replaceCheck(definition, constraint, expression);
    const version = await sql<{ schema_version: number }>`PRAGMA schema_version`.execute(db);
    const next = (version.rows[0]?.schema_version ?? 0) + 1;
    // better-sqlite3 runs SQLite in defensive mode, which forbids writing sqlite_schema.
    this.connection?.unsafeMode(true);
    try {
      await sql`PRAGMA writable_schema = ON`.execute(db);
      await sql`UPDATE sqlite_schema SET sql = ${widened} WHERE type = 'table' AND name = ${table}`.execute(
        db,
      );
      await sql.raw(`PRAGMA schema_version = ${next}`).execute(db);
      await sql`PRAGMA writable_schema = OFF`.execute(db);
    } finally {
      this.connection?.unsafeMode(false);
    }
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
 */
function cachedStatements(connection: SqliteDatabase.Database) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => connection.close(),
    prepare: (text: string) => {
      let statement = statements.get(text);
      if (!statement) {
        statement = connection.prepare(text);
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

/** `definition` (a CREATE TABLE) with the CHECK of `constraint` replaced by `expression`. */
function replaceCheck(definition: string, constraint: string, expression: string): string {
  const start = new RegExp(`constraint\\s+"?${constraint}"?\\s+check\\s*\\(`, 'i').exec(definition);
  if (!start) throw new Error(`no check constraint ${constraint}`);
  const open = start.index + start[0].length;
  let depth = 1;
  let end = open;
  for (; end < definition.length && depth > 0; end += 1) {
    const char = definition[end];
    if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (char === "'") end = definition.indexOf("'", end + 1);
  }
  return `${definition.slice(0, open)}${expression}${definition.slice(end - 1)}`;
}
