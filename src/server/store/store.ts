import { type Kysely, Migrator, type Transaction } from 'kysely';
import type { StoreDialect } from './dialects/dialect.js';
import { registerDialect } from './dialects/dialect-of.js';
import { PostgresStoreDialect } from './dialects/postgres.js';
import { SqliteStoreDialect } from './dialects/sqlite.js';
import { beforeCommit } from './commit-hooks.js';
import { BeaconMigrations } from './migrations/index.js';
import type { Database } from './schema.js';

/** A connection or an open transaction: what every query function runs on. */
export type Executor = Kysely<Database> | Transaction<Database>;

/** The database Beacon runs on, whichever dialect it is. */
export class Store {
  readonly db: Kysely<Database>;

  constructor(readonly dialect: StoreDialect) {
    this.db = dialect.open();
    registerDialect(this.db, dialect);
  }

  /**
   * Run `work` in one transaction: all of it commits, or none of it. Rows derived from the
   * incidents it changed (their similarity features) are rewritten last, in the same transaction.
   */
  transaction<T>(work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (tx) => {
      const result = await work(tx);
      await beforeCommit(tx);
      return result;
    });
  }

  /** Apply every pending migration (or those up to `upTo`); returns the names applied. */
  async migrate(options: { upTo?: string } = {}): Promise<string[]> {
    const migrationSchema = await this.dialect.migrationSchema(this.db);
    const migrator = new Migrator({
      db: this.db,
      provider: new BeaconMigrations(this.dialect),
      ...(migrationSchema ? { migrationTableSchema: migrationSchema } : {}),
    });
    const { error, results } = await (options.upTo === undefined
      ? migrator.migrateToLatest()
      : migrator.migrateTo(options.upTo));
    if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
    return (results ?? []).map((result) => result.migrationName);
  }

  /** Throws unless the database answers. */
  ping(): Promise<void> {
    return this.dialect.ping(this.db);
  }

  /** Consistent online backup to `file` (SQLite only). */
  backup(file: string): Promise<void> {
    return this.dialect.backup(this.db, file);
  }

  /** Close every connection. */
  close(): Promise<void> {
    return this.db.destroy();
  }
}

/** Pick the dialect from a database URL: postgres(ql):// or a SQLite file path. */
export function dialectFor(databaseUrl: string, options: { schema?: string } = {}): StoreDialect {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return new PostgresStoreDialect(databaseUrl, options);
  }
  const file = databaseUrl.replace(/^sqlite:(\/\/)?/, '');
  return new SqliteStoreDialect(file);
}

/** Open the store for a database URL. */
export function openStore(databaseUrl: string, options: { schema?: string } = {}): Store {
  return new Store(dialectFor(databaseUrl, options));
}
