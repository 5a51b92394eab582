import { describe, expect, it } from 'vitest';
import { layerShifts } from './layer-shifts.js';
import type { Layer, Schedule, Shift } from './schedule-types.js';

const HOUR = 3_600_000;
const at = (text: string): number => Date.parse(text);
const iso = (text: string): string => new Date(text).toISOString();

function oneLayer(timeZone: string, layer: Partial<Layer>): Schedule {
  const defaults: Layer = {
    participants: [1, 2, 3],
    rotation: { kind: 'daily' },
    handoffTime: '09:00',
    startDate: '2026-01-01',
  };
  return { timeZone, layers: [{ ...defaults, ...layer }], overrides: [] };
}

/** Shifts as [user, start, end] with ISO instants, for exact comparison. */
const rows = (shifts: Shift[]): [number, string, string][] =>
  shifts.map((shift) => [
    shift.userId,
    new Date(shift.start).toISOString(),
    new Date(shift.end).toISOString(),
  ]);
const hours = (shifts: Shift[]): number[] => shifts.map((shift) => (shift.end - shift.start) / HOUR);
const handoffs = (shifts: Shift[]): string[] => shifts.map((shift) => new Date(shift.start).toISOString());

describe('daily rotation across DST', () => {
  it.each([
    {
      change: 'Warsaw spring forward',
      zone: 'Europe/Warsaw',
      startDate: '2026-03-27',
      handoffs: [
        '2026-03-27T09:00+01:00',
        '2026-03-28T09:00+01:00',
        '2026-03-29T09:00+02:00',
        '2026-03-30T09:00+02:00',
      ],
      hours: [24, 23, 24],
    },
    {
      change: 'Warsaw fall back',
      zone: 'Europe/Warsaw',
      startDate: '2026-10-23',
      handoffs: [
        '2026-10-23T09:00+02:00',
        '2026-10-24T09:00+02:00',
        '2026-10-25T09:00+01:00',
        '2026-10-26T09:00+01:00',
      ],
      hours: [24, 25, 24],
    },
    {
      change: 'New York spring forward',
      zone: 'America/New_York',
      startDate: '2026-03-06',
      handoffs: [
        '2026-03-06T09:00-05:00',
        '2026-03-07T09:00-05:00',
        '2026-03-08T09:00-04:00',
        '2026-03-09T09:00-04:00',
      ],
      hours: [24, 23, 24],
    },
    {
      change: 'New York fall back',
      zone: 'America/New_York',
      startDate: '2026-10-30',
      handoffs: [
        '2026-10-30T09:00-04:00',
        '2026-10-31T09:00-04:00',
        '2026-11-01T09:00-05:00',
        '2026-11-02T09:00-05:00',
      ],
      hours: [24, 25, 24],
    },
  ])('$change: hands off at 09:00 local on both sides', (c) => {
    const schedule = oneLayer(c.zone, { startDate: c.startDate });
    const shifts = layerShifts(schedule, 0, at(c.handoffs[0]!), at(c.handoffs[3]!));
    expect(rows(shifts)).toEqual([
      [1, iso(c.handoffs[0]!), iso(c.handoffs[1]!)],
      [2, iso(c.handoffs[1]!), iso(c.handoffs[2]!)],
      [3, iso(c.handoffs[2]!), iso(c.handoffs[3]!)],
    ]);
    expect(hours(shifts)).toEqual(c.hours);
  });

  it.each([
    [
      'Europe/Warsaw',
      '2026-03-28',
      ['2026-03-28T02:30+01:00', '2026-03-29T03:00+02:00', '2026-03-30T02:30+02:00'],
    ],
    [
      'America/New_York',
      '2026-03-07',
      ['2026-03-07T02:30-05:00', '2026-03-08T03:00-04:00', '2026-03-09T02:30-04:00'],
    ],
  ])(
    '%s: a 02:30 handoff on the spring-forward day (nonexistent) happens at 03:00',
    (zone, startDate, expected) => {
      const schedule = oneLayer(zone, { startDate, handoffTime: '02:30' });
      const shifts = layerShifts(schedule, 0, at(expected[0]!), at(expected[2]!) + 1);
      expect(handoffs(shifts)).toEqual(expected.map(iso));
      expect(hours(shifts).slice(0, 2)).toEqual([23.5, 23.5]);
    },
  );

  it('New York: a 01:30 handoff on the fall-back day (ambiguous) takes the first occurrence, EDT', () => {
    const schedule = oneLayer('America/New_York', { startDate: '2026-10-31', handoffTime: '01:30' });
    const shifts = layerShifts(schedule, 0, at('2026-10-31T01:30-04:00'), at('2026-11-02T01:30-05:00'));
    expect(handoffs(shifts)).toEqual([iso('2026-10-31T01:30-04:00'), iso('2026-11-01T01:30-04:00')]);
    expect(hours(shifts)).toEqual([24, 25]);
  });
});

