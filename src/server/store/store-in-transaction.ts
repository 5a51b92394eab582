import type { Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { Store } from './store.js';

/**
 * `store` seen from inside the open transaction `tx`: its `db` is `tx`, and its `transaction`
 * runs the work in `tx` instead of opening another, so a command called with it commits (or
 * rolls back) together with whatever else `tx` writes. The outer `Store.transaction` runs the
 * commit hooks once, at its end.
 */
export function storeInTransaction(store: Store, tx: Transaction<Database>): Store {
  const inner = Object.create(store) as Store;
  return Object.assign(inner, {
    db: tx,
    transaction: <T>(work: (open: Transaction<Database>) => Promise<T>): Promise<T> => work(tx),
  });
}
