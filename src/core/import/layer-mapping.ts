/** A source's rotation layer as a Beacon layer, with what Beacon does differently said in words. */
import type { Layer } from '../oncall/schedule-types.js';
import { addLocalDays, instantToZoned, zonedToInstant } from '../oncall/zoned.js';
import type { ImportLayer } from '../schemas/import.js';
import { toBeaconRestrictions } from './restrictions.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The most participants a Beacon layer takes (`LayerSchema`). */
const MAX_PARTICIPANTS = 100;

/** A layer Beacon can hold, with notes; or the reason it cannot. */
export type MappedLayer = { layer: Layer; notes: string[] } | { skip: string };

/** The instant turn `index` of `source` starts (turn 0 at `rotationStart`). */
function turnStart(source: ImportLayer, timeZone: string, index: number): number {
  const origin = Date.parse(source.rotationStart);
  if (source.turn.unit === 'hours') return origin + index * source.turn.length * HOUR_MS;
  // Whole days keep the wall-clock handoff time across DST.
  const local = instantToZoned(origin, timeZone);
  return zonedToInstant(addLocalDays(local.date, index * source.turn.length), local.time, timeZone);
}

/** The turn whose `[start, next start)` holds `at`. */
function turnAt(source: ImportLayer, timeZone: string, at: number): number {
  const nominal = source.turn.length * (source.turn.unit === 'hours' ? HOUR_MS : DAY_MS);
  let index = Math.floor((at - Date.parse(source.rotationStart)) / nominal);
  while (turnStart(source, timeZone, index) > at) index--;
  while (turnStart(source, timeZone, index + 1) <= at) index++;
  return index;
}

/** `items` turned so that position `by` comes first. */
function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = ((by % items.length) + items.length) % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/**
 * Map one layer of a schedule in `timeZone`. Beacon's rotations turn every local day, every 7
 * local days or every N real hours, and start at their first handoff; so a turn of N days
 * becomes a daily (or weekly) rotation with each person N (or N/7) times in a row, starting at
 * the turn in force when the layer starts. `userIdOf` gives the Beacon id of a source user.
 */
export function toBeaconLayer(
  source: ImportLayer,
  timeZone: string,
  userIdOf: (sourceId: string) => number | undefined,
  now: number,
): MappedLayer {
  const label = source.name === '' ? 'a layer' : `layer "${source.name}"`;
  const end = source.end === null ? null : Date.parse(source.end);
  if (end !== null && end <= now) return { skip: `${label} ended on ${source.end ?? ''} (history only)` };
  const users: number[] = [];
  for (const sourceId of source.userSourceIds) {
    const id = userIdOf(sourceId);
    if (id === undefined) return { skip: `${label} has user ${sourceId}, who is not imported` };
    users.push(id);
  }
  if (Date.parse(source.rotationStart) % 60_000 !== 0) {
    return { skip: `${label} hands off at ${source.rotationStart}, not on a whole minute` };
  }
  const restrictions = toBeaconRestrictions(source.restrictions);
  if ('skip' in restrictions) return { skip: `${label}: ${restrictions.skip}` };

  const notes: string[] = [];
  const start = Date.parse(source.start);
  const first = turnAt(source, timeZone, start);
  const firstStart = turnStart(source, timeZone, first);
  if (firstStart !== start && start > now) {
    notes.push(`${label} starts mid-turn at ${source.start}; Beacon starts it at that turn's handoff`);
  }
  const { unit, length } = source.turn;
  const repeat = unit === 'hours' ? 1 : length % 7 === 0 ? length / 7 : length;
  if (users.length * repeat > MAX_PARTICIPANTS) {
    return {
      skip: `${label} turns every ${length} days among ${users.length} people: more than Beacon's ${MAX_PARTICIPANTS} turns per layer`,
    };
  }
  const participants = rotate(users, first).flatMap((id) => Array.from({ length: repeat }, () => id));
  const local = instantToZoned(firstStart, timeZone);
  const layer: Layer = {
    participants,
    rotation:
      unit === 'hours'
        ? { kind: 'custom', shiftHours: length }
        : length % 7 === 0
          ? { kind: 'weekly' }
          : { kind: 'daily' },
    handoffTime: local.time,
    startDate: local.date,
    ...(restrictions.restrictions.length > 0 ? { restrictions: restrictions.restrictions } : {}),
  };
  if (unit === 'hours' && zonedToInstant(local.date, local.time, timeZone) !== firstStart) {
    notes.push(
      `${label} hands off at a local time that occurs twice on ${local.date}; Beacon takes the first`,
    );
  }
  if (end !== null) {
    const endLocal = instantToZoned(end, timeZone);
    const endDate =
      zonedToInstant(endLocal.date, layer.handoffTime, timeZone) >= end
        ? endLocal.date
        : addLocalDays(endLocal.date, 1);
    if (zonedToInstant(endDate, layer.handoffTime, timeZone) !== end) {
      notes.push(`${label} ends at ${source.end ?? ''}; Beacon ends it at the handoff on ${endDate}`);
    }
    layer.endDate = endDate > layer.startDate ? endDate : addLocalDays(layer.startDate, 1);
  }
  return { layer, notes };
}
