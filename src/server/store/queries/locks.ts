import { dialectOf } from '../dialects/dialect-of.js';
import type { Executor } from '../store.js';

/** Hold the lock named `key` until `tx` ends, waiting for it (no-op on single-writer SQLite). */
export function lockNamed(tx: Executor, key: string): Promise<void> {
  return dialectOf(tx).lock(tx, key);
}

/** Take the lock named `key` until `tx` ends if it is free; false when another holds it. */
export function tryLockNamed(tx: Executor, key: string): Promise<boolean> {
  return dialectOf(tx).tryLock(tx, key);
}
