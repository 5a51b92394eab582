import { dayOf, weekStartOf } from '../../../core/metrics/calendar.js';
import { addDuration } from '../../../core/metrics/duration-histogram.js';
import {
  ANY,
  EXCLUDED_STATUSES,
  emptyMeasureHistograms,
  MEASURES,
  measuresOf,
} from '../../../core/metrics/measures.js';
import { type MetricRollup, replaceRollups } from '../../store/queries/metric-rollups.js';
import {
  type MetricIncident,
  changedIncidentDays,
  claimRollupRefresh,
  finishRollupRefresh,
  incidentDayRange,
  incidentsOfDays,
  lockMetricRollups,
  readRollupState,
  readRollupWatermark,
  type RollupState,
  renewRollupRefresh,
  serviceOwners,
} from '../../store/queries/metrics.js';
import { readLoadRollupState, writeLoadRollupState } from '../../store/queries/load-rollups.js';
import type { Executor } from '../../store/store.js';
import type { AppContext } from '../context.js';
import {
  dayRuns,
  loadIdsThrough,
  planLoadRollups,
  recountFollowUpDays,
  recountOncallDays,
} from './load-rollups.js';

/**
 * Incidents changed this long before the last refresh are looked at again: a transaction that
 * stamped `updated_at` earlier but committed after the refresh (or another process's clock a
 * little behind) is still counted.
 */
const REFRESH_OVERLAP_MS = 5 * 60_000;

/** How long a refresh holds the lease without renewing it (each week renews it). */
const LEASE_MS = 10 * 60_000;

/**
 * Bring the daily and weekly rollups up to date, in the one process holding the refresh
 * lease: every week holding an incident changed since the last refresh (with an overlap) is
 * recounted from its incidents, or every week when none were built yet or a service changed
 * owner; then the on-call and follow-up days that changed (`planLoadRollups`). Each week (or
 * run of days) is one transaction, so the rollups always hold whole recounts and a crash
 * leaves the watermark where it was for the next refresh. `isHeldElsewhere`: another process
 * is refreshing.
 */
export async function refreshMetricRollups(
  ctx: AppContext,
): Promise<{ weeks: number; isHeldElsewhere: boolean }> {
  const startedAt = ctx.clock.now();
  const db = ctx.store.db;
  // Looked at before taking the lease, so a round with nothing to do writes nothing.
  if (!(await planRefresh(db)).hasWork) return { weeks: 0, isHeldElsewhere: false };
  const state = await claimRollupRefresh(db, startedAt, startedAt + LEASE_MS);
  if (!state) return { weeks: 0, isHeldElsewhere: true };
  try {
    const { incidents, loads } = await planRefresh(db);
    const { weeks, ownership, teamOf } = incidents;
    // Pages and follow-ups committed later are counted when read, and in the next refresh.
    const through = await loadIdsThrough(db);
    const inTransaction = (work: (tx: Executor) => Promise<void>) =>
      ctx.store.transaction(async (tx) => {
        await lockMetricRollups(tx);
        await work(tx);
        await renewRollupRefresh(tx, ctx.clock.now() + LEASE_MS);
      });
    for (const week of weeks) await inTransaction((tx) => recountWeek(tx, week, teamOf));
    for (const run of dayRuns(loads.pageDays))
      await inTransaction((tx) => recountOncallDays(tx, run, through.pages, loads.zones));
    for (const run of dayRuns(loads.followUpDays))
      await inTransaction((tx) => recountFollowUpDays(tx, run, through.followUps, teamOf));
    await ctx.store.transaction(async (tx) => {
      await writeLoadRollupState(tx, {
        loadWatermark: startedAt,
        pagesThrough: through.pages,
        followUpsThrough: through.followUps,
        zones: loads.zonesSignature,
      });
      await finishRollupRefresh(tx, { watermark: startedAt, ownership });
    });
    return { weeks: weeks.length, isHeldElsewhere: false };
  } catch (error) {
    await finishRollupRefresh(db);
    throw error;
  }
}

/** The incident weeks and the on-call and follow-up days a refresh would recount now. */
async function planRefresh(db: Executor) {
  const incidents = await weeksToRecount(db, await readRollupState(db));
  const loads = await planLoadRollups(db, await readLoadRollupState(db), {
    isOwnershipCurrent: incidents.isOwnershipCurrent,
    overlapMs: REFRESH_OVERLAP_MS,
  });
  return { incidents, loads, hasWork: incidents.hasWork || loads.hasWork };
}