describe('weekly and custom rotations across DST', () => {
  it('weekly: Monday 09:00 local handoffs either side of the Warsaw spring change (167 h week)', () => {
    const schedule = oneLayer('Europe/Warsaw', { rotation: { kind: 'weekly' }, startDate: '2026-03-23' });
    const shifts = layerShifts(schedule, 0, at('2026-03-23T09:00+01:00'), at('2026-04-13T09:00+02:00'));
    expect(rows(shifts)).toEqual([
      [1, iso('2026-03-23T09:00+01:00'), iso('2026-03-30T09:00+02:00')],
      [2, iso('2026-03-30T09:00+02:00'), iso('2026-04-06T09:00+02:00')],
      [3, iso('2026-04-06T09:00+02:00'), iso('2026-04-13T09:00+02:00')],
    ]);
    expect(hours(shifts)).toEqual([167, 168, 168]);
  });

  it('weekly: a 169-hour week over the New York fall-back change', () => {
    const schedule = oneLayer('America/New_York', { rotation: { kind: 'weekly' }, startDate: '2026-10-26' });
    const shifts = layerShifts(schedule, 0, at('2026-10-26T09:00-04:00'), at('2026-11-09T09:00-05:00'));
    expect(handoffs(shifts)).toEqual([iso('2026-10-26T09:00-04:00'), iso('2026-11-02T09:00-05:00')]);
    expect(hours(shifts)).toEqual([169, 168]);
  });

  it.each([
    [
      'Europe/Warsaw',
      '2026-03-28',
      [
        '2026-03-28T09:00+01:00',
        '2026-03-28T21:00+01:00',
        '2026-03-29T10:00+02:00',
        '2026-03-29T22:00+02:00',
      ],
    ],
    [
      'America/New_York',
      '2026-10-31',
      [
        '2026-10-31T09:00-04:00',
        '2026-10-31T21:00-04:00',
        '2026-11-01T08:00-05:00',
        '2026-11-01T20:00-05:00',
      ],
    ],
  ])(
    'custom 12 h in %s keeps 12 real hours, so the local handoff time moves',
    (zone, startDate, expected) => {
      const schedule = oneLayer(zone, { rotation: { kind: 'custom', shiftHours: 12 }, startDate });
      const shifts = layerShifts(schedule, 0, at(expected[0]!), at(expected[3]!) + 12 * HOUR);
      expect(handoffs(shifts)).toEqual(expected.map(iso));
      expect(hours(shifts)).toEqual([12, 12, 12, 12]);
      expect(shifts.map((shift) => shift.userId)).toEqual([1, 2, 3, 1]);
    },
  );
});

describe('rotation bounds', () => {
  it('nobody is on call before startDate or from endDate at the handoff time', () => {
    const schedule = oneLayer('Europe/Warsaw', { startDate: '2026-04-01', endDate: '2026-04-03' });
    const shifts = layerShifts(schedule, 0, at('2026-03-30T00:00+02:00'), at('2026-04-05T00:00+02:00'));
    expect(rows(shifts)).toEqual([
      [1, iso('2026-04-01T09:00+02:00'), iso('2026-04-02T09:00+02:00')],
      [2, iso('2026-04-02T09:00+02:00'), iso('2026-04-03T09:00+02:00')],
    ]);
  });

  it('clips shifts to the window and keeps the rotation order years later', () => {
    const schedule = oneLayer('Europe/Warsaw', { startDate: '2026-01-01' });
    // 2026-01-01 → 2029-01-01 is 1096 local days; 1096 mod 3 = 1 → the second participant.
    const shifts = layerShifts(schedule, 0, at('2029-01-01T12:00+01:00'), at('2029-01-01T13:00+01:00'));
    expect(rows(shifts)).toEqual([[2, iso('2029-01-01T12:00+01:00'), iso('2029-01-01T13:00+01:00')]]);
  });

  it('rejects a missing layer and bad layer fields', () => {
    const good = oneLayer('Europe/Warsaw', {});
    expect(() => layerShifts(good, 1, 0, HOUR)).toThrow(/no layer 1/);
    expect(() => layerShifts(oneLayer('Europe/Warsaw', { participants: [] }), 0, 0, HOUR)).toThrow(
      /participants: must not be empty/,
    );
    expect(() => layerShifts(oneLayer('Europe/Warsaw', { handoffTime: '9am' }), 0, 0, HOUR)).toThrow(
      /handoffTime/,
    );
    for (const shiftHours of [0, -12, Number.NaN]) {
      const bad = oneLayer('Europe/Warsaw', { rotation: { kind: 'custom', shiftHours } });
      expect(() => layerShifts(bad, 0, 0, HOUR)).toThrow(/shiftHours/);
    }
    expect(() => layerShifts(oneLayer('Europe/Warsaw', { endDate: '2025-12-31' }), 0, 0, HOUR)).toThrow(
      /endDate: must be after startDate/,
    );
    expect(() => layerShifts(oneLayer('Nowhere/City', {}), 0, 0, HOUR)).toThrow(/unknown IANA time zone/);
  });
});
