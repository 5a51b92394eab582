import { sql } from 'kysely';
import { DAY_MS } from '../../../core/metrics/calendar.js';
import { dialectOf } from '../dialects/dialect-of.js';
import type { Executor } from '../store.js';

/** An incident as the rollups count it. */
export interface MetricIncident {
  id: number;
  status: string;
  severity: string;
  category: string | null;
  createdAt: number;
  startedAt: number;
  detectedAt: number;
  acknowledgedAt: number | null;
  mitigatedAt: number | null;
  resolvedAt: number | null;
}

/** Hold the rollup lock until `tx` ends, so processes rebuild one at a time. */
export function lockMetricRollups(tx: Executor): Promise<void> {
  return dialectOf(tx).lock(tx, 'incident-metric-rollups');
}

/** Up to when the rollups are current and the ownership they used (watermark 0: never built). */
export interface RollupState {
  watermark: number;
  ownership: string;
}

/**
 * Take the refresh lease until `until` when nobody holds it (or a holder's lease ran out):
 * the rollup state, or undefined when another process holds it.
 */
export async function claimRollupRefresh(
  db: Executor,
  now: number,
  until: number,
): Promise<RollupState | undefined> {
  await db
    .insertInto('incident_metric_state')
    .values({ id: 1, watermark: 0, ownership: '', leased_until: 0 })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const claimed = await db
    .updateTable('incident_metric_state')
    .set({ leased_until: until })
    .where('id', '=', 1)
    .where('leased_until', '<=', now)
    .executeTakeFirst();
  if (claimed.numUpdatedRows === 0n) return undefined;
  return db
    .selectFrom('incident_metric_state')
    .select(['watermark', 'ownership'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
}

/** Keep the refresh lease until `until`. */
export async function renewRollupRefresh(tx: Executor, until: number): Promise<void> {
  await tx.updateTable('incident_metric_state').set({ leased_until: until }).where('id', '=', 1).execute();
}

/** Release the lease, recording up to when the rollups are current (nothing new when absent). */
export async function finishRollupRefresh(tx: Executor, state?: RollupState): Promise<void> {
  await tx
    .updateTable('incident_metric_state')
    .set({ leased_until: 0, ...state })
    .where('id', '=', 1)
    .execute();
}

/** The rollup state without taking the lease; undefined before the first refresh. */
export async function readRollupState(db: Executor): Promise<RollupState | undefined> {
  return db
    .selectFrom('incident_metric_state')
    .select(['watermark', 'ownership'])
    .where('id', '=', 1)
    .executeTakeFirst();
}

/** Up to when the rollups are current, or undefined before the first refresh. */
export async function readRollupWatermark(db: Executor): Promise<number | undefined> {
  const row = await db
    .selectFrom('incident_metric_state')
    .select('watermark')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row && row.watermark > 0 ? row.watermark : undefined;
}

/** Every service with its owning team (null: none), by id. */
export async function serviceOwners(
  db: Executor,
): Promise<Array<{ id: number; ownerTeamId: number | null }>> {
  const rows = await db.selectFrom('services').select(['id', 'owner_team_id']).orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, ownerTeamId: row.owner_team_id }));
}

/** The days (of created_at) of incidents changed after `since`. */
export async function changedIncidentDays(db: Executor, since: number): Promise<number[]> {
  const rows = await db
    .selectFrom('incidents')
    .select(sql<number>`created_at / ${sql.lit(DAY_MS)}`.as('day'))
    .distinct()
    .where('updated_at', '>', since)
    .execute();
  return rows.map((row) => row.day);
}

/** The first and last day any incident was created, or undefined with none. */
export async function incidentDayRange(db: Executor): Promise<{ first: number; last: number } | undefined> {
  const row = await db
    .selectFrom('incidents')
    .select((eb) => [eb.fn.min('created_at').as('first'), eb.fn.max('created_at').as('last')])
    .executeTakeFirst();
  if (row?.first === null || row?.first === undefined || row.last === null) return undefined;
  return { first: Math.floor(row.first / DAY_MS), last: Math.floor(row.last / DAY_MS) };
}

/** Incidents created on days `[fromDay, toDay]`, with their service ids. */
export async function incidentsOfDays(
  db: Executor,
  fromDay: number,
  toDay: number,
): Promise<{ incidents: MetricIncident[]; services: Map<number, number[]> }> {
  const [from, to] = [fromDay * DAY_MS, (toDay + 1) * DAY_MS];
  const rows = await db
    .selectFrom('incidents')
    .select([
      'id',
      'status',
      'severity',
      'category',
      'created_at',
      'started_at',
      'detected_at',
      'acknowledged_at',
      'mitigated_at',
      'resolved_at',
    ])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .execute();
  const links = await db
    .selectFrom('incident_services as s')
    .innerJoin('incidents as i', 'i.id', 's.incident_id')
    .select(['s.incident_id', 's.service_id'])
    .where('i.created_at', '>=', from)
    .where('i.created_at', '<', to)
    .execute();
  const services = new Map<number, number[]>();
  for (const link of links) {
    const list = services.get(link.incident_id) ?? [];
    list.push(link.service_id);
    services.set(link.incident_id, list);
  }
  const incidents = rows.map((row) => ({
    id: row.id,
    status: row.status,
    severity: row.severity,
    category: row.category,
    createdAt: row.created_at,
    startedAt: row.started_at,
    detectedAt: row.detected_at,
    acknowledgedAt: row.acknowledged_at,
    mitigatedAt: row.mitigated_at,
    resolvedAt: row.resolved_at,
  }));
  return { incidents, services };
}

