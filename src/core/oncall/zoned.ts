/**
 * Wall-clock time in an IANA zone ↔ instants, with the built-in Intl time-zone database.
 *
 * A local time can fail to exist (spring forward: 02:30 on the day clocks jump 02:00 → 03:00) or exist
 * twice (fall back: 01:30 on the day clocks go 02:00 → 01:00). `zonedToInstant` resolves these as:
 * - a nonexistent time moves forward to the first valid instant, the moment of the jump (03:00 local);
 * - an ambiguous time takes its first occurrence (still on summer time).
 */
import { ValidationError } from '../errors.js';
import { WEEKDAYS, type Weekday } from './schedule-types.js';

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A local calendar date, time of day and weekday. */
export interface ZonedTime {
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:MM' (seconds are dropped) */
  time: string;
  weekday: Weekday;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function checkTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone))
    throw new ValidationError('timeZone', `unknown IANA time zone "${timeZone}"`);
}

/** Minutes after midnight of an 'HH:MM' time; throws on anything else. */
export function parseTime(time: string, field = 'time'): number {
  const match = TIME_RE.exec(time);
  if (!match) throw new ValidationError(field, `"${time}" is not a time of day in HH:MM (00:00–23:59)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date; throws on anything else, including 2026-02-30. */
export function parseDate(date: string, field = 'date'): number {
  const match = DATE_RE.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const ms = utcMs(year, month, day);
  if (!match || formatDate(ms) !== date) {
    throw new ValidationError(field, `"${date}" is not a calendar date in YYYY-MM-DD`);
  }
  return ms / DAY_MS;
}

// Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function formatDate(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

const EN_US_RE = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

/** The wall clock at `ms` in the zone, written as if it were UTC (seconds kept, milliseconds dropped). */
function wallClockMs(ms: number, timeZone: string): number {
  const formatter = formatterFor(timeZone);
  // format() is an order of magnitude faster than formatToParts(); fall back if the layout ever differs.
  const match = EN_US_RE.exec(formatter.format(ms));
  const fields: Record<string, number> = {};
  if (match) {
    ['month', 'day', 'year', 'hour', 'minute', 'second'].forEach(
      (name, i) => (fields[name] = Number(match[i + 1])),
    );
  } else {
    for (const part of formatter.formatToParts(ms)) fields[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  return utcMs(year, month, day, hour % 24, minute, second);
}

/** Offset of the zone from UTC at instant `ms`, in ms (Warsaw in summer: +7_200_000). */
function offsetAt(ms: number, timeZone: string): number {
  return wallClockMs(ms, timeZone) - (ms - (((ms % 1000) + 1000) % 1000));
}

const MEMO_LIMIT = 20_000;
const resolved = new Map<string, number>();

/** The instant of local `date` `time` in `timeZone`; a skipped time moves to the jump, a doubled one takes the first. */
export function zonedToInstant(date: string, time: string, timeZone: string): number {
  const key = `${timeZone} ${date} ${time}`;
  let instant = resolved.get(key);
  if (instant === undefined) {
    checkTimeZone(timeZone);
    instant = resolveWallTime(parseDate(date) * DAY_MS + parseTime(time) * 60_000, timeZone);
    // Schedules ask for the same few handoff times over and over; a bounded memo keeps Intl calls rare.
    if (resolved.size >= MEMO_LIMIT) resolved.clear();
    resolved.set(key, instant);
  }
  return instant;
}

/** The instant showing `wall` (a wall clock written as if UTC) in the zone, by the rules in the header. */
function resolveWallTime(wall: number, timeZone: string): number {
  // Offsets a day either side bracket any single transition near this wall time.
  const early = offsetAt(wall - DAY_MS, timeZone);
  const late = offsetAt(wall + DAY_MS, timeZone);
  // The usual case, no transition nearby: one offset, one reading.
  if (early === late && offsetAt(wall - early, timeZone) === early) return wall - early;
  const offsets = [...new Set([early, offsetAt(wall, timeZone), late])];
  const valid = offsets
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(instant, timeZone) === wall - instant)
    .sort((a, b) => a - b);
  if (valid[0] !== undefined) return valid[0];
  // A gap: the wall time falls in the jump. Find the transition instant between the two readings.
  let before = wall - Math.max(...offsets);
  let after = wall - Math.min(...offsets);
  const offsetBefore = offsetAt(before, timeZone);
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (offsetAt(middle, timeZone) === offsetBefore) before = middle;
    else after = middle;
  }
  return after;
}

/** The local date, time and weekday at instant `ms` in `timeZone`. */
export function instantToZoned(ms: number, timeZone: string): ZonedTime {
  checkTimeZone(timeZone);
  const wall = wallClockMs(ms, timeZone);
  const date = new Date(wall);
  return {
    date: formatDate(wall),
    time: `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`,
    weekday: weekdayOf(formatDate(wall)),
  };
}

/** The calendar date `days` after (or before, if negative) `date`. */
export function addLocalDays(date: string, days: number): string {
  return formatDate((parseDate(date) + days) * DAY_MS);
}

/** The weekday of a calendar date. */
export function weekdayOf(date: string): Weekday {
  // 1970-01-01 was a Thursday (index 3, Monday first).
  const index = (((parseDate(date) + 3) % 7) + 7) % 7;
  return WEEKDAYS[index] ?? 'mon';
}
