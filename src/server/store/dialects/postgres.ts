import { type ColumnDefinitionBuilder, Kysely, PostgresDialect, type SelectQueryBuilder, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema.js';
import { type IncidentQuery, type StoreDialect, searchWords } from './dialect.js';
import { TableNamesIntrospector } from './postgres-table-names.js';
import { translatingErrors } from './unique-conflict-driver.js';
import { type UniqueViolation, uniqueConflicts } from './unique-conflicts.js';

// int8 (bigint: times in ms, counts) fits a JS number for every value Beacon stores.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** PostgreSQL through node-postgres; several Beacon processes may share one database. */
export class PostgresStoreDialect implements StoreDialect {
  readonly name = 'postgres';
  readonly serialType = 'serial';
  // Several, so one batch's round trips overlap another's commit (a per-service lock orders them).
  readonly concurrentWriters = 4;
  readonly warnings: readonly string[] = [];
  constructor(
    private readonly url: string,
    private readonly options: { schema?: string; poolSize?: number } = {},
  ) {}

  // Named explicitly (the schema the connection writes to, e.g. from search_path in the URL):
  // Kysely otherwise finds its tables in any schema and skips creating them.
  async migrationSchema(db: Kysely<Database>): Promise<string | undefined> {
    if (this.options.schema) return this.options.schema;
    const result = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
    return result.rows[0]?.schema ?? 'public';
  }

  serialPrimaryKey(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
    return column.primaryKey();
  }

  open(): Kysely<Database> {
    const pool = new pg.Pool({
      connectionString: this.url,
      max: this.options.poolSize ?? 10,
      ...(this.options.schema ? { options: `-c search_path=${this.options.schema}` } : {}),
    });
    const postgres = new PostgresDialect({ pool });
    return new Kysely<Database>({
      dialect: translatingErrors(
        {
          createDriver: () => postgres.createDriver(),
          createQueryCompiler: () => postgres.createQueryCompiler(),
          createAdapter: () => postgres.createAdapter(),
          createIntrospector: (db) => new TableNamesIntrospector(db),
        },
        uniqueConflicts((error) => this.uniqueViolation(error)),
      ),
    });
  }

  async createIncidentSearch(db: Kysely<Database>): Promise<void> {
    await sql`ALTER TABLE incidents ADD COLUMN search tsvector GENERATED ALWAYS AS
      (to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(summary, ''))) STORED`.execute(db);
    await sql`CREATE INDEX incidents_search_idx ON incidents USING gin (search)`.execute(db);
  }

  async replaceCheck(db: Kysely<Database>, table: string, constraint: string, check: string): Promise<void> {
    await sql
      .raw(
        `ALTER TABLE "${table}" DROP CONSTRAINT "${constraint}", ADD CONSTRAINT "${constraint}" CHECK (${check})`,
      )
      .execute(db);
  }

  async protectTimeline(db: Kysely<Database>): Promise<void> {
    await sql`CREATE FUNCTION timeline_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'timeline entries are immutable'; END $$`.execute(db);
    await sql`CREATE TRIGGER timeline_no_change BEFORE UPDATE OR DELETE ON timeline_entries
      FOR EACH ROW EXECUTE FUNCTION timeline_immutable()`.execute(db);
  }

  matchText<O>(query: IncidentQuery<O>, text: string): IncidentQuery<O> {
    const words = searchWords(text);
    if (words.length === 0) return query;
    const tsquery = words.map((word) => `${word}:*`).join(' & ');
    return query.where(sql<boolean>`incidents.search @@ to_tsquery('simple', ${tsquery})`);
  }

  async lock(tx: Kysely<Database>, key: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`.execute(tx);
  }

  async tryLock(tx: Kysely<Database>, key: string): Promise<boolean> {
    const result = await sql<{
      locked: boolean;
    }>`SELECT pg_try_advisory_xact_lock(hashtext(${key})) AS locked`.execute(tx);
    return result.rows[0]?.locked === true;
  }

  skipLocked<T extends keyof Database, O>(
    query: SelectQueryBuilder<Database, T, O>,
  ): SelectQueryBuilder<Database, T, O> {
    return query.forUpdate().skipLocked();
  }

  // 23505 unique_violation; detail "Key (team_id, user_id)=(1, 2) already exists."
  uniqueViolation(error: unknown): UniqueViolation | undefined {
    if (!(error instanceof pg.DatabaseError) || error.code !== '23505' || !error.table) return undefined;
    const list = /^Key \((.+?)\)=\(/.exec(error.detail ?? '')?.[1];
    if (!list) return undefined;
    return {
      table: error.table,
      columns: list.split(', ').map((column) => column.replace(/^"(.*)"$/, '$1')),
    };
  }

  async ping(db: Kysely<Database>): Promise<void> {
    await sql`SELECT 1`.execute(db);
  }

  backup(): Promise<void> {
    return Promise.reject(new Error('back up PostgreSQL with pg_dump (see docs/operations.md)'));
  }
}
