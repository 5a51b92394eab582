import { sql } from 'kysely';
import { DAY_MS } from '../../../core/metrics/calendar.js';
import type { MeasureHistograms } from '../../../core/metrics/measures.js';
import { dialectOf } from '../dialects/dialect-of.js';
import type { Executor } from '../store.js';
import { metricRollupRows } from './rows/metric-rollups.js';

/** Which incidents a rollup row counts: all of them, one service's, or one team's. */
export type MetricScope = { kind: 'all' } | { kind: 'service'; id: number } | { kind: 'team'; id: number };

/** One rollup row as the store hands it out. */
export interface MetricRollup {
  day: number;
  scope: 'all' | 'service' | 'team';
  scopeId: number;
  severity: string;
  /** '' for incidents without a category. */
  category: string;
  incidents: number;
  durations: MeasureHistograms;
}

/** The days, severities and categories a metrics read covers (empty lists: all). */
export interface RollupFilter {
  fromDay: number;
  /** Inclusive. */
  toDay: number;
  severities: readonly string[];
  categories: readonly string[];
}

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

/** Up to when the rollups are current and the ownership they used; undefined before the first build. */
export async function readRollupState(
  db: Executor,
): Promise<{ watermark: number; ownership: string } | undefined> {
  return db
    .selectFrom('incident_metric_state')
    .select(['watermark', 'ownership'])
    .where('id', '=', 1)
    .executeTakeFirst();
}

/** Record up to when the rollups are current. */
export async function writeRollupState(
  tx: Executor,
  state: { watermark: number; ownership: string },
): Promise<void> {
  await tx.deleteFrom('incident_metric_state').where('id', '=', 1).execute();
  await tx
    .insertInto('incident_metric_state')
    .values({ id: 1, ...state })
    .execute();
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

/** Replace the rollups of days `[fromDay, toDay]` (every scope) with `rollups`. */
export async function replaceRollups(
  tx: Executor,
  fromDay: number,
  toDay: number,
  rollups: readonly MetricRollup[],
): Promise<void> {
  await tx
    .deleteFrom('incident_metric_rollups')
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .execute();
  // 7 parameters a row: 500 rows stay under both drivers' parameter limits.
  for (let start = 0; start < rollups.length; start += 500) {
    const values = rollups.slice(start, start + 500).map((rollup) =>
      metricRollupRows.encode<{
        day: number;
        scope: string;
        scope_id: number;
        severity: string;
        category: string;
        incidents: number;
        durations: string;
      }>({
        day: rollup.day,
        scope: rollup.scope,
        scope_id: rollup.scopeId,
        severity: rollup.severity,
        category: rollup.category,
        incidents: rollup.incidents,
        durations: rollup.durations,
      }),
    );
    await tx.insertInto('incident_metric_rollups').values(values).execute();
  }
}

function scoped(scope: MetricScope) {
  return { kind: scope.kind, id: scope.kind === 'all' ? 0 : scope.id };
}

/** The rollup rows of one scope inside the filter, with their histograms. */
export async function readRollups(
  db: Executor,
  scope: MetricScope,
  filter: RollupFilter,
): Promise<MetricRollup[]> {
  const { kind, id } = scoped(scope);
  let query = db
    .selectFrom('incident_metric_rollups')
    .select(['day', 'severity', 'category', 'incidents', 'durations'])
    .where('scope', '=', kind)
    .where('scope_id', '=', id)
    .where('day', '>=', filter.fromDay)
    .where('day', '<=', filter.toDay);
  if (filter.severities.length > 0) query = query.where('severity', 'in', filter.severities);
  if (filter.categories.length > 0) query = query.where('category', 'in', filter.categories);
  const rows = await query.execute();
  return rows.map((row) => {
    const decoded = metricRollupRows.decode(row);
    return {
      day: decoded.day,
      scope: kind,
      scopeId: id,
      severity: decoded.severity,
      category: decoded.category,
      incidents: decoded.incidents,
      durations: decoded.durations,
    };
  });
}

/**
 * Incidents per service or per team inside the filter, summed in SQL, with the name; `ids`
 * narrows to some services or teams.
 */
export async function rollupCountsBy(
  db: Executor,
  kind: 'service' | 'team',
  filter: RollupFilter,
  ids?: readonly number[],
): Promise<Array<{ id: number; name: string; incidents: number }>> {
  if (ids?.length === 0) return [];
  let query = db
    .selectFrom('incident_metric_rollups as r')
    .select((eb) => ['r.scope_id', eb.fn.sum<number>('r.incidents').as('incidents')])
    .where('r.scope', '=', kind)
    .where('r.day', '>=', filter.fromDay)
    .where('r.day', '<=', filter.toDay)
    .groupBy('r.scope_id');
  if (filter.severities.length > 0) query = query.where('r.severity', 'in', filter.severities);
  if (filter.categories.length > 0) query = query.where('r.category', 'in', filter.categories);
  if (ids) query = query.where('r.scope_id', 'in', ids);
  const counts = await query.execute();
  if (counts.length === 0) return [];
  const table = kind === 'service' ? 'services' : 'teams';
  const names = await db
    .selectFrom(table)
    .select(['id', 'name'])
    .where(
      'id',
      'in',
      counts.map((row) => row.scope_id),
    )
    .execute();
  const nameOf = new Map(names.map((row) => [row.id, row.name]));
  return counts
    .map((row) => ({
      id: row.scope_id,
      name: nameOf.get(row.scope_id) ?? `#${row.scope_id}`,
      incidents: row.incidents,
    }))
    .sort((a, b) => b.incidents - a.incidents || a.name.localeCompare(b.name));
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

/**
 * Pages sent in `[from, to)` counted per person and quarter hour (every IANA zone's offset is
 * a whole number of quarter hours, so each quarter falls in one local quarter), in SQL.
 */
export async function pagesByQuarterHour(
  db: Executor,
  from: number,
  to: number,
): Promise<Array<{ userId: number; quarter: number; pages: number }>> {
  const rows = await db
    .selectFrom('incident_pages')
    .select((eb) => [
      'user_id',
      sql<number>`paged_at / 900000`.as('quarter'),
      eb.fn.countAll<number>().as('pages'),
    ])
    .where('paged_at', '>=', from)
    .where('paged_at', '<', to)
    .groupBy(['user_id', sql`paged_at / 900000`])
    .execute();
  return rows.map((row) => ({ userId: row.user_id, quarter: row.quarter, pages: row.pages }));
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
