import { describe, expect, it } from 'vitest';
import { localMoment, localMomentsIn } from './working-hours.js';

describe('localMomentsIn', () => {
  it('agrees with the zone database every quarter hour across both daylight-saving changes', () => {
    const from = Date.parse('2026-03-01T00:00:00Z');
    const to = Date.parse('2026-11-10T00:00:00Z');
    for (const zone of ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC']) {
      const fast = localMomentsIn(zone);
      const mismatches: string[] = [];
      for (let ms = from; ms < to; ms += 15 * 60_000) {
        const [expected, actual] = [localMoment(ms, zone), fast(ms)];
        if (expected.weekday !== actual.weekday || expected.minuteOfDay !== actual.minuteOfDay)
          mismatches.push(`${zone} ${new Date(ms).toISOString()}`);
      }
      expect(mismatches).toEqual([]);
    }
  });

  it('gives the local weekday and minute', () => {
    // Tue 3 Feb 2026 15:00 UTC is 10:00 in New York.
    expect(localMomentsIn('America/New_York')(Date.parse('2026-02-03T15:00:00Z'))).toEqual({
      weekday: 1,
      minuteOfDay: 600,
    });
    // Sun 1 Feb 2026 20:00 UTC is Mon 01:30 in Kolkata.
    expect(localMomentsIn('Asia/Kolkata')(Date.parse('2026-02-01T20:00:00Z'))).toEqual({
      weekday: 0,
      minuteOfDay: 90,
    });
  });
});
