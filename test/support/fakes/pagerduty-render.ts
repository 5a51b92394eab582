/**
 * PagerDuty's final schedule computed the way PagerDuty documents it, written apart from
 * Beacon's schedule engine so the import's comparison checks one against the other: turns of
 * whole days hand off at the same local time, other turns are real seconds; restrictions are
 * local-time windows; the layer listed first wins; overrides win over every layer.
 */
import type {
  PdOverride,
  PdSchedule,
  PdScheduleEntry,
  PdScheduleLayer,
} from '../../../src/server/import/pagerduty/pagerduty-types.js';
import { instantOfWall, wallAt } from './wall-clock.js';

interface Local {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** `wall` (a wall clock reading as if UTC) as its fields. */
function localOfWall(wall: number): Local {
  const at = new Date(wall);
  return {
    year: at.getUTCFullYear(),
    month: at.getUTCMonth() + 1,
    day: at.getUTCDate(),
    hour: at.getUTCHours(),
    minute: at.getUTCMinutes(),
    second: at.getUTCSeconds(),
  };
}

/** The wall clock in `zone` at instant `at`. */
const localOf = (at: number, zone: string): Local => localOfWall(wallAt(at, zone));

function wallMs(local: Local): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

/** The instant of a wall-clock time in `zone` (a repeated one is the first). */
function instantOf(local: Local, zone: string): number {
  // PagerDuty's answer for a time the clocks skip is not documented: fixtures avoid them.
  return instantOfWall(
    wallMs(local),
    zone,
    `the fixture hands off at a local time that does not exist in ${zone}`,
  );
}

/** `local` moved by `seconds` of wall-clock time (normalised through UTC arithmetic). */
function addWall(local: Local, seconds: number): Local {
  return localOfWall(wallMs(local) + seconds * 1000);
}

interface Piece {
  start: number;
  end: number;
  user: string;
}

function turnStart(layer: PdScheduleLayer, zone: string, index: number): number {
  const origin = Date.parse(layer.rotation_virtual_start);
  const seconds = layer.rotation_turn_length_seconds;
  if (seconds % 86_400 !== 0) return origin + index * seconds * 1000;
  return instantOf(addWall(localOf(origin, zone), index * seconds), zone);
}

function restrictionWindows(layer: PdScheduleLayer, zone: string, from: number, to: number): Piece[] {
  const windows: Piece[] = [];
  let day = { ...localOf(from - 8 * 86_400_000, zone), hour: 0, minute: 0, second: 0 };
  while (instantOf(day, zone) < to) {
    const isoWeekday = ((new Date(wallMs(day)).getUTCDay() + 6) % 7) + 1;
    for (const restriction of layer.restrictions ?? []) {
      if (restriction.type === 'weekly_restriction' && restriction.start_day_of_week !== isoWeekday) continue;
      const [h = 0, m = 0, s = 0] = restriction.start_time_of_day.split(':').map(Number);
      const startLocal = { ...day, hour: h, minute: m, second: s };
      windows.push({
        start: instantOf(startLocal, zone),
        end: instantOf(addWall(startLocal, restriction.duration_seconds), zone),
        user: '',
      });
    }
    day = addWall(day, 86_400);
  }
  return windows;
}

/** One layer's on-call pieces within `[from, to)`. */
function layerPieces(layer: PdScheduleLayer, zone: string, from: number, to: number): Piece[] {
  const low = Math.max(from, Date.parse(layer.start));
  const high = Math.min(to, layer.end ? Date.parse(layer.end) : Infinity);
  const pieces: Piece[] = [];
  if (low >= high) return pieces;
  let index =
    Math.floor(
      (low - Date.parse(layer.rotation_virtual_start)) / (layer.rotation_turn_length_seconds * 1000),
    ) - 2;
  const count = layer.users.length;
  for (; turnStart(layer, zone, index) < high; index++) {
    const start = Math.max(low, turnStart(layer, zone, index));
    const end = Math.min(high, turnStart(layer, zone, index + 1));
    const user = layer.users[((index % count) + count) % count]?.user.id;
    if (start < end && user) pieces.push({ start, end, user });
  }
  if ((layer.restrictions ?? []).length === 0) return pieces;
  const windows = restrictionWindows(layer, zone, from, to);
  return pieces.flatMap((piece) =>
    windows
      .map((w) => ({
        start: Math.max(w.start, piece.start),
        end: Math.min(w.end, piece.end),
        user: piece.user,
      }))
      .filter((p) => p.start < p.end),
  );
}

/** PagerDuty's `final_schedule.rendered_schedule_entries` of `schedule` over `[from, to)`. */
export function renderFinalSchedule(
  schedule: PdSchedule,
  overrides: readonly PdOverride[],
  from: number,
  to: number,
): PdScheduleEntry[] {
  const zone = schedule.time_zone;
  const layers = (schedule.schedule_layers ?? []).map((layer) => layerPieces(layer, zone, from, to));
  const tops = overrides.map((o) => ({
    start: Date.parse(o.start),
    end: Date.parse(o.end),
    user: o.user.id,
  }));
  const points = new Set([from, to]);
  for (const piece of [...tops, ...layers.flat()]) {
    if (piece.start > from && piece.start < to) points.add(piece.start);
    if (piece.end > from && piece.end < to) points.add(piece.end);
  }
  const sorted = [...points].sort((a, b) => a - b);
  const entries: Piece[] = [];
  for (let k = 0; k + 1 < sorted.length; k++) {
    const at = sorted[k] ?? from;
    const end = sorted[k + 1] ?? to;
    const holds = (p: Piece) => p.start <= at && at < p.end;
    const user = tops.findLast(holds)?.user ?? layers.map((pieces) => pieces.find(holds)?.user).find(Boolean);
    if (!user) continue;
    const last = entries.at(-1);
    if (last && last.end === at && last.user === user) last.end = end;
    else entries.push({ start: at, end, user });
  }
  return entries.map((e) => ({
    start: new Date(e.start).toISOString(),
    end: new Date(e.end).toISOString(),
    user: { id: e.user, type: 'user_reference' },
  }));
}
