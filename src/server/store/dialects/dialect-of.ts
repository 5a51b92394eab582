import type { DialectAdapter, Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { StoreDialect } from './dialect.js';

// Keyed by the Kysely adapter, which a connection shares with every transaction opened on it.
const dialects = new WeakMap<DialectAdapter, StoreDialect>();

/** Remember which dialect `db` (and every transaction opened on it) runs on. */
export function registerDialect(db: Kysely<Database>, dialect: StoreDialect): void {
  dialects.set(db.getExecutor().adapter, dialect);
}

/** The dialect a connection or transaction runs on, so queries need not be handed it. */
export function dialectOf(db: Kysely<Database>): StoreDialect {
  const dialect = dialects.get(db.getExecutor().adapter);
  if (!dialect) throw new Error('this Kysely instance was not opened by a Store');
  return dialect;
}
