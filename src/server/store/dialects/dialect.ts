import type { ColumnDefinitionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../schema.js';
import type { UniqueViolation } from './unique-conflicts.js';

/** The incident query the text-search filter is applied to. */
export type IncidentQuery<O> = SelectQueryBuilder<Database, 'incidents', O>;

/**
 * Everything that differs between SQLite and PostgreSQL lives behind this interface;
 * code outside `dialects/` never asks which database it runs on.
 */
export interface StoreDialect {
  readonly name: 'sqlite' | 'postgres';
  /**
   * Write transactions worth running at once: several on PostgreSQL, so one batch's round
   * trips overlap another's commit; one on SQLite, which has a single writer.
   */
  readonly concurrentWriters: number;
  /** Column type for an auto-incrementing integer primary key. */
  readonly serialType: 'integer' | 'serial';
  /** Make `column` an auto-incrementing primary key. */
  serialPrimaryKey(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Schema to hold the migration bookkeeping tables (PostgreSQL), if any. */
  migrationSchema(db: Kysely<Database>): Promise<string | undefined>;
  /** Open the Kysely instance. */
  open(): Kysely<Database>;
  /** What opening the database found worth a warning in the log (files others can read). */
  readonly warnings: readonly string[];
  /** Create the incident full-text index and what keeps it current. */
  createIncidentSearch(db: Kysely<Database>): Promise<void>;
  /** Make the timeline append-only in the database itself. */
  protectTimeline(db: Kysely<Database>): Promise<void>;
  /** Restrict an incident query to rows matching every word of `text` (prefix match). */
  matchText<O>(query: IncidentQuery<O>, text: string): IncidentQuery<O>;
  /** Hold a lock named `key` until `tx` ends, waiting for it (no-op on single-writer SQLite). */
  lock(tx: Kysely<Database>, key: string): Promise<void>;
  /** Take the lock named `key` until `tx` ends if it is free; false when another holds it. */
  tryLock(tx: Kysely<Database>, key: string): Promise<boolean>;
  /**
   * The table and columns of the unique index or primary key `error` (thrown by this
   * dialect's driver) broke, or undefined for any other error.
   */
  uniqueViolation(error: unknown): UniqueViolation | undefined;
  /** Check the database answers. */
  ping(db: Kysely<Database>): Promise<void>;
  /**
   * Let the CHECK constraint `constraint` of `table` accept more: it becomes `expression`.
   * Rows are not checked again (SQLite edits the table's definition in place), so only a
   * check that accepts every row the old one did may be given.
   */
  widenCheck(db: Kysely<Database>, table: string, constraint: string, expression: string): Promise<void>;
  /** Consistent online copy to `file` (SQLite); PostgreSQL uses pg_dump instead. */
  backup(db: Kysely<Database>, file: string): Promise<void>;
  /**
   * Lock the rows `query` selects until the statement or transaction ends, skipping rows
   * another transaction holds, so concurrent claimers take disjoint rows (durable timers).
   */
  skipLocked<T extends keyof Database, O>(
    query: SelectQueryBuilder<Database, T, O>,
  ): SelectQueryBuilder<Database, T, O>;
}

/** Split search text into words safe to put in a full-text query. */
export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 8);
}
