import { DAY_MS } from '../../../core/metrics/calendar.js';
import { type PageQuarter, QUARTER_MS, summarizeOncallDays } from '../../../core/metrics/oncall-days.js';
import type { OncallLoad } from '../../../core/schemas/metrics.js';
import {
  pagedQuartersThrough,
  pagesAfter,
  readLoadRollupState,
  sumOncallDays,
} from '../../store/queries/load-rollups.js';
import { userRefs } from '../../store/queries/metrics.js';
import type { Executor } from '../../store/store.js';
import { timeZonesOfPeople } from './people-time-zones.js';

type Load = Omit<OncallLoad, 'user' | 'timeZone'>;

/**
 * Pages per person sent on days `[fromDay, toDay]`: all of them, those out of working hours
 * and the quarter hours of sleep they broke, judged in the person's time zone (that of the
 * first schedule, by id, whose layers name them; UTC for people on no schedule). Read from the
 * per-day rollups, plus the pages sent since the last refresh counted here.
 */
export async function oncallLoad(db: Executor, fromDay: number, toDay: number): Promise<OncallLoad[]> {
  const state = await readLoadRollupState(db);
  const pagesThrough = state?.pagesThrough ?? 0;
  const load = new Map<number, Load>();
  const add = (userId: number, more: Load) => {
    const entry = load.get(userId) ?? { pages: 0, outOfHoursPages: 0, sleepInterruptions: 0 };
    entry.pages += more.pages;
    entry.outOfHoursPages += more.outOfHoursPages;
    entry.sleepInterruptions += more.sleepInterruptions;
    load.set(userId, entry);
  };
  if (state && state.loadWatermark > 0)
    for (const { userId, ...counts } of await sumOncallDays(db, fromDay, toDay)) add(userId, counts);
  const zoneOf = await timeZonesOfPeople(db);
  for (const { userId, ...counts } of await newerPages(db, fromDay, toDay, pagesThrough, zoneOf))
    add(userId, counts);
  if (load.size === 0) return [];
  const users = new Map((await userRefs(db, [...load.keys()])).map((user) => [user.id, user]));
  return [...load]
    .map(([userId, entry]) => ({
      user: users.get(userId) ?? { id: userId, name: `#${userId}`, email: '' },
      timeZone: zoneOf.get(userId) ?? 'UTC',
      ...entry,
    }))
    .sort((a, b) => b.pages - a.pages || a.user.name.localeCompare(b.user.name));
}

/**
 * The load of pages newer than the rollups (id above `pagesThrough`): a quarter hour already
 * broken by a counted page is not counted again.
 */
async function newerPages(
  db: Executor,
  fromDay: number,
  toDay: number,
  pagesThrough: number,
  zoneOf: ReadonlyMap<number, string>,
) {
  const [from, to] = [fromDay * DAY_MS, (toDay + 1) * DAY_MS];
  const pages = (await pagesAfter(db, pagesThrough)).filter(
    (page) => page.pagedAt >= from && page.pagedAt < to,
  );
  if (pages.length === 0) return [];
  const quarters = new Map<string, PageQuarter>();
  for (const { userId, pagedAt } of pages) {
    const quarter = Math.floor(pagedAt / QUARTER_MS);
    const key = `${String(userId)}|${String(quarter)}`;
    const entry = quarters.get(key) ?? { userId, quarter, pages: 0 };
    entry.pages += 1;
    quarters.set(key, entry);
  }
  const counted = await pagedQuartersThrough(
    db,
    [...quarters.values()].map((entry) => entry.quarter),
    pagesThrough,
  );
  const days = summarizeOncallDays([...quarters.values()], (userId) => zoneOf.get(userId) ?? 'UTC');
  // Quarters already holding a counted page add their pages but no new interruption.
  const repeated = summarizeOncallDays(
    [...quarters.entries()].filter(([key]) => counted.has(key)).map(([, entry]) => entry),
    (userId) => zoneOf.get(userId) ?? 'UTC',
  );
  return [
    ...days,
    ...repeated.map((day) => ({
      ...day,
      pages: 0,
      outOfHoursPages: 0,
      sleepInterruptions: -day.sleepInterruptions,
    })),
  ];
}
