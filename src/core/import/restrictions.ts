/** A source's daily and weekly on-call windows as Beacon restrictions. */
import { WEEKDAYS, type Restriction } from '../oncall/schedule-types.js';
import type { ImportRestriction } from '../schemas/import.js';

const DAY_MINUTES = 1440;

function clock(minutes: number): string {
  const inDay = ((minutes % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return `${String(Math.floor(inDay / 60)).padStart(2, '0')}:${String(inDay % 60).padStart(2, '0')}`;
}

/** Minutes after local midnight of 'HH:MM[:SS]', or null when it has seconds Beacon cannot hold. */
function minutesOf(time: string): number | null {
  const [hours = '0', minutes = '0', seconds = '00'] = time.split(':');
  if (seconds !== '00') return null;
  return Number(hours) * 60 + Number(minutes);
}

/**
 * Beacon restrictions covering the same local-time windows, or the reason there are none. A
 * window longer than a day becomes one restriction per day, each starting where the last ended
 * (an end at its own start is 24 hours), which Beacon merges back into one stretch.
 */
export function toBeaconRestrictions(
  restrictions: readonly ImportRestriction[],
): { restrictions: Restriction[] } | { skip: string } {
  const result: Restriction[] = [];
  for (const restriction of restrictions) {
    const start = minutesOf(restriction.startTime);
    if (start === null || restriction.durationSeconds % 60 !== 0) {
      return { skip: `a restriction starting at ${restriction.startTime} is not on a whole minute` };
    }
    const duration = restriction.durationSeconds / 60;
    if (restriction.kind === 'daily') {
      result.push({
        days: [...WEEKDAYS],
        start: clock(start),
        end: clock(start + Math.min(duration, DAY_MINUTES)),
      });
      continue;
    }
    if (restriction.startDay === undefined) return { skip: 'a weekly restriction has no start day' };
    for (let offset = 0; offset < duration; offset += DAY_MINUTES) {
      const day = WEEKDAYS[(restriction.startDay - 1 + offset / DAY_MINUTES) % 7];
      if (day === undefined) return { skip: `restriction start day ${restriction.startDay} is not 1–7` };
      const length = Math.min(DAY_MINUTES, duration - offset);
      result.push({ days: [day], start: clock(start), end: clock(start + length) });
    }
  }
  return { restrictions: result };
}
