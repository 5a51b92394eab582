/** Grafana OnCall's on-call shifts as the layers and overrides of Beacon's import set-up. */
import { zonedToInstant } from '../../../core/oncall/zoned.js';
import type { ImportLayer, ImportRestriction, ImportSchedule } from '../../../core/schemas/import.js';
import type { GoShift, GoWeekday } from './grafana-oncall-types.js';

const HOUR_S = 3600;
const DAY_S = 86_400;
/** iCal weekdays, Monday first (Beacon's ISO weekday is the index + 1). */
export const GO_WEEKDAYS: readonly GoWeekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** A local date-time written as if it were UTC, so that adding seconds moves the wall clock. */
export function wallOf(local: string): number | null {
  const match = LOCAL_RE.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0);
}

/** The instant a wall clock reading (see `wallOf`) shows in `timeZone`. */
export function instantOfWall(wall: number, timeZone: string): number {
  const iso = new Date(wall).toISOString();
  return zonedToInstant(iso.slice(0, 10), iso.slice(11, 16), timeZone);
}

const iso = (ms: number) => new Date(ms).toISOString();
/** Monday-first index (0–6) of the weekday of a wall clock reading. */
const weekdayIndex = (wall: number) => (new Date(wall).getUTCDay() + 6) % 7;

/** The people a shift puts on call, turn by turn, starting at `start_rotation_from_user_index`. */
function turnsOf(shift: GoShift): string[][] {
  // Overrides made in the web UI name their person in `rolling_users`.
  const rolling =
    shift.type === 'rolling_users' || (shift.type === 'override' && (shift.rolling_users ?? []).length > 0);
  const groups = rolling ? (shift.rolling_users ?? []) : [shift.users ?? []];
  const first = shift.start_rotation_from_user_index ?? 0;
  return [...groups.slice(first), ...groups.slice(0, first)];
}

/** The turn length and the local windows of a recurring shift, or why Beacon cannot hold them. */
function rhythmOf(shift: GoShift, startWall: number): Pick<ImportLayer, 'turn' | 'restrictions'> | string {
  const label = `shift "${shift.name}"`;
  const interval = shift.interval ?? 1;
  const duration = shift.duration;
  const days = (shift.by_day ?? []).map((day) => GO_WEEKDAYS.indexOf(day));
  const startTime = new Date(startWall).toISOString().slice(11, 19);
  const windows = (): ImportRestriction[] =>
    days.map((day) => ({ kind: 'weekly', startDay: day + 1, startTime, durationSeconds: duration }));
  switch (shift.frequency) {
    case 'hourly':
      if (days.length > 0 || duration !== interval * HOUR_S)
        return `${label} is hourly with gaps; Beacon's hourly turns follow each other`;
      return { turn: { unit: 'hours', length: interval }, restrictions: [] };
    case 'daily':
      if (days.length > 0) {
        if (turnsOf(shift).length > 1 || interval !== 1)
          return `${label} turns daily on chosen weekdays only; Beacon's daily turns turn every day`;
        return { turn: { unit: 'days', length: 1 }, restrictions: windows() };
      }
      if (duration === interval * DAY_S)
        return { turn: { unit: 'days', length: interval }, restrictions: [] };
      if (interval === 1 && duration < DAY_S) {
        return {
          turn: { unit: 'days', length: 1 },
          restrictions: [{ kind: 'daily', startTime, durationSeconds: duration }],
        };
      }
      return `${label} lasts ${duration} s every ${interval} days; Beacon cannot leave days out`;
    case 'weekly': {
      const turn = { unit: 'days' as const, length: 7 * interval };
      if (days.length === 0) {
        if (duration === 7 * interval * DAY_S) return { turn, restrictions: [] };
        if (interval === 1 && duration < 7 * DAY_S) {
          days.push(weekdayIndex(startWall));
          return { turn, restrictions: windows() };
        }
        return `${label} lasts ${duration} s every ${interval} weeks; Beacon cannot leave weeks out`;
      }
      if (interval !== 1)
        return `${label} is on chosen weekdays every ${interval} weeks; Beacon cannot leave weeks out`;
      // OnCall hands the rotation over at the first chosen day of each week (from `week_start`).
      const weekStart = GO_WEEKDAYS.indexOf(shift.week_start ?? 'MO');
      const firstDay = [...days].sort((a, b) => ((a - weekStart + 7) % 7) - ((b - weekStart + 7) % 7))[0];
      if (firstDay !== weekdayIndex(startWall))
        return `${label} starts on another day than the first of its week's days; Beacon hands over where it starts`;
      return { turn, restrictions: windows() };
    }
    case 'monthly':
    case null:
    case undefined:
      return `${label} repeats ${shift.frequency ?? 'never'}; Beacon turns every N hours, days or weeks`;
  }
}

/** One rolling or recurrent shift as a layer in `timeZone`, or why Beacon cannot take it. */
export function shiftToLayer(shift: GoShift, timeZone: string): ImportLayer | string {
  const label = `shift "${shift.name}"`;
  if (shift.time_zone !== null && shift.time_zone !== timeZone)
    return `${label} is in ${shift.time_zone}, its schedule in ${timeZone}; Beacon keeps one time zone per schedule`;
  const turns = turnsOf(shift);
  const crowded = turns.find((people) => people.length !== 1);
  if (turns.length === 0 || crowded !== undefined)
    return `${label} has ${crowded?.length ?? 0} people on call at once; Beacon has one person at a time`;
  const startWall = wallOf(shift.start);
  if (startWall === null || startWall % 60_000 !== 0)
    return `${label} starts at ${shift.start}, not on a whole minute`;
  const rotationWall = wallOf(shift.rotation_start ?? shift.start);
  if (rotationWall !== null && rotationWall > startWall)
    return `${label} starts its rotation after its first shift; Beacon rotates from the first`;
  const rhythm = rhythmOf(shift, startWall);
  if (typeof rhythm === 'string') return rhythm;
  const start = iso(instantOfWall(startWall, timeZone));
  const untilWall = shift.until ? wallOf(shift.until) : null;
  return {
    name: shift.name,
    start,
    end: untilWall === null ? null : iso(instantOfWall(untilWall, timeZone)),
    rotationStart: start,
    ...rhythm,
    userSourceIds: turns.map((people) => people[0] ?? ''),
  };
}

/** A one-off shift (an override, or a single event) as a Beacon override, or why it cannot be. */
export function shiftToOverride(
  shift: GoShift,
  timeZone: string,
): ImportSchedule['overrides'][number] | string {
  const people = [...new Set(turnsOf(shift).flat())];
  if (people.length !== 1 || people[0] === undefined)
    return `override "${shift.name}" puts ${people.length} people on call; Beacon overrides with one person`;
  const startWall = wallOf(shift.start);
  if (startWall === null) return `override "${shift.name}" starts at ${shift.start}, not a date-time`;
  const zone = shift.time_zone ?? timeZone;
  return {
    sourceId: shift.id,
    userSourceId: people[0],
    start: iso(instantOfWall(startWall, zone)),
    // OnCall adds the duration to the local clock.
    end: iso(instantOfWall(startWall + shift.duration * 1000, zone)),
  };
}
