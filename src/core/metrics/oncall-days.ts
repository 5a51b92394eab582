import { DAY_MS } from './calendar.js';
import { isOutOfHours, isSleepHour, localMomentsIn } from './working-hours.js';

/** Milliseconds in a quarter hour: every IANA zone's offset is a whole number of them. */
export const QUARTER_MS = 900_000;

/** Pages sent to one person in one quarter hour (quarters since the epoch, UTC). */
export interface PageQuarter {
  userId: number;
  quarter: number;
  pages: number;
}

/** The on-call load of one person on one UTC day. */
export interface OncallDay {
  day: number;
  userId: number;
  pages: number;
  outOfHoursPages: number;
  /** Quarter hours in the person's sleep hours with at least one page. */
  sleepInterruptions: number;
}

/**
 * The load per person and UTC day of pages counted per quarter hour (each quarter once per
 * person): all pages, those outside working hours and the sleep-hour quarters they broke,
 * judged in the time zone `zoneOf` gives the person. A UTC day holds whole quarters, so the
 * days add up to any period of whole days.
 */
export function summarizeOncallDays(
  quarters: readonly PageQuarter[],
  zoneOf: (userId: number) => string,
): OncallDay[] {
  const days = new Map<string, OncallDay>();
  const momentsIn = new Map<string, ReturnType<typeof localMomentsIn>>();
  for (const { userId, quarter, pages } of quarters) {
    const timeZone = zoneOf(userId);
    let momentOf = momentsIn.get(timeZone);
    if (!momentOf) momentsIn.set(timeZone, (momentOf = localMomentsIn(timeZone)));
    const at = quarter * QUARTER_MS;
    const day = Math.floor(at / DAY_MS);
    const key = `${String(day)}|${String(userId)}`;
    const entry = days.get(key) ?? { day, userId, pages: 0, outOfHoursPages: 0, sleepInterruptions: 0 };
    const moment = momentOf(at);
    entry.pages += pages;
    if (isOutOfHours(moment)) entry.outOfHoursPages += pages;
    if (isSleepHour(moment)) entry.sleepInterruptions += 1;
    days.set(key, entry);
  }
  return [...days.values()];
}
