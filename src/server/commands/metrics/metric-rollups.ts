import { addDuration } from '../../../core/metrics/duration-histogram.js';
import { dayOf } from '../../../core/metrics/calendar.js';
import {
  EXCLUDED_STATUSES,
  emptyMeasureHistograms,
  MEASURES,
  measuresOf,
} from '../../../core/metrics/measures.js';
import {
  type MetricIncident,
  type MetricRollup,
  changedIncidentDays,
  incidentDayRange,
  incidentsOfDays,
  lockMetricRollups,
  readRollupState,
  replaceRollups,
  serviceOwners,
  writeRollupState,
} from '../../store/queries/metrics.js';
import type { Executor } from '../../store/store.js';
import type { AppContext } from '../context.js';

/**
 * Incidents changed this long before the last refresh are looked at again: a transaction that
 * stamped `updated_at` earlier but committed after the refresh (or another process's clock a
 * little behind) is still counted.
 */
const REFRESH_OVERLAP_MS = 5 * 60_000;

/** Days rebuilt per transaction, so a full rebuild never holds the write lock for long. */
const DAYS_PER_TRANSACTION = 7;

/**
 * Bring the per-day rollups up to date: the days of incidents changed since the last refresh
 * (with an overlap), or every day when none were built yet or a service changed owner. Each
 * slice of days is recounted from the incidents in its own transaction under a lock, so
 * processes sharing a database take turns and a rollup is always a whole recount.
 */
export async function refreshMetricRollups(ctx: AppContext): Promise<{ days: number }> {
  const startedAt = ctx.clock.now();
  const db = ctx.store.db;
  const owners = await serviceOwners(db);
  const ownership = owners.map((owner) => `${owner.id}:${owner.ownerTeamId ?? ''}`).join(',');
  const state = await readRollupState(db);
  const days =
    state?.ownership === ownership
      ? await changedIncidentDays(db, state.watermark - REFRESH_OVERLAP_MS)
      : await everyDay(db);
  if (days.length === 0 && state?.ownership === ownership) return { days: 0 };
  const teamOf = new Map(owners.map((owner) => [owner.id, owner.ownerTeamId]));
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  for (let index = 0; index < sorted.length; index += DAYS_PER_TRANSACTION) {
    const slice = sorted.slice(index, index + DAYS_PER_TRANSACTION);
    await ctx.store.transaction(async (tx) => {
      await lockMetricRollups(tx);
      for (const [from, to] of runsOf(slice)) await recountDays(tx, from, to, teamOf);
    });
  }
  await ctx.store.transaction(async (tx) => {
    await lockMetricRollups(tx);
    await writeRollupState(tx, { watermark: startedAt, ownership });
  });
  return { days: sorted.length };
}

async function everyDay(db: Executor): Promise<number[]> {
  const range = await incidentDayRange(db);
  if (!range) return [];
  return Array.from({ length: range.last - range.first + 1 }, (_, offset) => range.first + offset);
}

/** Consecutive days as `[first, last]` runs. */
function runsOf(days: readonly number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const day of days) {
    const last = runs.at(-1);
    if (last && last[1] === day - 1) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

async function recountDays(
  tx: Executor,
  fromDay: number,
  toDay: number,
  teamOf: ReadonlyMap<number, number | null>,
): Promise<void> {
  const { incidents, services } = await incidentsOfDays(tx, fromDay, toDay);
  await replaceRollups(tx, fromDay, toDay, summarizeIncidents(incidents, services, teamOf));
}

/**
 * The rollup rows of some incidents: each counted once in scope `all`, once per distinct
 * service it affects and once per distinct team owning one of them; merged, declined and
 * triage incidents are left out.
 */
export function summarizeIncidents(
  incidents: readonly MetricIncident[],
  servicesOf: ReadonlyMap<number, readonly number[]>,
  teamOf: ReadonlyMap<number, number | null>,
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
    const day = dayOf(incident.createdAt);
    const category = incident.category ?? '';
    const measures = measuresOf(incident);
    for (const [scope, scopeId] of scopes) {
      const key = `${scope}|${scopeId}|${day}|${incident.severity}|${category}`;
      let rollup = rollups.get(key);
      if (!rollup) {
        rollup = {
          day,
          scope,
          scopeId,
          severity: incident.severity,
          category,
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
  return [...rollups.values()];
}
