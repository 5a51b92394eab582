import { describe, expect, it } from 'vitest';
import { coverageGaps, cutAtWindow, finalSchedule, onCallAt } from './schedule.js';
import type { Schedule, Shift } from './schedule-types.js';
import { zonedToInstant } from './zoned.js';

const HOUR = 3_600_000;
const at = (text: string): number => Date.parse(text);

/** A small seeded generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Three layers of every rotation kind, restrictions (one past midnight) and overlapping overrides. */
function busySchedule(timeZone: string, around: string): Schedule {
  const base = zonedToInstant(around, '00:00', timeZone);
  return {
    timeZone,
    layers: [
      {
        participants: [1, 2, 3],
        rotation: { kind: 'weekly' },
        handoffTime: '10:00',
        startDate: '2026-01-05',
      },
      {
        participants: [4, 5],
        rotation: { kind: 'daily' },
        handoffTime: '02:30',
        startDate: '2026-02-01',
        restrictions: [
          { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
          { days: ['sat'], start: '22:00', end: '06:00' },
        ],
      },
      {
        participants: [6, 7, 8],
        rotation: { kind: 'custom', shiftHours: 12 },
        handoffTime: '08:00',
        startDate: '2026-03-01',
        restrictions: [{ days: ['sun'], start: '01:00', end: '04:00' }],
      },
    ],
    overrides: [
      { userId: 20, start: base + 30 * HOUR, end: base + 40 * HOUR },
      { userId: 21, start: base + 35 * HOUR, end: base + 36 * HOUR },
      { userId: 4, start: base + 100 * HOUR, end: base + 130 * HOUR },
    ],
  };
}

function expectWellFormed(shifts: Shift[], from: number, to: number): void {
  shifts.forEach((shift, index) => {
    expect(shift.start).toBeLessThan(shift.end);
    expect(shift.start).toBeGreaterThanOrEqual(from);
    expect(shift.end).toBeLessThanOrEqual(to);
    const previous = shifts[index - 1];
    if (!previous) return;
    expect(shift.start).toBeGreaterThanOrEqual(previous.end);
    const isContinuation =
      previous.end === shift.start && previous.userId === shift.userId && previous.source === shift.source;
    expect(isContinuation, 'adjacent identical shifts are merged').toBe(false);
  });
}

describe('finalSchedule', () => {
  it.each([
    ['Europe/Warsaw', '2026-03-16', 1],
    ['Europe/Warsaw', '2026-10-12', 2],
    ['America/New_York', '2026-02-23', 3],
    ['America/New_York', '2026-10-19', 4],
  ])('in %s for 4 weeks from %s agrees with onCallAt at 500 random instants', (zone, around, seed) => {
    const schedule = busySchedule(zone, around);
    const from = zonedToInstant(around, '00:00', zone);
    const to = from + 28 * 24 * HOUR;
    const shifts = finalSchedule(schedule, from, to);
    expectWellFormed(shifts, from, to);
    expect(new Set(shifts.map((shift) => shift.source))).toEqual(new Set([0, 1, 2, 'override']));
    const next = random(seed);
    const instants = Array.from({ length: 500 }, () => from + Math.floor(next() * (to - from)));
    // Boundaries are where off-by-one mistakes live: probe each shift's first and last millisecond too.
    instants.push(
      ...shifts.flatMap((shift) => [shift.start, shift.end - 1, shift.end]).filter((t) => t < to),
    );
    for (const instant of instants) {
      const covering = shifts.find((shift) => shift.start <= instant && instant < shift.end);
      expect(onCallAt(schedule, instant), new Date(instant).toISOString()).toEqual({
        userId: covering?.userId ?? null,
        layer: covering?.source ?? null,
      });
    }
  });

  it('does not depend on the window it is asked for', () => {
    const schedule = busySchedule('Europe/Warsaw', '2026-10-12');
    const from = at('2026-10-12T00:00+02:00');
    const middle = at('2026-10-25T02:30+01:00');
    const to = at('2026-11-09T00:00+01:00');
    const whole = finalSchedule(schedule, from, to);
    const halves = [...finalSchedule(schedule, from, middle), ...finalSchedule(schedule, middle, to)];
    // Stitching the halves back together at `middle` gives the same schedule.
    const stitched = halves.reduce<Shift[]>((merged, shift) => {
      const last = merged.at(-1);
      if (last?.end === shift.start && last.userId === shift.userId && last.source === shift.source) {
        return [...merged.slice(0, -1), { ...last, end: shift.end }];
      }
      return [...merged, shift];
    }, []);
    expect(stitched).toEqual(whole);
  });

  it.each([
    ['Europe/Warsaw', '2026-03-22', '2026-04-05', 14 * 24 - 1],
    ['Europe/Warsaw', '2026-10-18', '2026-11-01', 14 * 24 + 1],
    ['America/New_York', '2026-03-01', '2026-03-15', 14 * 24 - 1],
    ['America/New_York', '2026-10-25', '2026-11-08', 14 * 24 + 1],
  ])(
    'a two-week preview in %s from %s has no gap and no overlap across the change',
    (zone, first, last, hours) => {
      const schedule: Schedule = {
        timeZone: zone,
        layers: [
          {
            participants: [1, 2],
            rotation: { kind: 'daily' },
            handoffTime: '09:00',
            startDate: '2026-01-01',
          },
        ],
        overrides: [],
      };
      const from = zonedToInstant(first, '00:00', zone);
      const to = zonedToInstant(last, '00:00', zone);
      const shifts = finalSchedule(schedule, from, to);
      expectWellFormed(shifts, from, to);
      expect(coverageGaps(shifts, from, to)).toEqual([]);
      expect(shifts.reduce((sum, shift) => sum + (shift.end - shift.start), 0)).toBe(hours * HOUR);
      expect(shifts).toHaveLength(15);
    },
  );

  it('merges a single participant into one shift and renders nothing for an empty window', () => {
    const solo: Schedule = {
      timeZone: 'Europe/Warsaw',
      layers: [
        { participants: [1], rotation: { kind: 'daily' }, handoffTime: '09:00', startDate: '2026-01-01' },
      ],
      overrides: [],
    };
    const from = at('2026-03-20T00:00Z');
    const to = at('2026-04-10T00:00Z');
    expect(finalSchedule(solo, from, to)).toEqual([{ userId: 1, start: from, end: to, source: 0 }]);
    expect(finalSchedule(solo, to, from)).toEqual([]);
    expect(() => finalSchedule(solo, Number.NaN, to)).toThrow(/epoch milliseconds/);
  });
});

describe('cutAtWindow', () => {
  const weekly: Schedule = {
    timeZone: 'UTC',
    layers: [
      { participants: [1, 2], rotation: { kind: 'weekly' }, handoffTime: '09:00', startDate: '2026-01-05' },
    ],
    overrides: [],
  };

  it('says the first shift began before the window and the last goes on after it', () => {
    // Handoffs on Mondays 09:00 UTC; a window from Wednesday to Wednesday cuts both ends.
    const from = at('2026-01-07T00:00:00Z');
    const to = at('2026-01-14T00:00:00Z');
    const shifts = finalSchedule(weekly, from, to);
    expect(shifts.map((s) => s.userId)).toEqual([1, 2]);
    expect(cutAtWindow(weekly, shifts, from, to)).toEqual({ continuesBefore: true, continuesAfter: true });
  });

  it('says nothing is cut when the window starts and ends at handoffs', () => {
    const from = at('2026-01-05T09:00:00Z');
    const to = at('2026-01-19T09:00:00Z');
    const shifts = finalSchedule(weekly, from, to);
    expect(cutAtWindow(weekly, shifts, from, to)).toEqual({ continuesBefore: false, continuesAfter: false });
  });

  it('tells an override apart from the layer shift of the same person', () => {
    const from = at('2026-01-07T00:00:00Z');
    const to = at('2026-01-08T00:00:00Z');
    const overridden: Schedule = {
      ...weekly,
      overrides: [{ userId: 1, start: from, end: at('2026-01-07T06:00:00Z') }],
    };
    const shifts = finalSchedule(overridden, from, to);
    expect(shifts.map((s) => s.source)).toEqual(['override', 0]);
    expect(cutAtWindow(overridden, shifts, from, to)).toEqual({
      continuesBefore: false,
      continuesAfter: true,
    });
  });
});
