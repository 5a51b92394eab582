import type { Executor } from '../store/store.js';
import { latestTimelineId, timelineAfter } from '../store/queries/timeline.js';

/** One change to an incident, as live views receive it. */
export interface IncidentChange {
  ref: string;
  number: number;
  kind: string;
  status: string;
  version: number;
}

/** Something live views subscribe to for incident changes (the engine's change feed). */
export interface IncidentChangeSource {
  /** Receive changes until the returned function is called. */
  subscribe(listener: (change: IncidentChange) => void): () => void;
}

/** The connection changes are read from: the store's, shared by every process on the database. */
export type ChangeReader = Executor;

/** The position of the latest change: a feed reads what comes after it. */
export function latestChangePosition(db: ChangeReader): Promise<number> {
  return latestTimelineId(db);
}

/** Up to `limit` changes after position `after`, oldest first, each with its position. */
export async function changesAfter(
  db: ChangeReader,
  after: number,
  limit: number,
): Promise<{ position: number; change: IncidentChange }[]> {
  const rows = await timelineAfter(db, after, limit);
  return rows.map((row) => ({
    position: row.id,
    change: {
      ref: `INC-${row.number}`,
      number: row.number,
      kind: row.kind,
      status: row.status,
      version: row.version,
    },
  }));
}
