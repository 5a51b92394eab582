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
