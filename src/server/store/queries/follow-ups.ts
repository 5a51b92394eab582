import { type Updateable, sql } from 'kysely';
import { ConflictError, ValidationError } from '../../../core/errors.js';
import {
  type FollowUpListQuery,
  type FollowUpState,
  OPEN_FOLLOW_UP_STATES,
} from '../../../core/schemas/follow-ups.js';
import { dialectOf } from '../dialects/dialect-of.js';
import type { FollowUpRow, FollowUpsTable, NewFollowUpRow } from '../schema.js';
import type { Executor } from '../store.js';

/** A due date sorts last when there is none (later than any real date). */
const NO_DUE_DATE = 8_640_000_000_000_000;

/** Insert a follow-up and return it. */
export function insertFollowUp(tx: Executor, values: NewFollowUpRow): Promise<FollowUpRow> {
  return tx.insertInto('follow_ups').values(values).returningAll().executeTakeFirstOrThrow();
}

/** One follow-up by id, or undefined. */
export function findFollowUpById(db: Executor, id: number): Promise<FollowUpRow | undefined> {
  return db.selectFrom('follow_ups').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Changes to a follow-up. */
export type FollowUpChanges = Updateable<Omit<FollowUpsTable, 'id' | 'version'>>;

/** Write `changes` only if the follow-up is still at `version`, bumping it; else a 409. */
export async function updateFollowUpAtVersion(
  tx: Executor,
  id: number,
  version: number,
  changes: FollowUpChanges,
): Promise<FollowUpRow> {
  const row = await tx
    .updateTable('follow_ups')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new ConflictError('the follow-up was changed by someone else; reload and retry', 'version');
  return row;
}

/** Delete a follow-up (its incident links go with it). */
export async function deleteFollowUp(tx: Executor, id: number): Promise<void> {
  await tx.deleteFrom('follow_up_incidents').where('follow_up_id', '=', id).execute();
  await tx.deleteFrom('follow_ups').where('id', '=', id).execute();
}

/** Link a follow-up to incidents it is not yet linked to. */
export async function linkFollowUpIncidents(
  tx: Executor,
  followUpId: number,
  incidentIds: readonly number[],
): Promise<void> {
  if (incidentIds.length === 0) return;
  await tx
    .insertInto('follow_up_incidents')
    .values(
      [...new Set(incidentIds)].map((incidentId) => ({ follow_up_id: followUpId, incident_id: incidentId })),
    )
    .onConflict((oc) => oc.columns(['follow_up_id', 'incident_id']).doNothing())
    .execute();
}

/** Remove a follow-up's links to these incidents. */
export async function unlinkFollowUpIncidents(
  tx: Executor,
  followUpId: number,
  incidentIds: readonly number[],
): Promise<void> {
  if (incidentIds.length === 0) return;
  await tx
    .deleteFrom('follow_up_incidents')
    .where('follow_up_id', '=', followUpId)
    .where('incident_id', 'in', [...incidentIds])
    .execute();
}

/** The incident ids linked to each of these follow-ups (oldest link first). */
export async function incidentIdsOfFollowUps(
  db: Executor,
  followUpIds: readonly number[],
): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (followUpIds.length === 0) return map;
  const rows = await db
    .selectFrom('follow_up_incidents')
    .select(['follow_up_id', 'incident_id'])
    .where('follow_up_id', 'in', [...new Set(followUpIds)])
    .orderBy('incident_id')
    .execute();
  for (const row of rows) {
    const list = map.get(row.follow_up_id) ?? [];
    list.push(row.incident_id);
    map.set(row.follow_up_id, list);
  }
  return map;
}

/** Every follow-up linked to an incident: still to do first, then by due date and age. */
export function listFollowUpsOfIncident(db: Executor, incidentId: number): Promise<FollowUpRow[]> {
  return db
    .selectFrom('follow_ups')
    .selectAll()
    .where('id', 'in', (eb) =>
      eb.selectFrom('follow_up_incidents').select('follow_up_id').where('incident_id', '=', incidentId),
    )
    .orderBy(sql`CASE WHEN state IN ('open', 'in_progress') THEN 0 ELSE 1 END`)
    .orderBy(sql`COALESCE(due_at, ${NO_DUE_DATE})`)
    .orderBy('id')
    .execute();
}

/** How many follow-ups still to do (open or in progress) each incident has; absent: none. */
export async function countOpenFollowUpsOfIncidents(
  db: Executor,
  incidentIds: readonly number[],
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (incidentIds.length === 0) return counts;
  const rows = await db
    .selectFrom('follow_up_incidents')
    .innerJoin('follow_ups', 'follow_ups.id', 'follow_up_incidents.follow_up_id')
    .select((eb) => ['follow_up_incidents.incident_id', eb.fn.countAll<number | string>().as('count')])
    .where('follow_up_incidents.incident_id', 'in', [...new Set(incidentIds)])
    .where('follow_ups.state', 'in', [...OPEN_FOLLOW_UP_STATES])
    .groupBy('follow_up_incidents.incident_id')
    .execute();
  for (const row of rows) counts.set(row.incident_id, Number(row.count));
  return counts;
}

