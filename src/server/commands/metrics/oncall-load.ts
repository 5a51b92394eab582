import { isOutOfHours, isSleepHour, localMomentsIn } from '../../../core/metrics/working-hours.js';
import type { OncallLoad } from '../../../core/schemas/metrics.js';
import { pagesByQuarterHour, userRefs } from '../../store/queries/metrics.js';
import { listSchedules } from '../../store/queries/schedules.js';
import type { Executor } from '../../store/store.js';

const QUARTER_MS = 900_000;

/**
 * Pages per person sent in `[from, to)`: all of them, those out of working hours and the
 * quarter hours of sleep they broke, judged in the person's time zone (that of the first
 * schedule, by id, whose layers name them; UTC for people on no schedule).
 */
export async function oncallLoad(db: Executor, from: number, to: number): Promise<OncallLoad[]> {
  const quarters = await pagesByQuarterHour(db, from, to);
  if (quarters.length === 0) return [];
  const zoneOf = await timeZonesOfPeople(db);
  const load = new Map<number, Omit<OncallLoad, 'user'>>();
  const momentsIn = new Map<string, ReturnType<typeof localMomentsIn>>();
  for (const { userId, quarter, pages } of quarters) {
    const timeZone = zoneOf.get(userId) ?? 'UTC';
    const entry = load.get(userId) ?? { timeZone, pages: 0, outOfHoursPages: 0, sleepInterruptions: 0 };
    let momentOf = momentsIn.get(timeZone);
    if (!momentOf) momentsIn.set(timeZone, (momentOf = localMomentsIn(timeZone)));
    const moment = momentOf(quarter * QUARTER_MS);
    entry.pages += pages;
    if (isOutOfHours(moment)) entry.outOfHoursPages += pages;
    if (isSleepHour(moment)) entry.sleepInterruptions += 1;
    load.set(userId, entry);
  }
  const users = new Map((await userRefs(db, [...load.keys()])).map((user) => [user.id, user]));
  return [...load]
    .map(([userId, entry]) => ({
      user: users.get(userId) ?? { id: userId, name: `#${userId}`, email: '' },
      ...entry,
    }))
    .sort((a, b) => b.pages - a.pages || a.user.name.localeCompare(b.user.name));
}

async function timeZonesOfPeople(db: Executor): Promise<Map<number, string>> {
  const zones = new Map<number, string>();
  const schedules = (await listSchedules(db)).sort((a, b) => a.id - b.id);
  for (const schedule of schedules) {
    for (const layer of schedule.layers) {
      for (const userId of layer.participants) if (!zones.has(userId)) zones.set(userId, schedule.time_zone);
    }
  }
  return zones;
}
