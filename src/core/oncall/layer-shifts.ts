/** One layer's rotation turned into shifts, with its weekly restrictions applied. */
import { ValidationError } from '../errors.js';
import type { Interval, Layer, Restriction, Schedule, Shift } from './schedule-types.js';
import { validateSchedule, validateWindow } from './validate.js';
import { addLocalDays, instantToZoned, parseTime, weekdayOf, zonedToInstant } from './zoned.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The start of rotation turn `index` (turn 0 starts at `startDate` `handoffTime`; negative turns are before). */
function turnStart(layer: Layer, timeZone: string, index: number): number {
  const { rotation } = layer;
  switch (rotation.kind) {
    case 'daily':
    case 'weekly': {
      // Local days, not 24-hour blocks: the handoff stays at the same wall-clock time across DST.
      const days = rotation.kind === 'daily' ? index : 7 * index;
      return zonedToInstant(addLocalDays(layer.startDate, days), layer.handoffTime, timeZone);
    }
    case 'custom': {
      // Real hours: a 12-hour shift is 12 hours long even on the night the clocks change.
      const origin = zonedToInstant(layer.startDate, layer.handoffTime, timeZone);
      return origin + index * Math.round(rotation.shiftHours * HOUR_MS);
    }
  }
}

/** The nominal length of a turn, used only to guess which turn an instant falls in. */
function nominalTurnMs(layer: Layer): number {
  const { rotation } = layer;
  switch (rotation.kind) {
    case 'daily':
      return DAY_MS;
    case 'weekly':
      return 7 * DAY_MS;
    case 'custom':
      return Math.round(rotation.shiftHours * HOUR_MS);
  }
}

/** The turn whose `[start, next start)` contains `at`. */
function turnAt(layer: Layer, timeZone: string, at: number): number {
  const origin = turnStart(layer, timeZone, 0);
  // The guess is off by at most a turn (DST and zone changes move a day by hours, not days); walk to it.
  let index = Math.floor((at - origin) / nominalTurnMs(layer));
  while (turnStart(layer, timeZone, index) > at) index--;
  while (turnStart(layer, timeZone, index + 1) <= at) index++;
  return index;
}

/** The rotation's shifts clipped to `[from, to)` and to the layer's start and end dates. */
function rotationShifts(layer: Layer, timeZone: string, from: number, to: number): Omit<Shift, 'source'>[] {
  const layerStart = turnStart(layer, timeZone, 0);
  const layerEnd =
    layer.endDate === undefined ? Infinity : zonedToInstant(layer.endDate, layer.handoffTime, timeZone);
  const low = Math.max(from, layerStart);
  const high = Math.min(to, layerEnd);
  const shifts: Omit<Shift, 'source'>[] = [];
  if (low >= high) return shifts;
  const count = layer.participants.length;
  for (let index = turnAt(layer, timeZone, low); ; index++) {
    const start = turnStart(layer, timeZone, index);
    if (start >= high) break;
    const userId = layer.participants[((index % count) + count) % count];
    if (userId === undefined) throw new Error('rotation index out of range');
    shifts.push({
      userId,
      start: Math.max(start, low),
      end: Math.min(turnStart(layer, timeZone, index + 1), high),
    });
  }
  return shifts;
}

/** The restriction intervals overlapping `[from, to)`, clipped to it, merged and sorted. */
function restrictionWindows(
  restrictions: readonly Restriction[],
  timeZone: string,
  from: number,
  to: number,
): Interval[] {
  const windows: Interval[] = [];
  const last = instantToZoned(to, timeZone).date;
  // An interval that started the local day before `from` can still be running at `from`.
  let date = addLocalDays(instantToZoned(from, timeZone).date, -1);
  while (date <= last) {
    const weekday = weekdayOf(date);
    for (const restriction of restrictions) {
      if (!restriction.days.includes(weekday)) continue;
      const wraps = parseTime(restriction.end) <= parseTime(restriction.start);
      const endDate = wraps ? addLocalDays(date, 1) : date;
      const start = Math.max(from, zonedToInstant(date, restriction.start, timeZone));
      const end = Math.min(to, zonedToInstant(endDate, restriction.end, timeZone));
      if (start < end) windows.push({ start, end });
    }
    date = addLocalDays(date, 1);
  }
  return mergeIntervals(windows);
}

function mergeIntervals(intervals: Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const next of [...intervals].sort((a, b) => a.start - b.start)) {
    const previous = merged.at(-1);
    if (previous && next.start <= previous.end) previous.end = Math.max(previous.end, next.end);
    else merged.push({ ...next });
  }
  return merged;
}

/** The parts of sorted, non-overlapping `shifts` that fall inside sorted, disjoint `windows`. */
function clipToWindows<T extends Interval>(shifts: T[], windows: Interval[]): T[] {
  const clipped: T[] = [];
  let w = 0;
  for (const shift of shifts) {
    while (w < windows.length && (windows[w]?.end ?? Infinity) <= shift.start) w++;
    for (let k = w; k < windows.length; k++) {
      const window = windows[k];
      if (!window || window.start >= shift.end) break;
      const start = Math.max(shift.start, window.start);
      const end = Math.min(shift.end, window.end);
      if (start < end) clipped.push({ ...shift, start, end });
    }
  }
  return clipped;
}

/** Layer `layerIndex`'s shifts within `[from, to)`, restrictions applied, without validating (callers have). */
export function shiftsOfLayer(schedule: Schedule, layerIndex: number, from: number, to: number): Shift[] {
  const layer = schedule.layers[layerIndex];
  if (!layer) throw new ValidationError('layerIndex', `schedule has no layer ${layerIndex}`);
  const shifts = rotationShifts(layer, schedule.timeZone, from, to).map((shift) => ({
    ...shift,
    source: layerIndex,
  }));
  const restrictions = layer.restrictions ?? [];
  if (restrictions.length === 0 || shifts.length === 0) return shifts;
  return clipToWindows(shifts, restrictionWindows(restrictions, schedule.timeZone, from, to));
}

/** One layer's shifts in `[from, to)` with restrictions applied: one entry per rotation turn, clipped to the window. */
export function layerShifts(schedule: Schedule, layerIndex: number, from: number, to: number): Shift[] {
  validateSchedule(schedule);
  validateWindow(from, to);
  return shiftsOfLayer(schedule, layerIndex, from, to);
}