/** Opaque keyset cursor of the follow-up list: the sort value and id of a page's last row. */
function encodeCursor(value: number, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): [number, number] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((part) => Number.isSafeInteger(part))) {
      return parsed as [number, number];
    }
  } catch {
    // fall through to the validation error below
  }
  throw new ValidationError('cursor', 'is not a cursor this server issued for this sort');
}

/** What narrows a follow-up list besides the query: the caller, the incident, the time. */
export interface FollowUpListScope {
  viewerId?: number | undefined;
  incidentId?: number | undefined;
  now: number;
}

/** One page of follow-ups matching `query`, plus the cursor of the next page. */
export async function listFollowUps(
  db: Executor,
  query: FollowUpListQuery,
  scope: FollowUpListScope,
): Promise<{ rows: FollowUpRow[]; nextCursor: string | null }> {
  let q = db.selectFrom('follow_ups').selectAll();
  const states: FollowUpState[] | undefined =
    query.open === 'true' || query.overdue === 'true' ? [...OPEN_FOLLOW_UP_STATES] : query.state;
  if (states?.length) q = q.where('state', 'in', states);
  if (query.open === 'false') q = q.where('state', 'not in', [...OPEN_FOLLOW_UP_STATES]);
  if (query.overdue === 'true') q = q.where('due_at', '<', scope.now);
  if (query.mine === 'true' && scope.viewerId !== undefined) q = q.where('owner_id', '=', scope.viewerId);
  if (query.ownerId !== undefined) q = q.where('owner_id', '=', query.ownerId);
  if (query.teamId !== undefined) q = q.where('team_id', '=', query.teamId);
  if (query.priority?.length) q = q.where('priority', 'in', query.priority);
  const { incidentId } = scope;
  if (incidentId !== undefined)
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('follow_up_incidents').select('follow_up_id').where('incident_id', '=', incidentId),
    );
  const { serviceId } = query;
  if (serviceId !== undefined)
    q = q.where('id', 'in', (eb) =>
      eb
        .selectFrom('follow_up_incidents')
        .innerJoin('incident_services', 'incident_services.incident_id', 'follow_up_incidents.incident_id')
        .select('follow_up_incidents.follow_up_id')
        .where('incident_services.service_id', '=', serviceId),
    );
  // Newest first, or soonest due first (no due date last); both with the id as tie-breaker.
  const byDue = query.sort === 'due';
  const sortValue = byDue ? sql<number>`COALESCE(due_at, ${sql.lit(NO_DUE_DATE)})` : sql<number>`created_at`;
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor);
    q = q.where((eb) => eb(eb.tuple(sortValue, eb.ref('id')), byDue ? '>' : '<', eb.tuple(value, id)));
  }
  const direction = byDue ? 'asc' : 'desc';
  const rows = await q
    .orderBy(sortValue, direction)
    .orderBy('id', direction)
    .limit(query.limit + 1)
    .execute();
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  const lastValue = last && (byDue ? (last.due_at ?? NO_DUE_DATE) : last.created_at);
  return {
    rows: page,
    nextCursor: hasMore && last && lastValue !== undefined ? encodeCursor(lastValue, last.id) : null,
  };
}

/**
 * Take up to `limit` follow-ups still to do, owned by someone, past their due date and not
 * reminded of since `remindedBefore`, locked until `tx` commits; rows another process holds
 * are skipped (PostgreSQL), so each reminder period is handled by exactly one process.
 */
export function claimOverdueFollowUps(
  tx: Executor,
  claim: { now: number; remindedBefore: number; limit: number },
): Promise<FollowUpRow[]> {
  return dialectOf(tx)
    .skipLocked(
      tx
        .selectFrom('follow_ups')
        .selectAll()
        .where('state', 'in', [...OPEN_FOLLOW_UP_STATES])
        .where('due_at', '<', claim.now)
        .where('owner_id', 'is not', null)
        .where((eb) => eb.or([eb('reminded_at', 'is', null), eb('reminded_at', '<=', claim.remindedBefore)]))
        .orderBy('due_at')
        .orderBy('id')
        .limit(claim.limit),
    )
    .execute();
}

/** Record that a follow-up's overdue reminder was queued at `at`. */
export async function markFollowUpReminded(tx: Executor, id: number, at: number): Promise<void> {
  await tx
    .updateTable('follow_ups')
    .set((eb) => ({ reminded_at: at, reminders_sent: eb('reminders_sent', '+', 1) }))
    .where('id', '=', id)
    .execute();
}
