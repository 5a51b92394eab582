import type { Incident, IncidentListQuery, IncidentPage } from '../../core/schemas/incident.js';
import type { TimelineEntry, TimelineKind } from '../../core/schemas/timeline.js';
import { ValidationError } from '../../core/errors.js';
import { incidentsMergedInto, listIncidents } from '../store/queries/incidents.js';
import { timelineOf } from '../store/queries/timeline.js';
import type { Executor } from '../store/store.js';
import type { AppContext } from './context.js';
import { iso } from './context.js';
import { loadIncident } from './incident-guards.js';
import { incidentRef, viewIncident, viewIncidents } from './incident-view.js';

/** One incident by ref. */
export async function getIncident(ctx: AppContext, ref: string): Promise<Incident> {
  const row = await loadIncident(ctx.store.db, ref);
  return viewIncident(ctx.store.db, row);
}

/** One page of incidents (`mine=true`: those `viewerId` commands or holds a role in). */
export async function findIncidents(
  ctx: AppContext,
  query: IncidentListQuery,
  viewerId?: number,
): Promise<IncidentPage> {
  if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
    throw new ValidationError('to', 'must be after from');
  }
  const { rows, nextCursor } = await listIncidents(ctx.store.db, query, viewerId);
  return { items: await viewIncidents(ctx.store.db, rows), nextCursor };
}

/** Ids of an incident and of every incident merged into it, at any depth. */
export async function withMerged(db: Executor, id: number): Promise<number[]> {
  const ids = [id];
  for (let i = 0; i < ids.length && ids.length < 1000; i++) {
    const merged = await incidentsMergedInto(db, ids[i] as number);
    ids.push(...merged.map((m) => m.id));
  }
  return ids;
}

/** An incident's timeline, including the timelines of incidents merged into it. */
export async function getTimeline(ctx: AppContext, ref: string): Promise<TimelineEntry[]> {
  const db = ctx.store.db;
  const row = await loadIncident(db, ref);
  const rows = await timelineOf(db, await withMerged(db, row.id));
  return rows.map((entry) => ({
    id: entry.id,
    incidentRef: incidentRef(entry.incident_number),
    at: iso(entry.at),
    actor: {
      type: entry.actor_type === 'system' ? 'system' : 'user',
      id: entry.actor_id,
      name: entry.actor_name,
    },
    kind: entry.kind as TimelineKind,
    changes: entry.changes,
    body: entry.body,
  }));
}
