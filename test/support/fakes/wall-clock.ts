/**
 * Wall-clock time for the fakes' own schedule arithmetic, kept apart from Beacon's time-zone
 * code (`src/core/oncall/zoned.ts`) so the import's schedule comparison checks one against the
 * other. A wall clock reading is written as the milliseconds it would be in UTC.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `zone` at instant `at`. */
export function wallAt(at: number, zone: string): number {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  const p = Object.fromEntries(formatter.formatToParts(at).map((part) => [part.type, Number(part.value)]));
  return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day, p.hour, p.minute, p.second);
}

/**
 * The instant showing wall clock `wall` in `zone` (a repeated one is the first); a time the
 * clocks skip throws `skipped`, since the tools do not document their answer for one.
 */
export function instantOfWall(wall: number, zone: string, skipped: string): number {
  const offsetAt = (at: number) => wallAt(at, zone) - at;
  const early = wall - offsetAt(wall - 86_400_000);
  const late = wall - offsetAt(wall + 86_400_000);
  for (const candidate of [Math.min(early, late), Math.max(early, late)]) {
    if (wallAt(candidate, zone) === wall) return candidate;
  }
  throw new Error(skipped);
}
