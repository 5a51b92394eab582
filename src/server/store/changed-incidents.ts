import { runBeforeEveryCommit } from './commit-hooks.js';
import { refreshSimilarityFeatures } from './queries/similarity-features.js';
import type { Executor } from './store.js';

/** Incidents given a timeline line in each open transaction, until it commits. */
const CHANGED = new WeakMap<Executor, Set<number>>();

/**
 * Note that these incidents changed (a timeline line was written for each). In a transaction
 * their derived rows are rewritten just before it commits, after every change it makes; outside
 * one, at once.
 */
export async function noteIncidentsChanged(db: Executor, ids: readonly number[]): Promise<void> {
  if (!db.isTransaction) {
    await refreshSimilarityFeatures(db, [...new Set(ids)]);
    return;
  }
  let changed = CHANGED.get(db);
  if (!changed) {
    changed = new Set();
    CHANGED.set(db, changed);
  }
  for (const id of ids) changed.add(id);
}

/** Rewrite what derives from the incidents this transaction changed; runs last in the transaction. */
async function rewriteChanged(tx: Executor): Promise<void> {
  const changed = CHANGED.get(tx);
  if (!changed || changed.size === 0) return;
  CHANGED.delete(tx);
  await refreshSimilarityFeatures(tx, [...changed]);
}

// Loaded by whatever writes the timeline (`queries/timeline.ts`), so in force before any note.
runBeforeEveryCommit(rewriteChanged);
