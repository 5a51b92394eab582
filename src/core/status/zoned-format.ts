/**
 * Instants written in the status page's time zone: ISO-8601 with the zone's offset and
 * milliseconds, as Statuspage writes them (`2022-02-15T13:37:37.407-08:00`), and a short
 * human form for the HTML page. Built on the Intl time-zone database; no I/O.
 */

const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu']);

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const humanFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone itself when the runtime knows it, else UTC (a bad setting never breaks the page). */
export function knownTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at `ms`, in minutes (Los Angeles in winter: -480). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const name = offsetFormatter(timeZone)
    .formatToParts(ms)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `ms` as ISO-8601 in `timeZone` with milliseconds and offset; `Z` only for UTC itself. */
export function isoInZone(ms: number, timeZone: string): string {
  const zone = knownTimeZone(timeZone);
  const offset = UTC_ZONES.has(zone) ? 0 : offsetMinutes(ms, zone);
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
  if (UTC_ZONES.has(zone)) return `${local}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `null` stays `null`; an instant becomes {@link isoInZone}. */
export function isoOrNull(ms: number | null, timeZone: string): string | null {
  return ms === null ? null : isoInZone(ms, timeZone);
}

/** A reader's form of `ms` in `timeZone`: `Mar 1, 2026, 13:05 CET`. */
export function humanTime(ms: number, timeZone: string): string {
  const zone = knownTimeZone(timeZone);
  let formatter = humanFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    humanFormatters.set(zone, formatter);
  }
  return formatter.format(ms);
}
