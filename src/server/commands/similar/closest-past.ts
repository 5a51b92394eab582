import { AUTO_REPEAT_SCORE } from '../../../core/similar/repeats.js';
import { findIncidentsByIds } from '../../store/queries/incidents.js';
import type { Executor } from '../../store/store.js';
import { incidentRef } from '../incident-view.js';
import { featuresOfIncidents } from './find-similar.js';
import { similarityIndexOfDb } from './live-index.js';

/**
 * For a page: the closest past incident of each incident (scoring at least the repeat
 * threshold) with its root cause. Read only from an index already loaded, so a page is never
 * held up by a first load; it starts the load for the next page instead.
 */
export async function closestPastIncidents(
  db: Executor,
  ids: readonly number[],
): Promise<Map<number, { ref: string; rootCause: string | null }>> {
  const closest = new Map<number, { ref: string; rootCause: string | null }>();
  // `db` is the store's connection (the notification sender's), never a transaction.
  const live = similarityIndexOfDb(db);
  if (!live.isLoaded) {
    live.warm();
    return closest;
  }
  const index = await live.current();
  const features = await featuresOfIncidents(db, ids);
  const best = new Map<number, number>();
  for (const [id, own] of features) {
    const [top] = index.lookup({
      incidentId: id,
      beforeId: id,
      features: own,
      limit: 1,
      minScore: AUTO_REPEAT_SCORE,
    });
    if (top) best.set(id, top.incidentId);
  }
  const earlier = await findIncidentsByIds(db, [...best.values()]);
  for (const [id, earlierId] of best) {
    const row = earlier.get(earlierId);
    if (row) closest.set(id, { ref: incidentRef(row.number), rootCause: row.root_cause });
  }
  return closest;
}
