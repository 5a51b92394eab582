import { ValidationError } from '../../../core/errors.js';
import { DAY_MS, dateOfDay, dayOf, dayOfDate, weekStartOf } from '../../../core/metrics/calendar.js';
import {
  type DurationHistogram,
  histogramCount,
  mergeHistogram,
  percentile,
} from '../../../core/metrics/duration-histogram.js';
import {
  MEASURES,
  type Measure,
  type MeasureHistograms,
  emptyMeasureHistograms,
} from '../../../core/metrics/measures.js';
import {
  MAX_METRICS_DAYS,
  type MetricsQuery,
  type MetricsWeek,
  type ReliabilityMetrics,
} from '../../../core/schemas/metrics.js';
import {
  type MetricScope,
  type RollupFilter,
  readRollups,
  rollupCountsBy,
  servicesOfTeam,
} from '../../store/queries/metrics.js';
import { findServiceById } from '../../store/queries/services.js';
import { findTeamById } from '../../store/queries/teams.js';
import type { AppContext } from '../context.js';
import { refreshMetricRollups } from './metric-rollups.js';
import { oncallLoad } from './oncall-load.js';

/** The category filter's name for incidents without a category. */
const NO_CATEGORY = 'none';

/** Reliability metrics of a period: response times, counts, weekly trend and on-call load. */
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
  await refreshMetricRollups(ctx);
  const filter: RollupFilter = {
    fromDay,
    toDay,
    severities: query.severity ?? [],
    categories: (query.category ?? []).map((name) => (name === NO_CATEGORY ? '' : name)),
  };
  const scope: MetricScope = service
    ? { kind: 'service', id: service.id }
    : team
      ? { kind: 'team', id: team.id }
      : { kind: 'all' };
  const rollups = await readRollups(db, scope, filter);
  const overall = emptyMeasureHistograms();
  const weeks = new Map<number, { incidents: number; durations: MeasureHistograms }>();
  const bySeverity = new Map<string, number>();
  const byCategory = new Map<string, number>();
  for (const rollup of rollups) {
    const week = weekStartOf(rollup.day);
    const weekly = weeks.get(week) ?? { incidents: 0, durations: emptyMeasureHistograms() };
    weekly.incidents += rollup.incidents;
    for (const measure of MEASURES) {
      mergeHistogram(overall[measure], rollup.durations[measure]);
      mergeHistogram(weekly.durations[measure], rollup.durations[measure]);
    }
    weeks.set(week, weekly);
    bySeverity.set(rollup.severity, (bySeverity.get(rollup.severity) ?? 0) + rollup.incidents);
    byCategory.set(rollup.category, (byCategory.get(rollup.category) ?? 0) + rollup.incidents);
  }
  const incidents = [...bySeverity.values()].reduce((sum, count) => sum + count, 0);
  return {
    period: { from: dateOfDay(fromDay), to: dateOfDay(toDay), days: toDay - fromDay + 1 },
    filters: {
      service: service && { id: service.id, name: service.name },
      team,
      severity: filter.severities.slice(),
      category: query.category ?? [],
    },
    incidents,
    durations: summarize(overall),
    bySeverity: sortedCounts(bySeverity).map(([severity, count]) => ({ severity, incidents: count })),
    byCategory: sortedCounts(byCategory).map(([category, count]) => ({
      category: category === '' ? null : category,
      incidents: count,
    })),
    byService: await countsByService(ctx, scope, filter),
    byTeam: await countsByTeam(ctx, scope, filter, incidents),
    weekly: weeklyTrend(fromDay, toDay, weeks),
    oncall: await oncallLoad(db, fromDay * DAY_MS, (toDay + 1) * DAY_MS),
    followUps: null,
  };
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

function summarize(histograms: MeasureHistograms): ReliabilityMetrics['durations'] {
  const of = (histogram: DurationHistogram) => ({
    count: histogramCount(histogram),
    medianMs: percentile(histogram, 0.5),
    p90Ms: percentile(histogram, 0.9),
  });
  return {
    detect: of(histograms.detect),
    acknowledge: of(histograms.acknowledge),
    mitigate: of(histograms.mitigate),
    resolve: of(histograms.resolve),
  };
}

function sortedCounts(counts: Map<string, number>): Array<[string, number]> {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Every week the period touches, oldest first, empty weeks included. */
function weeklyTrend(
  fromDay: number,
  toDay: number,
  weeks: ReadonlyMap<number, { incidents: number; durations: MeasureHistograms }>,
): MetricsWeek[] {
  const trend: MetricsWeek[] = [];
  for (let week = weekStartOf(fromDay); week <= toDay; week += 7) {
    const found = weeks.get(week);
    const median = (measure: Measure) => (found ? percentile(found.durations[measure], 0.5) : null);
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

async function countsByService(ctx: AppContext, scope: MetricScope, filter: RollupFilter) {
  const db = ctx.store.db;
  switch (scope.kind) {
    case 'all':
      return rollupCountsBy(db, 'service', filter);
    case 'service':
      return rollupCountsBy(db, 'service', filter, [scope.id]);
    case 'team':
      return rollupCountsBy(
        db,
        'service',
        filter,
        (await servicesOfTeam(db, scope.id)).map((s) => s.id),
      );
  }
}

async function countsByTeam(ctx: AppContext, scope: MetricScope, filter: RollupFilter, incidents: number) {
  const db = ctx.store.db;
  switch (scope.kind) {
    case 'all':
      return rollupCountsBy(db, 'team', filter);
    case 'team':
      return rollupCountsBy(db, 'team', filter, [scope.id]);
    case 'service': {
      // One service's incidents all belong to its owner.
      const owned = await findServiceById(db, scope.id);
      const teamId = owned?.owner_team_id ?? null;
      const team = teamId === null ? undefined : await findTeamById(db, teamId);
      return team && incidents > 0 ? [{ id: team.id, name: team.name, incidents }] : [];
    }
  }
}