/**
 * Refresh the rollups unless the last refresh was less than `intervalMs` ago: a change shows
 * in the metrics within about the interval, and a busy database is not recounted every tick.
 */
export async function refreshMetricRollupsEvery(
  ctx: AppContext,
  intervalMs: number,
): Promise<{ weeks: number; isHeldElsewhere: boolean }> {
  const watermark = await readRollupWatermark(ctx.store.db);
  if (watermark !== undefined && ctx.clock.now() < watermark + intervalMs)
    return { weeks: 0, isHeldElsewhere: false };
  return refreshMetricRollups(ctx);
}

/** The Mondays of the weeks to recount since `state`, and the service owners to count with. */
async function weeksToRecount(db: Executor, state: RollupState | undefined) {
  const owners = await serviceOwners(db);
  const ownership = owners.map((owner) => `${owner.id}:${owner.ownerTeamId ?? ''}`).join(',');
  const isCurrent = state !== undefined && state.watermark > 0 && state.ownership === ownership;
  const days = isCurrent
    ? await changedIncidentDays(db, state.watermark - REFRESH_OVERLAP_MS)
    : await everyDay(db);
  const weeks = [...new Set(days.map(weekStartOf))].sort((a, b) => a - b);
  const teamOf = new Map(owners.map((owner) => [owner.id, owner.ownerTeamId]));
  // A first refresh (or one after an owner changed) records its state even with nothing to count.
  return { weeks, ownership, teamOf, isOwnershipCurrent: isCurrent, hasWork: !isCurrent || weeks.length > 0 };
}

async function everyDay(db: Executor): Promise<number[]> {
  const range = await incidentDayRange(db);
  if (!range) return [];
  return Array.from({ length: range.last - range.first + 1 }, (_, offset) => range.first + offset);
}

async function recountWeek(tx: Executor, week: number, teamOf: ReadonlyMap<number, number | null>) {
  const { incidents, services } = await incidentsOfDays(tx, week, week + 6);
  await replaceRollups(
    tx,
    { fromDay: week, toDay: week + 6, fromWeek: week, toWeek: week },
    summarizeIncidents(incidents, services, teamOf, dayOf),
    summarizeIncidents(incidents, services, teamOf, (at) => weekStartOf(dayOf(at))),
  );
}

/**
 * The rollup rows of some incidents, by the day (or week) `periodOf` their creation: each
 * counted once in scope `all`, once per distinct service it affects and once per distinct
 * team owning one of them, and in each scope under its severity and category, under `ANY`
 * severity, under `ANY` category and under both; merged, declined and triage incidents are
 * left out.
 */
export function summarizeIncidents(
  incidents: readonly MetricIncident[],
  servicesOf: ReadonlyMap<number, readonly number[]>,
  teamOf: ReadonlyMap<number, number | null>,
  periodOf: (createdAt: number) => number,
): MetricRollup[] {
  const rollups = new Map<string, MetricRollup>();
  for (const incident of incidents) {
    if (EXCLUDED_STATUSES.includes(incident.status)) continue;
    const serviceIds = [...new Set(servicesOf.get(incident.id) ?? [])];
    const teamIds = [...new Set(serviceIds.map((id) => teamOf.get(id) ?? null))].filter((id) => id !== null);
    const scopes: Array<['all' | 'service' | 'team', number]> = [
      ['all', 0],
      ...serviceIds.map((id): ['service', number] => ['service', id]),
      ...teamIds.map((id): ['team', number] => ['team', id]),
    ];
    const day = periodOf(incident.createdAt);
    const category = incident.category ?? '';
    const cells: Array<[string, string]> = [
      [incident.severity, category],
      [incident.severity, ANY],
      [ANY, category],
      [ANY, ANY],
    ];
    const measures = measuresOf(incident);
    for (const [scope, scopeId] of scopes) {
      for (const [severity, cellCategory] of cells) {
        const key = `${scope}|${scopeId}|${day}|${severity}|${cellCategory}`;
        let rollup = rollups.get(key);
        if (!rollup) {
          rollup = {
            day,
            scope,
            scopeId,
            severity,
            category: cellCategory,
            incidents: 0,
            durations: emptyMeasureHistograms(),
          };
          rollups.set(key, rollup);
        }
        rollup.incidents += 1;
        for (const measure of MEASURES) {
          const value = measures[measure];
          if (value !== null) addDuration(rollup.durations[measure], value);
        }
      }
    }
  }
  return [...rollups.values()];
}
