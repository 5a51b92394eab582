import type { Insertable } from 'kysely';
import type { Actor } from '../../../core/schemas/timeline.js';
import type { TimelineKind } from '../../../core/schemas/timeline.js';
import { mayChangeFeatures } from '../../../core/similar/feature-inputs.js';
import type { TimelineEntriesTable } from '../schema.js';
import { noteIncidentsChanged } from '../changed-incidents.js';
import type { Executor } from '../store.js';
import { type TimelineChanges, timelineRows } from './rows/timeline.js';

export type { TimelineChanges };

/** What a new timeline line says. */
export interface TimelineAppend {
  incidentId: number;
  at: number;
  actor: Actor;
  kind: TimelineKind;
  changes?: TimelineChanges | null;
  body?: string | null;
}

function timelineRow(entry: TimelineAppend) {
  return timelineRows.encode<Insertable<TimelineEntriesTable>>({
    incident_id: entry.incidentId,
    at: entry.at,
    actor_type: entry.actor.type,
    actor_id: entry.actor.id,
    actor_name: entry.actor.name,
    kind: entry.kind,
    changes: entry.changes ?? null,
    body: entry.body ?? null,
  });
}

/** Insert one line of an incident's timeline (the only write the timeline allows). */
export async function insertTimelineEntry(tx: Executor, entry: TimelineAppend): Promise<number> {
  const row = await tx
    .insertInto('timeline_entries')
    .values(timelineRow(entry))
    .returning('id')
    .executeTakeFirstOrThrow();
  if (mayChangeFeatures(entry.kind)) await noteIncidentsChanged(tx, [entry.incidentId]);
  return row.id;
}

/** Insert several timeline lines, in this order (ascending ids), with one statement. */
export async function insertTimelineEntries(tx: Executor, entries: readonly TimelineAppend[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insertInto('timeline_entries').values(entries.map(timelineRow)).execute();
  const changing = entries.filter((entry) => mayChangeFeatures(entry.kind));
  if (changing.length > 0)
    await noteIncidentsChanged(
      tx,
      changing.map((entry) => entry.incidentId),
    );
}

/** Timeline rows of the given incidents, in the order they happened. */
export async function timelineOf(db: Executor, incidentIds: readonly number[]) {
  const rows = await db
    .selectFrom('timeline_entries')
    .innerJoin('incidents', 'incidents.id', 'timeline_entries.incident_id')
    .selectAll('timeline_entries')
    .select('incidents.number as incident_number')
    .where('timeline_entries.incident_id', 'in', incidentIds)
    .orderBy('timeline_entries.at')
    .orderBy('timeline_entries.id')
    .execute();
  return rows.map(timelineRows.decode);
}

/** Highest timeline id, for the live change feed. */
export async function latestTimelineId(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('timeline_entries')
    .select((eb) => eb.fn.max<number | string | null>('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** Timeline lines after `afterId` (for the change feed), with their incident numbers. */
export function timelineAfter(db: Executor, afterId: number, limit: number) {
  return db
    .selectFrom('timeline_entries')
    .innerJoin('incidents', 'incidents.id', 'timeline_entries.incident_id')
    .select([
      'timeline_entries.id',
      'timeline_entries.kind',
      'incidents.number',
      'incidents.version',
      'incidents.status',
    ])
    .where('timeline_entries.id', '>', afterId)
    .orderBy('timeline_entries.id')
    .limit(limit)
    .execute();
}

/** Who wrote an incident's latest timeline line of `kind`, and when (undefined: none). */
export function latestActorOf(db: Executor, incidentId: number, kind: TimelineKind) {
  return db
    .selectFrom('timeline_entries')
    .select(['actor_type', 'actor_id', 'actor_name', 'at'])
    .where('incident_id', '=', incidentId)
    .where('kind', '=', kind)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
