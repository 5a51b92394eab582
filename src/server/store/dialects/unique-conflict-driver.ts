import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryCompiler,
  TransactionSettings,
} from 'kysely';
import { databaseStatements } from '../../observability/process-metrics.js';

/**
 * `dialect` with every query error passed through `translate` first (and every statement
 * counted in Beacon's own /metrics), so a driver's
 * unique-constraint error leaves the store as the `ConflictError` `translate` makes of it,
 * whichever command, transaction or plain statement ran into it.
 */
export function translatingErrors(dialect: Dialect, translate: (error: unknown) => unknown): Dialect {
  return {
    createDriver: () => new TranslatingDriver(dialect.createDriver(), translate),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

type CompileQuery = QueryCompiler['compileQuery'];

/** A driver whose connections translate the errors of the queries they run. */
class TranslatingDriver implements Driver {
  // The driver's own connection behind each one handed out: drivers release what they made.
  private readonly inner = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(
    private readonly driver: Driver,
    private readonly translate: (error: unknown) => unknown,
  ) {}

  init(): Promise<void> {
    return this.driver.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.driver.acquireConnection();
    const translating: DatabaseConnection = {
      // Async, so an error the driver throws synchronously (better-sqlite3) is translated too.
      executeQuery: async <R>(query: CompiledQuery) => {
        databaseStatements.inc();
        try {
          return await connection.executeQuery<R>(query);
        } catch (error) {
          throw this.translate(error);
        }
      },
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) =>
        connection.streamQuery<R>(query, chunkSize),
    };
    this.inner.set(translating, connection);
    return translating;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    databaseStatements.inc();
    return this.driver.beginTransaction(this.own(connection), settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    databaseStatements.inc();
    return this.driver.commitTransaction(this.own(connection));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    databaseStatements.inc();
    return this.driver.rollbackTransaction(this.own(connection));
  }

  savepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    if (!this.driver.savepoint) return Promise.reject(new Error('the driver has no savepoints'));
    return this.driver.savepoint(this.own(connection), name, compile);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    if (!this.driver.rollbackToSavepoint) return Promise.reject(new Error('the driver has no savepoints'));
    return this.driver.rollbackToSavepoint(this.own(connection), name, compile);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    if (!this.driver.releaseSavepoint) return Promise.reject(new Error('the driver has no savepoints'));
    return this.driver.releaseSavepoint(this.own(connection), name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.driver.releaseConnection(this.own(connection));
  }

  destroy(): Promise<void> {
    return this.driver.destroy();
  }

  private own(connection: DatabaseConnection): DatabaseConnection {
    return this.inner.get(connection) ?? connection;
  }
}
