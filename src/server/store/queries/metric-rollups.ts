import { ANY, type MeasureHistograms } from '../../../core/metrics/measures.js';
import type { Executor } from '../store.js';
import { metricRollupRows } from './rows/metric-rollups.js';

/** Which incidents a rollup row counts: all of them, one service's, or one team's. */
export type MetricScope = { kind: 'all' } | { kind: 'service'; id: number } | { kind: 'team'; id: number };

/** Daily rollups, or weekly ones (whose `day` is the Monday). */
export type RollupGrain = 'day' | 'week';

/** One rollup row as the store hands it out. */
export interface MetricRollup {
  /** The day, or the Monday of the week. */
  day: number;
  scope: 'all' | 'service' | 'team';
  scopeId: number;
  /** A severity, or `ANY` for the row of every severity. */
  severity: string;
  /** A category, '' for incidents without one, or `ANY` for the row of every category. */
  category: string;
  incidents: number;
  durations: MeasureHistograms;
}

/** Which severity (or category) rows a read takes: the "every" row, some values, or each value. */
export type RollupLevel = { kind: 'any' } | { kind: 'in'; values: readonly string[] } | { kind: 'each' };

/**
 * The rows one read covers: a grain, its inclusive day ranges (one, or the few days at either
 * end of a period) and the severity and category rows.
 */
export interface RollupSlice {
  grain: RollupGrain;
  ranges: ReadonlyArray<readonly [from: number, to: number]>;
  severity: RollupLevel;
  category: RollupLevel;
}

// Both tables have the same columns; the type names one of them.
function tableOf(grain: RollupGrain): 'incident_metric_rollups' {
  return (grain === 'day' ? 'incident_metric_rollups' : 'incident_metric_weeks') as 'incident_metric_rollups';
}

function sliceQuery(db: Executor, slice: RollupSlice) {
  const [first] = slice.ranges;
  let query = db.selectFrom(tableOf(slice.grain));
  if (slice.ranges.length === 1 && first)
    query = query.where('day', '>=', first[0]).where('day', '<=', first[1]);
  else {
    // Several ranges, each a few days: one statement for all of them, by day.
    const days: number[] = [];
    for (const [from, to] of slice.ranges) for (let day = from; day <= to; day++) days.push(day);
    query = query.where('day', 'in', days.length > 0 ? days : [-1]);
  }
  for (const column of ['severity', 'category'] as const) {
    const level = slice[column];
    if (level.kind === 'any') query = query.where(column, '=', ANY);
    else if (level.kind === 'each') query = query.where(column, '<>', ANY);
    else query = query.where(column, 'in', level.values.length > 0 ? level.values : [ANY]);
  }
  return query;
}

/** A rollup row as a read merges it: its day, count and its histograms' stored JSON text. */
export interface StoredRollup {
  day: number;
  incidents: number;
  /** `{"detect": [[bucket, count, min, max], …], …}`, read by `mergeStoredHistograms`. */
  durations: string;
}

/** The rollup rows of one scope in the slice, with their histograms as stored text. */
export async function readRollups(
  db: Executor,
  scope: MetricScope,
  slice: RollupSlice,
): Promise<StoredRollup[]> {
  return sliceQuery(db, slice)
    .select(['day', 'incidents', 'durations'])
    .where('scope', '=', scope.kind)
    .where('scope_id', '=', scope.kind === 'all' ? 0 : scope.id)
    .execute();
}

/**
 * Incidents in the slice summed in SQL per severity, category or scope id, for scope `all` or
 * for every service or team (`ids` narrows to some of them).
 */
export async function sumRollups(
  db: Executor,
  slice: RollupSlice,
  scope: { kind: 'all' } | { kind: 'service' | 'team'; ids?: readonly number[] },
  by: 'severity' | 'category' | 'scope_id',
): Promise<Array<{ key: string | number; incidents: number }>> {
  if (scope.kind !== 'all' && scope.ids?.length === 0) return [];
  let query = sliceQuery(db, slice)
    .select((eb) => [eb.ref(by).as('key'), eb.fn.sum<number | string>('incidents').as('incidents')])
    .where('scope', '=', scope.kind)
    .groupBy(by);
  if (scope.kind !== 'all' && scope.ids) query = query.where('scope_id', 'in', scope.ids);
  const rows = await query.execute();
  // PostgreSQL sums integers to a bigint, which its driver returns as text.
  return rows.map((row) => ({ key: row.key, incidents: Number(row.incidents) }));
}

/** Replace the daily rollups of `[fromDay, toDay]` and the weekly ones of weeks `[fromWeek, toWeek]`. */
export async function replaceRollups(
  tx: Executor,
  range: { fromDay: number; toDay: number; fromWeek: number; toWeek: number },
  daily: readonly MetricRollup[],
  weekly: readonly MetricRollup[],
): Promise<void> {
  await tx
    .deleteFrom('incident_metric_rollups')
    .where('day', '>=', range.fromDay)
    .where('day', '<=', range.toDay)
    .execute();
  await tx
    .deleteFrom('incident_metric_weeks')
    .where('day', '>=', range.fromWeek)
    .where('day', '<=', range.toWeek)
    .execute();
  await insertRollups(tx, 'day', daily);
  await insertRollups(tx, 'week', weekly);
}

async function insertRollups(tx: Executor, grain: RollupGrain, rollups: readonly MetricRollup[]) {
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
    await tx.insertInto(tableOf(grain)).values(values).execute();
  }
}

/** Names of services or teams by id. */
export async function namesOf(
  db: Executor,
  kind: 'service' | 'team',
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom(kind === 'service' ? 'services' : 'teams')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
