/**
 * When a page reaches someone: working hours are Monday to Friday 09:00–18:00 in the person's
 * time zone, everything else is out of hours; sleep hours are 22:00–07:00 every day.
 */

/** A local weekday (0 = Monday … 6 = Sunday) and minute of the day. */
export interface LocalMoment {
  weekday: number;
  minuteOfDay: number;
}

const WORK_START = 9 * 60;
const WORK_END = 18 * 60;
const SLEEP_START = 22 * 60;
const SLEEP_END = 7 * 60;

/** True outside Monday–Friday 09:00–18:00. */
export function isOutOfHours(moment: LocalMoment): boolean {
  if (moment.weekday >= 5) return true;
  return moment.minuteOfDay < WORK_START || moment.minuteOfDay >= WORK_END;
}

/** True between 22:00 and 07:00. */
export function isSleepHour(moment: LocalMoment): boolean {
  return moment.minuteOfDay >= SLEEP_START || moment.minuteOfDay < SLEEP_END;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** The local weekday and minute of `ms` in `timeZone` (an IANA name the runtime knows). */
export function localMoment(ms: number, timeZone: string): LocalMoment {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(ms).map((part) => [part.type, part.value]));
  return {
    weekday: WEEKDAY_INDEX[parts.weekday ?? 'Mon'] ?? 0,
    minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const DAY_MS = 86_400_000;
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `ms`, in minutes ("GMT+05:30" → 330). */
function offsetMinutes(ms: number, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * `localMoment` for many instants in one zone: the offset is looked up once per UTC day and
 * applied by arithmetic, except on the days the offset changes (daylight saving), which ask
 * the zone database for each instant.
 */
export function localMomentsIn(timeZone: string): (ms: number) => LocalMoment {
  const offsetOfDay = new Map<number, number | null>();
  return (ms) => {
    const day = Math.floor(ms / DAY_MS);
    let offset = offsetOfDay.get(day);
    if (offset === undefined) {
      const start = offsetMinutes(day * DAY_MS, timeZone);
      offset = start === offsetMinutes((day + 1) * DAY_MS - 1, timeZone) ? start : null;
      offsetOfDay.set(day, offset);
    }
    if (offset === null) return localMoment(ms, timeZone);
    const local = ms + offset * 60_000;
    const localDay = Math.floor(local / DAY_MS);
    // 1970-01-01 was a Thursday (3 with Monday as 0).
    return {
      weekday: (((localDay + 3) % 7) + 7) % 7,
      minuteOfDay: Math.floor((local - localDay * DAY_MS) / 60_000),
    };
  };
}
