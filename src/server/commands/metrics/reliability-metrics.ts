import { ValidationError } from '../../../core/errors.js';
import { dateOfDay, dayOf, dayOfDate, periodSpans, weekStartOf } from '../../../core/metrics/calendar.js';
import { HistogramMerger } from '../../../core/metrics/duration-histogram.js';
import { MEASURES, type Measure } from '../../../core/metrics/measures.js';
import { type MeasureMergers, mergeStoredHistograms } from '../../../core/metrics/stored-histograms.js';
import {
  MAX_METRICS_DAYS,
  type MetricsQuery,
  type MetricsWeek,
  type ReliabilityMetrics,
} from '../../../core/schemas/metrics.js';
import {
  type StoredRollup,
  type MetricScope,
  type RollupGrain,
  type RollupLevel,
  type RollupSlice,
  namesOf,
  readRollups,
  sumRollups,
} from '../../store/queries/metric-rollups.js';
import { readRollupWatermark, servicesOfTeam } from '../../store/queries/metrics.js';
import { findServiceById } from '../../store/queries/services.js';
import { findTeamById } from '../../store/queries/teams.js';
import type { Executor } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { followUpFigures } from './follow-up-figures.js';
import { oncallLoad } from './oncall-load.js';

/** The category filter's name for incidents without a category. */
const NO_CATEGORY = 'none';

/** The rows a read covers: its grains and ranges, and the severity and category filters. */
interface MetricsRead {
  spans: Array<{ grain: RollupGrain; ranges: ReadonlyArray<readonly [number, number]> }>;
  severities: readonly string[];
  categories: readonly string[];
}

/**
 * Reliability metrics of a period: response times, counts, weekly trend, on-call load and
 * follow-ups. Reads only: whole weeks from the weekly rollups and the days at either end from
 * the daily ones, as of the last refresh (`refreshMetricRollups`, a background round).
 */
export async function getReliabilityMetrics(
  ctx: AppContext,
  query: MetricsQuery,
): Promise<ReliabilityMetrics> {
  const { fromDay, toDay } = periodOf(ctx, query);
  if (query.service !== undefined && query.team !== undefined)
    throw new ValidationError('team', 'filter by a service or by a team, not both');
  const db = ctx.store.db;
  const service = query.service === undefined ? null : await serviceRef(ctx, query.service);
  const team = query.team === undefined ? null : await teamRef(ctx, query.team);
  const spans = periodSpans(fromDay, toDay);
  const read: MetricsRead = {
    spans: [
      ...(spans.weeks ? [{ grain: 'week' as const, ranges: [spans.weeks] }] : []),
      // The days at both ends of the period in one read.
      ...(spans.days.length > 0 ? [{ grain: 'day' as const, ranges: spans.days }] : []),
    ],
    severities: query.severity ?? [],
    categories: (query.category ?? []).map((name) => (name === NO_CATEGORY ? '' : name)),
  };
  const scope: MetricScope = service
    ? { kind: 'service', id: service.id }
    : team
      ? { kind: 'team', id: team.id }
      : { kind: 'all' };
  const rollups: StoredRollup[] = [];
  for (const slice of slices(read, 'filter', 'filter'))
    rollups.push(...(await readRollups(db, scope, slice)));
  const { overall, weeks, incidents } = mergeRollups(rollups);
  const scopeIds = scopeIdsOf(scope);
  const watermark = await readRollupWatermark(db);
  return {
    period: { from: dateOfDay(fromDay), to: dateOfDay(toDay), days: toDay - fromDay + 1 },
    filters: {
      service: service && { id: service.id, name: service.name },
      team,
      severity: read.severities.slice(),
      category: query.category ?? [],
    },
    asOf: watermark === undefined ? null : new Date(watermark).toISOString(),
    incidents,
    durations: summarize(overall),
    bySeverity: (await countsBy(db, slices(read, 'each', 'filter'), scopeIds, 'severity')).map(
      ([severity, count]) => ({ severity, incidents: count }),
    ),
    byCategory: (await countsBy(db, slices(read, 'filter', 'each'), scopeIds, 'category')).map(
      ([category, count]) => ({ category: category === '' ? null : category, incidents: count }),
    ),
    byService: await countsByService(ctx, read, scope),
    byTeam: await countsByTeam(ctx, read, scope, incidents),
    weekly: weeklyTrend(fromDay, toDay, weeks),
    oncall: await oncallLoad(db, fromDay, toDay),
    followUps: await followUpFigures(ctx, {
      fromDay,
      toDay,
      scope,
      severities: read.severities,
      categories: read.categories,
    }),
  };
}

/** The slices of a read, taking each severity (or category) row, or those the filter names. */
function slices(read: MetricsRead, severity: 'each' | 'filter', category: 'each' | 'filter'): RollupSlice[] {
  const level = (mode: 'each' | 'filter', values: readonly string[]): RollupLevel =>
    mode === 'each'
      ? values.length > 0
        ? { kind: 'in', values }
        : { kind: 'each' }
      : values.length > 0
        ? { kind: 'in', values }
        : { kind: 'any' };
  return read.spans.map((span) => ({
    ...span,
    severity: level(severity, read.severities),
    category: level(category, read.categories),
  }));
}

/**
 * The rollups merged per week (each row's stored histograms read once, into its week's
 * mergers) and the weeks merged into the period's.
 */
