/** A source schedule as the Beacon schedule the import writes. */
import { isValidTimeZone } from '../oncall/zoned.js';
import type { Layer, Override } from '../oncall/schedule-types.js';
import type { ImportSchedule } from '../schemas/import.js';
import { toBeaconLayer } from './layer-mapping.js';

/** The layers and overrides Beacon keeps of a schedule, with notes; or the reason it takes none. */
export type MappedSchedule =
  | { timeZone: string; layers: Layer[]; overrides: (Override & { sourceId: string })[]; notes: string[] }
  | { skip: string };

/**
 * Map `schedule`'s layers (those still in force at `now`) and its overrides that have not
 * ended. A layer Beacon cannot express exactly skips the whole schedule: half a schedule
 * would page the wrong person.
 */
export function toBeaconSchedule(
  schedule: ImportSchedule,
  userIdOf: (sourceId: string) => number | undefined,
  now: number,
): MappedSchedule {
  if (!isValidTimeZone(schedule.timeZone)) return { skip: `unknown time zone "${schedule.timeZone}"` };
  const first = schedule.unsupported[0];
  if (first !== undefined) return { skip: first };
  const layers: Layer[] = [];
  const notes: string[] = [];
  for (const source of schedule.layers) {
    if (source.end !== null && Date.parse(source.end) <= now) continue;
    const mapped = toBeaconLayer(source, schedule.timeZone, userIdOf, now);
    if ('skip' in mapped) return { skip: mapped.skip };
    layers.push(mapped.layer);
    notes.push(...mapped.notes);
  }
  if (layers.length === 0) return { skip: 'no layer is in force' };
  const overrides: (Override & { sourceId: string })[] = [];
  for (const override of schedule.overrides) {
    const userId = userIdOf(override.userSourceId);
    const end = Date.parse(override.end);
    if (userId === undefined || end <= now) continue;
    overrides.push({ sourceId: override.sourceId, userId, start: Date.parse(override.start), end });
  }
  return { timeZone: schedule.timeZone, layers, overrides, notes };
}