/** The ids and names of the services a team owns. */
export async function servicesOfTeam(
  db: Executor,
  teamId: number,
): Promise<Array<{ id: number; name: string }>> {
  return db
    .selectFrom('services')
    .select(['id', 'name'])
    .where('owner_team_id', '=', teamId)
    .orderBy('id')
    .execute();
}

/** Names and emails of users by id. */
export async function userRefs(
  db: Executor,
  ids: readonly number[],
): Promise<Array<{ id: number; name: string; email: string }>> {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', ids).execute();
}

/** Outbox messages waiting to go (pending or being sent) and when the oldest was queued. */
export async function outboxBacklog(
  db: Executor,
): Promise<{ depth: number; oldestCreatedAt: number | null }> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll<number>().as('depth'), eb.fn.min('created_at').as('oldest')])
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirst();
  return { depth: row?.depth ?? 0, oldestCreatedAt: row?.oldest ?? null };
}

/** Incidents not yet resolved (nor closed, declined or merged), per severity. */
export async function openIncidentsBySeverity(
  db: Executor,
  openStatuses: readonly string[],
): Promise<Array<{ severity: string; count: number }>> {
  return db
    .selectFrom('incidents')
    .select((eb) => ['severity', eb.fn.countAll<number>().as('count')])
    .where('status', 'in', openStatuses)
    .groupBy('severity')
    .execute();
}

/** Which follow-ups a metrics read counts: due in `[from, to)`, linked to a matching incident when filtered. */
export interface FollowUpFilter {
  from: number;
  to: number;
  /** Now: open follow-ups due before it are overdue. */
  now: number;
  /** Incidents left out of every metric; a filtered read needs a linked incident not in them. */
  excludedStatuses: readonly string[];
  serviceId?: number;
  teamId?: number;
  severities: readonly string[];
  /** '' for incidents without a category. */
  categories: readonly string[];
  /** Only these follow-ups. */
  ids?: readonly number[];
  /** Only follow-ups up to this id. */
  throughId?: number;
}

/**
 * Follow-ups due in the period per state, with how many of each are past due at `now`. With
 * any filter, only follow-ups linked to an incident that matches every filter count.
 */
export async function followUpsByState(
  db: Executor,
  filter: FollowUpFilter,
): Promise<Array<{ state: string; count: number; pastDue: number }>> {
  let query = db
    .selectFrom('follow_ups as f')
    .select((eb) => [
      'f.state',
      eb.fn.countAll<number | string>().as('count'),
      eb.fn
        .sum<number | string | null>(eb.case().when('f.due_at', '<', filter.now).then(1).else(0).end())
        .as('past_due'),
    ])
    .where('f.due_at', '>=', filter.from)
    .where('f.due_at', '<', filter.to)
    .groupBy('f.state');
  if (filter.ids !== undefined) query = query.where('f.id', 'in', filter.ids.length > 0 ? filter.ids : [0]);
  if (filter.throughId !== undefined) query = query.where('f.id', '<=', filter.throughId);
  const isFiltered =
    filter.serviceId !== undefined ||
    filter.teamId !== undefined ||
    filter.severities.length > 0 ||
    filter.categories.length > 0;
  if (isFiltered)
    query = query.where((eb) => {
      let linked = eb
        .selectFrom('follow_up_incidents as fi')
        .innerJoin('incidents as i', 'i.id', 'fi.incident_id')
        .select(sql.lit(1).as('one'))
        .whereRef('fi.follow_up_id', '=', 'f.id')
        .where('i.status', 'not in', filter.excludedStatuses);
      if (filter.severities.length > 0) linked = linked.where('i.severity', 'in', filter.severities);
      if (filter.categories.length > 0)
        linked = linked.where(sql<string>`coalesce(i.category, '')`, 'in', filter.categories);
      if (filter.serviceId !== undefined || filter.teamId !== undefined) {
        let service = linked
          .innerJoin('incident_services as s', 's.incident_id', 'i.id')
          .innerJoin('services as sv', 'sv.id', 's.service_id');
        if (filter.serviceId !== undefined) service = service.where('sv.id', '=', filter.serviceId);
        if (filter.teamId !== undefined) service = service.where('sv.owner_team_id', '=', filter.teamId);
        return eb.exists(service);
      }
      return eb.exists(linked);
    });
  const rows = await query.execute();
  return rows.map((row) => ({
    state: row.state,
    count: Number(row.count),
    pastDue: Number(row.past_due ?? 0),
  }));
}