function mergeRollups(rollups: readonly StoredRollup[]) {
  const mergers = (): MeasureMergers => ({
    detect: new HistogramMerger(),
    acknowledge: new HistogramMerger(),
    mitigate: new HistogramMerger(),
    resolve: new HistogramMerger(),
  });
  const weeks = new Map<number, { incidents: number; durations: MeasureMergers }>();
  let incidents = 0;
  for (const rollup of rollups) {
    const week = weekStartOf(rollup.day);
    let entry = weeks.get(week);
    if (!entry) {
      entry = { incidents: 0, durations: mergers() };
      weeks.set(week, entry);
    }
    entry.incidents += rollup.incidents;
    incidents += rollup.incidents;
    mergeStoredHistograms(rollup.durations, entry.durations);
  }
  const overall = mergers();
  for (const entry of weeks.values())
    for (const measure of MEASURES) overall[measure].addMerger(entry.durations[measure]);
  return { overall, weeks, incidents };
}

type ScopeIds = { kind: 'all' } | { kind: 'service' | 'team'; ids?: readonly number[] };

function scopeIdsOf(scope: MetricScope): ScopeIds {
  return scope.kind === 'all' ? scope : { kind: scope.kind, ids: [scope.id] };
}

/** Incidents per key summed over the read's slices, most first. */
async function countsBy(
  db: Executor,
  readSlices: readonly RollupSlice[],
  scope: ScopeIds,
  by: 'severity' | 'category' | 'scope_id',
): Promise<Array<[string, number]>> {
  const counts = new Map<string, number>();
  for (const slice of readSlices)
    for (const row of await sumRollups(db, slice, scope, by))
      counts.set(String(row.key), (counts.get(String(row.key)) ?? 0) + row.incidents);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function periodOf(ctx: AppContext, query: MetricsQuery): { fromDay: number; toDay: number } {
  const toDay = query.to === undefined ? dayOf(ctx.clock.now()) : dayOfDate(query.to);
  const fromDay = query.from === undefined ? toDay - 83 : dayOfDate(query.from);
  if (fromDay > toDay) throw new ValidationError('from', 'must be on or before the last day (to)');
  if (toDay - fromDay + 1 > MAX_METRICS_DAYS)
    throw new ValidationError('to', `the period may span at most ${MAX_METRICS_DAYS} days`);
  return { fromDay, toDay };
}

async function serviceRef(ctx: AppContext, id: number) {
  const found = await findServiceById(ctx.store.db, id);
  if (!found) throw new ValidationError('service', `there is no service ${id}`);
  return { id: found.id, name: found.name, ownerTeamId: found.owner_team_id };
}

async function teamRef(ctx: AppContext, id: number) {
  const found = await findTeamById(ctx.store.db, id);
  if (!found) throw new ValidationError('team', `there is no team ${id}`);
  return { id: found.id, name: found.name };
}

function summarize(histograms: MeasureMergers): ReliabilityMetrics['durations'] {
  const of = (histogram: HistogramMerger) => ({
    count: histogram.count(),
    medianMs: histogram.percentile(0.5),
    p90Ms: histogram.percentile(0.9),
  });
  return {
    detect: of(histograms.detect),
    acknowledge: of(histograms.acknowledge),
    mitigate: of(histograms.mitigate),
    resolve: of(histograms.resolve),
  };
}

/** Every week the period touches, oldest first, empty weeks included. */
function weeklyTrend(
  fromDay: number,
  toDay: number,
  weeks: ReadonlyMap<number, { incidents: number; durations: MeasureMergers }>,
): MetricsWeek[] {
  const trend: MetricsWeek[] = [];
  for (let week = weekStartOf(fromDay); week <= toDay; week += 7) {
    const found = weeks.get(week);
    const median = (measure: Measure) => (found ? found.durations[measure].percentile(0.5) : null);
    trend.push({
      weekStart: dateOfDay(week),
      incidents: found?.incidents ?? 0,
      medians: {
        detect: median('detect'),
        acknowledge: median('acknowledge'),
        mitigate: median('mitigate'),
        resolve: median('resolve'),
      },
    });
  }
  return trend;
}

async function countsByService(ctx: AppContext, read: MetricsRead, scope: MetricScope) {
  const db = ctx.store.db;
  const ids =
    scope.kind === 'all'
      ? undefined
      : scope.kind === 'service'
        ? [scope.id]
        : (await servicesOfTeam(db, scope.id)).map((s) => s.id);
  return named(
    ctx,
    'service',
    await countsBy(
      db,
      slices(read, 'filter', 'filter'),
      { kind: 'service', ...(ids ? { ids } : {}) },
      'scope_id',
    ),
  );
}

async function countsByTeam(ctx: AppContext, read: MetricsRead, scope: MetricScope, incidents: number) {
  const db = ctx.store.db;
  if (scope.kind === 'service') {
    // One service's incidents all belong to its owner.
    const owned = await findServiceById(db, scope.id);
    const teamId = owned?.owner_team_id ?? null;
    const team = teamId === null ? undefined : await findTeamById(db, teamId);
    return team && incidents > 0 ? [{ id: team.id, name: team.name, incidents }] : [];
  }
  const ids = scope.kind === 'team' ? { ids: [scope.id] } : {};
  return named(
    ctx,
    'team',
    await countsBy(db, slices(read, 'filter', 'filter'), { kind: 'team', ...ids }, 'scope_id'),
  );
}

/** Counts per service or team id with the names, most first, then by name. */
async function named(ctx: AppContext, kind: 'service' | 'team', counts: ReadonlyArray<[string, number]>) {
  const names = await namesOf(
    ctx.store.db,
    kind,
    counts.map(([id]) => Number(id)),
  );
  return counts
    .map(([id, incidents]) => ({ id: Number(id), name: names.get(Number(id)) ?? `#${id}`, incidents }))
    .sort((a, b) => b.incidents - a.incidents || a.name.localeCompare(b.name));
}
