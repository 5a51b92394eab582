/** The UTC calendar the metrics are kept in: whole days, and weeks that start on Monday. */

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC) of an instant. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** Days since the epoch of a 'YYYY-MM-DD' date (UTC). */
export function dayOfDate(date: string): number {
  return dayOf(Date.parse(`${date}T00:00:00Z`));
}

/** The 'YYYY-MM-DD' date of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday that starts the week of `day` (1970-01-01 was a Thursday). */
export function weekStartOf(day: number): number {
  return day - ((day + 3) % 7);
}

/** A period split for reading rollups: whole weeks from the weekly rollups, the rest by day. */
export interface PeriodSpans {
  /** Mondays of the first and last whole week inside the period; null when none fits. */
  weeks: [first: number, last: number] | null;
  /** Day ranges (inclusive) before and after the whole weeks, at most six days each. */
  days: Array<[first: number, last: number]>;
}

/** Split `[fromDay, toDay]` into whole weeks and the days left at either end. */
export function periodSpans(fromDay: number, toDay: number): PeriodSpans {
  const firstWeek = weekStartOf(fromDay) === fromDay ? fromDay : weekStartOf(fromDay) + 7;
  const lastWeek = weekStartOf(toDay + 1) - 7;
  if (firstWeek > lastWeek) return { weeks: null, days: [[fromDay, toDay]] };
  const days: Array<[number, number]> = [];
  if (fromDay < firstWeek) days.push([fromDay, firstWeek - 1]);
  if (lastWeek + 6 < toDay) days.push([lastWeek + 7, toDay]);
  return { weeks: [firstWeek, lastWeek], days };
}
