/**
 * Grafana OnCall's `final_shifts`, computed apart from Beacon's schedule engine (and from the
 * importer's mapping) so the import's comparison checks one against the other. As OnCall does:
 * each recurring shift repeats its event in local wall-clock time (a weekly shift with `by_day`
 * hands the rotation on at each week from `week_start`), the next group of `rolling_users` takes
 * each next event (each next week), the highest `level` covering a moment wins, and overrides
 * win over everything.
 */
import type {
  GoFinalShift,
  GoSchedule,
  GoShift,
  GoUser,
} from '../../../src/server/import/grafana-oncall/grafana-oncall-types.js';
import { instantOfWall, wallAt } from './wall-clock.js';

const DAY_S = 86_400;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** The instant showing wall clock `wall` in `zone` (a repeated one is the first). */
const instantOf = (wall: number, zone: string) =>
  instantOfWall(wall, zone, `the fixture has a shift at a local time that does not exist in ${zone}`);

const parseWall = (local: string) => Date.parse(`${local}Z`);
const weekday = (wall: number) => (new Date(wall).getUTCDay() + 6) % 7;

interface Event {
  start: number;
  end: number;
  user: string;
  level: number;
}

/** The walls at which a recurring shift's events start, with the index of the group on call. */
function occurrences(shift: GoShift, untilWall: number): Array<{ wall: number; turn: number }> {
  const start = parseWall(shift.start);
  const interval = shift.interval ?? 1;
  const days = (shift.by_day ?? []).map((d) => WEEKDAYS.indexOf(d));
  const result: Array<{ wall: number; turn: number }> = [];
  if (shift.frequency === 'weekly' && days.length > 0) {
    const weekStart = WEEKDAYS.indexOf(shift.week_start ?? 'MO');
    const midnight = start - (start % (DAY_S * 1000));
    const firstWeek = midnight - ((weekday(start) - weekStart + 7) % 7) * DAY_S * 1000;
    for (let week = 0; firstWeek + week * 7 * DAY_S * 1000 < untilWall; week += interval) {
      for (let day = 0; day < 7; day++) {
        const wall = firstWeek + (week * 7 + day) * DAY_S * 1000 + (start % (DAY_S * 1000));
        if (wall >= start && days.includes(weekday(wall))) result.push({ wall, turn: week / interval });
      }
    }
    return result;
  }
  const steps: Record<string, number> = { hourly: 3600, daily: DAY_S, weekly: 7 * DAY_S };
  const step = steps[shift.frequency ?? 'daily'] ?? DAY_S;
  let turn = 0;
  for (let k = 0; start + k * interval * step * 1000 < untilWall; k++) {
    const wall = start + k * interval * step * 1000;
    if (days.length > 0 && !days.includes(weekday(wall))) continue;
    result.push({ wall, turn: turn++ });
  }
  return result;
}

function eventsOf(shift: GoShift, zone: string, toWall: number): Event[] {
  const tz = shift.time_zone ?? zone;
  const groups =
    shift.type === 'rolling_users' || (shift.type === 'override' && shift.rolling_users)
      ? (shift.rolling_users ?? [])
      : [shift.users ?? []];
  const first = shift.start_rotation_from_user_index ?? 0;
  const rotated = [...groups.slice(first), ...groups.slice(0, first)];
  const until = shift.until ? parseWall(shift.until) : Infinity;
  const isOneOff = shift.type === 'override' || shift.type === 'single_event' || !shift.frequency;
  const starts = isOneOff
    ? [{ wall: parseWall(shift.start), turn: 0 }]
    : occurrences(shift, Math.min(until, toWall));
  return starts.flatMap(({ wall, turn }) =>
    (isOneOff ? rotated.flat() : (rotated[turn % rotated.length] ?? [])).map((user) => ({
      start: instantOf(wall, tz),
      end: instantOf(Math.min(wall + shift.duration * 1000, until), tz),
      user,
      level: shift.type === 'override' ? Infinity : (shift.level ?? 0),
    })),
  );
}

/** `GET /api/v1/schedules/{id}/final_shifts` for `[from, to)`. */
export function finalShifts(
  schedule: GoSchedule,
  shifts: readonly GoShift[],
  users: readonly GoUser[],
  from: number,
  to: number,
): GoFinalShift[] {
  const zone = schedule.time_zone ?? 'UTC';
  const toWall = wallAt(to, zone) + 2 * DAY_S * 1000;
  const events = shifts
    .flatMap((shift) => eventsOf(shift, zone, toWall))
    .filter((e) => e.end > from && e.start < to);
  const cuts = [...new Set([from, to, ...events.flatMap((e) => [e.start, e.end])])]
    .filter((at) => at >= from && at <= to)
    .sort((a, b) => a - b);
  const pieces: Array<{ user: string; start: number; end: number }> = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [start = 0, end = 0] = [cuts[i], cuts[i + 1]];
    const covering = events.filter((e) => e.start <= start && end <= e.end);
    const top = Math.max(...covering.map((e) => e.level));
    for (const user of new Set(covering.filter((e) => e.level === top).map((e) => e.user))) {
      const last = pieces.findLast((p) => p.user === user && p.end === start);
      if (last) last.end = end;
      else pieces.push({ user, start, end });
    }
  }
  return pieces
    .sort((a, b) => a.start - b.start)
    .map((p) => {
      const user = users.find((u) => u.id === p.user);
      return {
        user_pk: p.user,
        user_email: user?.email ?? '',
        user_username: user?.username ?? '',
        shift_start: new Date(p.start).toISOString().replace('.000Z', 'Z'),
        shift_end: new Date(p.end).toISOString().replace('.000Z', 'Z'),
      };
    });
}
