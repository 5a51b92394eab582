import { describe, expect, it } from 'vitest';
import { checkOutages, incidentOutages, uptimeDays } from './uptime.js';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('uptimeDays', () => {
  it('cuts days at local midnight, 23 and 25 hours long on DST change days', () => {
    // Berlin springs forward on 2026-03-29 (23 h) and falls back on 2026-10-25 (25 h).
    const spring = uptimeDays({
      now: at('2026-03-30T12:00:00Z'),
      timeZone: 'Europe/Berlin',
      measuredFrom: 0,
      days: 3,
      // 23:00 local on the 28th (22:00Z) to 01:00 local on the 29th (00:00Z): an hour each side.
      outages: [{ start: at('2026-03-28T22:00:00Z'), end: at('2026-03-29T00:00:00Z'), level: 'major' }],
    });
    expect(spring.map((d) => d.date)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(spring[0]).toMatchObject({ majorOutageMs: HOUR, uptime: 1 - 1 / 24 });
    expect(spring[1]).toMatchObject({ majorOutageMs: HOUR, uptime: 1 - 1 / 23 });
    // Today counts up to now: 12:00Z is 14:00 local, 14 hours measured.
    expect(spring[2]).toMatchObject({ majorOutageMs: 0, uptime: 1 });

    const autumn = uptimeDays({
      now: at('2026-10-26T12:00:00Z'),
      timeZone: 'Europe/Berlin',
      measuredFrom: 0,
      days: 2,
      outages: [{ start: at('2026-10-25T10:00:00Z'), end: at('2026-10-25T15:00:00Z'), level: 'partial' }],
    });
    expect(autumn[0]).toMatchObject({ date: '2026-10-25', partialOutageMs: 5 * HOUR, uptime: 1 - 5 / 25 });
  });

  it('counts overlapping partial and major time once, as major, and nothing before measuring began', () => {
    const days = uptimeDays({
      now: at('2026-06-02T06:00:00Z'),
      timeZone: 'UTC',
      measuredFrom: at('2026-06-01T12:00:00Z'),
      days: 3,
      outages: [
        { start: at('2026-06-01T13:00:00Z'), end: at('2026-06-01T16:00:00Z'), level: 'partial' },
        { start: at('2026-06-01T14:00:00Z'), end: at('2026-06-01T15:00:00Z'), level: 'major' },
        { start: at('2026-06-01T15:30:00Z'), end: at('2026-06-01T17:00:00Z'), level: 'partial' },
      ],
    });
    expect(days[0]).toEqual({ date: '2026-05-31', uptime: null, partialOutageMs: 0, majorOutageMs: 0 });
    expect(days[1]).toMatchObject({ date: '2026-06-01', majorOutageMs: HOUR, partialOutageMs: 3 * HOUR });
    expect(days[1]?.uptime).toBeCloseTo(1 - 4 / 12);
    expect(days[2]).toMatchObject({ date: '2026-06-02', uptime: 1 });
  });
});

describe('incidentOutages', () => {
  it('runs from the update that sets an outage to the next that changes it or resolves', () => {
    const named = (id: number, status: 'major_outage' | 'partial_outage' | 'operational') =>
      new Map([[id, status]]);
    const updates = [
      { at: 100, status: 'investigating' as const, components: named(1, 'major_outage') },
      { at: 200, status: 'identified' as const, components: new Map() },
      { at: 300, status: 'monitoring' as const, components: named(1, 'partial_outage') },
      { at: 400, status: 'resolved' as const, components: new Map() },
    ];
    expect(incidentOutages(updates, 1, 1000)).toEqual([
      { start: 100, end: 300, level: 'major' },
      { start: 300, end: 400, level: 'partial' },
    ]);
    expect(incidentOutages(updates, 2, 1000)).toEqual([]);
    // Not publicly resolved yet: the outage lasts until now.
    expect(incidentOutages(updates.slice(0, 2), 1, 1000)).toEqual([
      { start: 100, end: 1000, level: 'major' },
    ]);
  });
});

describe('checkOutages', () => {
  it('is partial while some of a service checks are down and major while all are', () => {
    const a = {
      changes: [
        { at: 0, isUp: true },
        { at: 100, isUp: false },
        { at: 400, isUp: true },
      ],
      isActive: true,
      lastAt: 900,
    };
    const b = {
      changes: [
        { at: 0, isUp: true },
        { at: 200, isUp: false },
      ],
      isActive: true,
      lastAt: 900,
    };
    expect(checkOutages([a, b], 1000)).toEqual([
      { start: 100, end: 200, level: 'partial' },
      { start: 200, end: 400, level: 'major' },
      { start: 400, end: 1000, level: 'partial' },
    ]);
    // A paused check that was down at its last result stops counting there.
    expect(checkOutages([{ ...b, isActive: false }], 1000)).toEqual([
      { start: 200, end: 900, level: 'major' },
    ]);
  });
});
