import { listSchedules } from '../../store/queries/schedules.js';
import type { Executor } from '../../store/store.js';

/**
 * Each scheduled person's time zone: that of the first schedule, by id, whose layers name
 * them (people on no schedule are in UTC).
 */
export async function timeZonesOfPeople(db: Executor): Promise<Map<number, string>> {
  const zones = new Map<number, string>();
  const schedules = (await listSchedules(db)).sort((a, b) => a.id - b.id);
  for (const schedule of schedules) {
    for (const layer of schedule.layers) {
      for (const userId of layer.participants) if (!zones.has(userId)) zones.set(userId, schedule.time_zone);
    }
  }
  return zones;
}

/** The person → zone pairs as one string, to tell when they change. */
export function zonesSignature(zones: ReadonlyMap<number, string>): string {
  return [...zones]
    .sort((a, b) => a[0] - b[0])
    .map(([userId, zone]) => `${String(userId)}:${zone}`)
    .join(',');
}
