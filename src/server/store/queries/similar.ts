// What similar-incident lookups read: incidents with their services and alert labels (to
// index them), which incidents changed since a timeline position, and recurrence marks.

import { OPEN_FOLLOW_UP_STATES } from '../../../core/schemas/follow-ups.js';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../schema.js';
import type { Executor } from '../store.js';
import { alertRows } from './rows/alerts.js';

/** The columns of an incident similarity reads. */
const SIMILARITY_COLUMNS = [
  'id',
  'number',
  'title',
  'summary',
  'root_cause',
  'resolution_summary',
  'category',
  'status',
  'started_at',
  'resolved_at',
] as const;

/** These incidents (those that exist), in id order. */
export function similarityRowsOf(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('incidents')
    .select(SIMILARITY_COLUMNS)
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
}

/** Service ids per incident, for the incidents with ids in [fromId, toId]. */
export async function serviceIdsBetween(db: Executor, fromId: number, toId: number) {
  const rows = await db
    .selectFrom('incident_services')
    .select(['incident_id', 'service_id'])
    .where('incident_id', '>=', fromId)
    .where('incident_id', '<=', toId)
    .execute();
  return groupBy(
    rows,
    (row) => row.incident_id,
    (row) => row.service_id,
  );
}

/** Alert labels per incident (one record per alert, its first alerts), for ids in [fromId, toId]. */
export async function alertLabelsBetween(db: Executor, fromId: number, toId: number) {
  return labelsOfFirstAlerts(db, (eb) =>
    eb.and([eb('incident_id', '>=', fromId), eb('incident_id', '<=', toId)]),
  );
}

/** Alert labels per incident (its first alerts) for these incidents. */
export async function alertLabelsOf(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, Array<Record<string, string>>>();
  return labelsOfFirstAlerts(db, (eb) => eb('incident_id', 'in', [...ids]));
}

/**
 * An incident's similarity reads the labels of its first alerts only: they say what it is, and
 * an alert storm grouped into one incident would otherwise make every commit that touches it
 * read and decode all of its alerts again. The row numbers come from the (incident_id, id) index.
 */
const ALERTS_PER_INCIDENT = 20;

async function labelsOfFirstAlerts(
  db: Executor,
  incidents: (eb: ExpressionBuilder<Database, 'alerts'>) => Expression<SqlBool>,
) {
  const numbered = db
    .selectFrom('alerts')
    .select((eb) => [
      'id',
      eb.fn
        .agg<number>('row_number')
        .over((over) => over.partitionBy('incident_id').orderBy('id'))
        .as('rn'),
    ])
    .where(incidents);
  const rows = await db
    .selectFrom('alerts')
    .select(['incident_id', 'labels'])
    .where(
      'id',
      'in',
      db
        .selectFrom(numbered.as('numbered'))
        .select('numbered.id')
        .where('numbered.rn', '<=', ALERTS_PER_INCIDENT),
    )
    .orderBy('id')
    .execute();
  return groupBy(
    rows,
    (row) => row.incident_id ?? 0,
    (row) => alertRows.decode({ labels: row.labels }).labels,
  );
}

