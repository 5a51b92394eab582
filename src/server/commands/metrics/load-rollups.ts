import { summarizeFollowUpCells, type LinkedIncident } from '../../../core/metrics/follow-up-cells.js';
import { summarizeOncallDays } from '../../../core/metrics/oncall-days.js';
import { DAY_MS } from '../../../core/metrics/calendar.js';
import {
  changedFollowUpDays,
  changedPageDays,
  followUpDayRange,
  followUpsOfDays,
  lastLoadIds,
  type LoadRollupState,
  pageDayRange,
  pageQuartersOfDays,
  replaceFollowUpDays,
  replaceOncallDays,
} from '../../store/queries/load-rollups.js';
import type { Executor } from '../../store/store.js';
import { timeZonesOfPeople, zonesSignature } from './people-time-zones.js';

/** Days recounted in one transaction at most. */
const DAYS_PER_TRANSACTION = 31;

/** The on-call and follow-up days a refresh recounts, and the time zones it counts with. */
export interface LoadRollupPlan {
  pageDays: number[];
  followUpDays: number[];
  zones: Map<number, string>;
  zonesSignature: string;
  hasWork: boolean;
}

/**
 * What the load rollups need since `state`: the days of pages and follow-ups added or
 * changed since its watermark (less `overlapMs`), every day when never built, the on-call
 * days when someone's time zone changed and the follow-up days when a service changed owner.
 */
export async function planLoadRollups(
  db: Executor,
  state: LoadRollupState | undefined,
  options: { isOwnershipCurrent: boolean; overlapMs: number },
): Promise<LoadRollupPlan> {
  const zones = await timeZonesOfPeople(db);
  const signature = zonesSignature(zones);
  const isBuilt = state !== undefined && state.loadWatermark > 0;
  const since = (state?.loadWatermark ?? 0) - options.overlapMs;
  const pageDays =
    isBuilt && state.zones === signature
      ? await changedPageDays(db, state.pagesThrough, since)
      : everyDay(await pageDayRange(db));
  const followUpDays =
    isBuilt && options.isOwnershipCurrent
      ? await changedFollowUpDays(db, state.followUpsThrough, since)
      : everyDay(await followUpDayRange(db));
  return {
    pageDays: [...new Set(pageDays)].sort((a, b) => a - b),
    followUpDays: [...new Set(followUpDays)].sort((a, b) => a - b),
    zones,
    zonesSignature: signature,
    hasWork: !isBuilt || state.zones !== signature || pageDays.length > 0 || followUpDays.length > 0,
  };
}

function everyDay(range: { first: number; last: number } | undefined): number[] {
  if (!range) return [];
  return Array.from({ length: range.last - range.first + 1 }, (_, offset) => range.first + offset);
}

/** Runs of consecutive days, each at most `DAYS_PER_TRANSACTION` long. */
export function dayRuns(days: readonly number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const day of days) {
    const last = runs.at(-1);
    if (last && day === last[1] + 1 && day - last[0] < DAYS_PER_TRANSACTION) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

/** The page and follow-up ids a refresh counts through: those committed when it starts. */
export function loadIdsThrough(db: Executor) {
  return lastLoadIds(db);
}

/** Recount the on-call rollups of days `[fromDay, toDay]` from pages up to id `throughId`. */
export async function recountOncallDays(
  tx: Executor,
  [fromDay, toDay]: [number, number],
  throughId: number,
  zones: ReadonlyMap<number, string>,
): Promise<void> {
  const quarters = await pageQuartersOfDays(tx, fromDay, toDay, throughId);
  await replaceOncallDays(
    tx,
    fromDay,
    toDay,
    summarizeOncallDays(quarters, (userId) => zones.get(userId) ?? 'UTC'),
  );
}

/** Recount the follow-up rollups of due days `[fromDay, toDay]` from follow-ups up to id `throughId`. */
export async function recountFollowUpDays(
  tx: Executor,
  [fromDay, toDay]: [number, number],
  throughId: number,
  teamOf: ReadonlyMap<number, number | null>,
): Promise<void> {
  const { followUps, links, services } = await followUpsOfDays(tx, fromDay, toDay, throughId);
  const servicesOf = new Map<number, number[]>();
  for (const link of services) {
    const list = servicesOf.get(link.incident_id) ?? [];
    list.push(link.service_id);
    servicesOf.set(link.incident_id, list);
  }
  const incidents = new Map<number, LinkedIncident>();
  const incidentIdsOf = new Map<number, number[]>();
  for (const link of links) {
    incidents.set(link.incident_id, {
      status: link.status,
      severity: link.severity,
      category: link.category,
      serviceIds: servicesOf.get(link.incident_id) ?? [],
    });
    const list = incidentIdsOf.get(link.follow_up_id) ?? [];
    list.push(link.incident_id);
    incidentIdsOf.set(link.follow_up_id, list);
  }
  const counted = followUps.flatMap((row) =>
    row.due_at === null
      ? []
      : [{ id: row.id, state: row.state, dueAt: row.due_at, incidentIds: incidentIdsOf.get(row.id) ?? [] }],
  );
  await replaceFollowUpDays(
    tx,
    fromDay,
    toDay,
    summarizeFollowUpCells(counted, incidents, teamOf),
    counted.map((followUp) => ({ followUpId: followUp.id, day: Math.floor(followUp.dueAt / DAY_MS) })),
  );
}
