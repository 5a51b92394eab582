/** Who is on call: layers stacked (higher index wins), overrides on top, rendered as one list of shifts. */
import { shiftsOfLayer } from './layer-shifts.js';
import type { Interval, OnCall, Override, Schedule, Shift, ShiftSource } from './schedule-types.js';
import { validateSchedule, validateWindow } from './validate.js';

const DAY_MS = 86_400_000;
/** How far `nextHandoff` looks before concluding nobody ever changes. */
const HANDOFF_HORIZONS_MS = [8 * DAY_MS, 64 * DAY_MS, 400 * DAY_MS];

/** The override in force at `at`: the latest one in the list, as the most recently added. */
function overrideAt(overrides: readonly Override[], at: number): Override | undefined {
  return overrides.findLast((override) => override.start <= at && at < override.end);
}

/** The shift of a sorted, non-overlapping list that contains `at`, by binary search. */
function shiftAt(shifts: readonly Shift[], at: number): Shift | undefined {
  let low = 0;
  let high = shifts.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const shift = shifts[middle];
    if (!shift) break;
    if (at < shift.start) high = middle - 1;
    else if (at >= shift.end) low = middle + 1;
    else return shift;
  }
  return undefined;
}

/** Who is on call at instant `at`, and from which layer or override. */
export function onCallAt(schedule: Schedule, at: number): OnCall {
  validateSchedule(schedule);
  validateWindow(at, at);
  const override = overrideAt(schedule.overrides, at);
  if (override) return { userId: override.userId, layer: 'override' };
  for (let index = schedule.layers.length - 1; index >= 0; index--) {
    const shift = shiftsOfLayer(schedule, index, at, at + 1)[0];
    if (shift) return { userId: shift.userId, layer: index };
  }
  return { userId: null, layer: null };
}

/** The final schedule in `[from, to)`: sorted, non-overlapping, gaps left empty, same-user same-source runs merged. */
export function finalSchedule(schedule: Schedule, from: number, to: number): Shift[] {
  validateSchedule(schedule);
  validateWindow(from, to);
  if (to <= from) return [];
  const layers = schedule.layers.map((_, index) => shiftsOfLayer(schedule, index, from, to));
  const overrides = schedule.overrides.filter((override) => override.start < to && override.end > from);
  // Between two consecutive boundaries nothing starts or ends, so one winner holds for the whole piece.
  const boundaries = new Set([from, to]);
  for (const interval of [...layers.flat(), ...overrides]) {
    boundaries.add(Math.max(from, interval.start));
    boundaries.add(Math.min(to, interval.end));
  }
  const points = [...boundaries].sort((a, b) => a - b);
  const result: Shift[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k] ?? from;
    const end = points[k + 1] ?? to;
    const winner = winnerAt(layers, overrides, start);
    if (!winner) continue;
    const previous = result.at(-1);
    if (previous?.end === start && previous.userId === winner.userId && previous.source === winner.source) {
      previous.end = end;
    } else {
      result.push({ userId: winner.userId, start, end, source: winner.source });
    }
  }
  return result;
}

function winnerAt(
  layers: readonly Shift[][],
  overrides: readonly Override[],
  at: number,
): { userId: number; source: ShiftSource } | undefined {
  const override = overrideAt(overrides, at);
  if (override) return { userId: override.userId, source: 'override' };
  for (let index = layers.length - 1; index >= 0; index--) {
    const shift = shiftAt(layers[index] ?? [], at);
    if (shift) return { userId: shift.userId, source: index };
  }
  return undefined;
}

/**
 * Whether the first of the final `shifts` of `[from, to)` began before `from`, and the last goes
 * on after `to`: the same person on call from the same layer or override just outside the window.
 */
export function cutAtWindow(
  schedule: Schedule,
  shifts: readonly Shift[],
  from: number,
  to: number,
): { continuesBefore: boolean; continuesAfter: boolean } {
  const first = shifts[0];
  const last = shifts.at(-1);
  const sameAs = (shift: Shift, onCall: OnCall) =>
    onCall.userId === shift.userId && onCall.layer === shift.source;
  return {
    continuesBefore:
      first !== undefined && first.start === from && sameAs(first, onCallAt(schedule, from - 1)),
    continuesAfter: last !== undefined && last.end === to && sameAs(last, onCallAt(schedule, to)),
  };
}

/** The stretches of `[from, to)` that sorted, non-overlapping `shifts` leave with nobody on call. */
export function coverageGaps(shifts: readonly Shift[], from: number, to: number): Interval[] {
  const gaps: Interval[] = [];
  let covered = from;
  for (const shift of shifts) {
    if (shift.start > covered) gaps.push({ start: covered, end: Math.min(shift.start, to) });
    covered = Math.max(covered, shift.end);
    if (covered >= to) break;
  }
  if (covered < to) gaps.push({ start: covered, end: to });
  return gaps.filter((gap) => gap.start < gap.end);
}

/** The next instant after `at` at which the on-call user changes (to someone, or to nobody); null if none within ~400 days. */
export function nextHandoff(schedule: Schedule, at: number): number | null {
  const current = onCallAt(schedule, at).userId;
  for (const horizon of HANDOFF_HORIZONS_MS) {
    let covered = at;
    for (const shift of finalSchedule(schedule, at, at + horizon)) {
      // A gap after someone's shift is a handoff to nobody.
      if (shift.start > covered && current !== null) return covered;
      if (shift.userId !== current) return shift.start;
      covered = shift.end;
    }
    if (covered < at + horizon && current !== null) return covered;
  }
  return null;
}