/** The incidents with timeline lines after `afterId` (up to `limit` lines), and the last line read. */
export async function incidentsChangedAfter(db: Executor, afterId: number, limit: number) {
  const rows = await db
    .selectFrom('timeline_entries')
    .select(['id', 'incident_id'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return {
    incidentIds: [...new Set(rows.map((row) => row.incident_id))],
    lastId: rows.at(-1)?.id ?? afterId,
    isMore: rows.length === limit,
  };
}

/** The recurrence mark of one incident, if it has one. */
export function findRecurrence(db: Executor, incidentId: number) {
  return db
    .selectFrom('incident_recurrences')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
}

/** The marks of these incidents (marked as a recurrence of another). */
export function recurrenceMarksOf(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('incident_recurrences')
    .selectAll()
    .where('incident_id', 'in', [...ids])
    .execute();
}

/** Mark an incident as a recurrence of another (the caller checked it has no mark). */
export async function insertRecurrence(
  tx: Executor,
  values: { incidentId: number; recurrenceOfId: number; markedBy: number | null; markedAt: number },
): Promise<void> {
  await tx
    .insertInto('incident_recurrences')
    .values({
      incident_id: values.incidentId,
      recurrence_of_id: values.recurrenceOfId,
      marked_by: values.markedBy,
      marked_at: values.markedAt,
    })
    .execute();
}

/** Remove an incident's recurrence mark. */
export async function deleteRecurrence(tx: Executor, incidentId: number): Promise<void> {
  await tx.deleteFrom('incident_recurrences').where('incident_id', '=', incidentId).execute();
}

/** A service's incidents started in [since, until), oldest first (merged and declined left out). */
export function serviceIncidentsBetween(db: Executor, serviceId: number, since: number, until: number) {
  return db
    .selectFrom('incidents')
    .innerJoin('incident_services', 'incident_services.incident_id', 'incidents.id')
    .select(['incidents.id', 'incidents.number', 'incidents.title', 'incidents.started_at'])
    .where('incident_services.service_id', '=', serviceId)
    .where('incidents.started_at', '>=', since)
    .where('incidents.started_at', '<', until)
    .where('incidents.status', 'not in', ['merged', 'declined'])
    .orderBy('incidents.started_at')
    .orderBy('incidents.id')
    .execute();
}

function groupBy<Row, Value>(
  rows: readonly Row[],
  keyOf: (row: Row) => number,
  valueOf: (row: Row) => Value,
): Map<number, Value[]> {
  const map = new Map<number, Value[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(valueOf(row));
    else map.set(key, [valueOf(row)]);
  }
  return map;
}

/** The follow-ups still to do (open or in progress) of these incidents, with owner names, soonest due first. */
export async function openFollowUpsOf(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, OpenFollowUpRow[]>();
  const rows = await db
    .selectFrom('follow_up_incidents')
    .innerJoin('follow_ups', 'follow_ups.id', 'follow_up_incidents.follow_up_id')
    .leftJoin('users', 'users.id', 'follow_ups.owner_id')
    .select([
      'follow_up_incidents.incident_id',
      'follow_ups.id',
      'follow_ups.title',
      'follow_ups.due_at',
      'users.name as owner',
    ])
    .where('follow_up_incidents.incident_id', 'in', [...ids])
    .where('follow_ups.state', 'in', [...OPEN_FOLLOW_UP_STATES])
    .orderBy('follow_ups.due_at')
    .orderBy('follow_ups.id')
    .execute();
  return groupBy(
    rows,
    (row) => row.incident_id,
    (row): OpenFollowUpRow => ({ id: row.id, title: row.title, dueAt: row.due_at, owner: row.owner }),
  );
}

/** An open follow-up of an incident, as similar-incident answers list it. */
export interface OpenFollowUpRow {
  id: number;
  title: string;
  dueAt: number | null;
  owner: string | null;
}

/**
 * What a similar-incidents answer shows of these incidents, in one statement: the incident's
 * columns, its resolution record's root-cause category, whether it has a review and how many
 * follow-ups are still to do.
 */
export function similarDisplayRowsOf(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('incidents')
    .select(SIMILARITY_COLUMNS)
    .select((eb) => [
      'root_cause_category',
      eb
        .exists(
          eb
            .selectFrom('incident_reviews')
            .select('incident_id')
            .whereRef('incident_id', '=', 'incidents.id'),
        )
        .as('has_review'),
      eb
        .selectFrom('follow_up_incidents')
        .innerJoin('follow_ups', 'follow_ups.id', 'follow_up_incidents.follow_up_id')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('follow_up_incidents.incident_id', '=', 'incidents.id')
        .where('follow_ups.state', 'in', [...OPEN_FOLLOW_UP_STATES])
        .as('open_follow_ups'),
    ])
    .where('id', 'in', [...ids])
    .execute();
}

/** The recurrence marks an incident takes part in: its own ("recurrence of") and those of later ones. */
export function recurrenceLinksOf(db: Executor, incidentId: number) {
  return db
    .selectFrom('incident_recurrences')
    .selectAll()
    .where((eb) => eb.or([eb('incident_id', '=', incidentId), eb('recurrence_of_id', '=', incidentId)]))
    .orderBy('incident_id')
    .execute();
}
