import { describe, expect, it } from 'vitest';
import { layerShifts } from './layer-shifts.js';
import { coverageGaps, finalSchedule, nextHandoff, onCallAt } from './schedule.js';
import type { Layer, Override, Schedule, Shift } from './schedule-types.js';

const at = (text: string): number => Date.parse(text);
const iso = (text: string): string => new Date(text).toISOString();
const rows = (shifts: Shift[]): [number, string, string, Shift['source']][] =>
  shifts.map((s) => [s.userId, new Date(s.start).toISOString(), new Date(s.end).toISOString(), s.source]);

const layer = (fields: Partial<Layer>): Layer => ({
  participants: [1],
  rotation: { kind: 'daily' },
  handoffTime: '09:00',
  startDate: '2026-01-01',
  ...fields,
});
const schedule = (layers: Layer[], overrides: Override[] = []): Schedule => ({
  timeZone: 'Europe/Warsaw',
  layers,
  overrides,
});

const allWeek = layer({ participants: [1] });
const businessHours = layer({
  participants: [9],
  restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
});

describe('layers and restrictions', () => {
  it('a weekday 09:00–17:00 layer wins over a 24/7 layer below it, across the spring change', () => {
    const shifts = finalSchedule(
      schedule([allWeek, businessHours]),
      at('2026-03-27T00:00+01:00'),
      at('2026-03-30T12:00+02:00'),
    );
    expect(rows(shifts)).toEqual([
      [1, iso('2026-03-27T00:00+01:00'), iso('2026-03-27T09:00+01:00'), 0],
      [9, iso('2026-03-27T09:00+01:00'), iso('2026-03-27T17:00+01:00'), 1],
      [1, iso('2026-03-27T17:00+01:00'), iso('2026-03-30T09:00+02:00'), 0],
      [9, iso('2026-03-30T09:00+02:00'), iso('2026-03-30T12:00+02:00'), 1],
    ]);
    expect(onCallAt(schedule([allWeek, businessHours]), at('2026-03-30T10:00+02:00'))).toEqual({
      userId: 9,
      layer: 1,
    });
    expect(onCallAt(schedule([allWeek, businessHours]), at('2026-03-28T10:00+01:00'))).toEqual({
      userId: 1,
      layer: 0,
    });
  });

  it('a 22:00–06:00 restriction runs past midnight, split at the rotation handoff, 7 h on the short night', () => {
    const nights = layer({
      participants: [5, 6],
      handoffTime: '00:00',
      startDate: '2026-03-27',
      restrictions: [{ days: ['fri', 'sat'], start: '22:00', end: '06:00' }],
    });
    const shifts = layerShifts(
      schedule([nights]),
      0,
      at('2026-03-27T00:00+01:00'),
      at('2026-03-30T00:00+02:00'),
    );
    expect(rows(shifts)).toEqual([
      [5, iso('2026-03-27T22:00+01:00'), iso('2026-03-28T00:00+01:00'), 0],
      [6, iso('2026-03-28T00:00+01:00'), iso('2026-03-28T06:00+01:00'), 0],
      [6, iso('2026-03-28T22:00+01:00'), iso('2026-03-29T00:00+01:00'), 0],
      [5, iso('2026-03-29T00:00+01:00'), iso('2026-03-29T06:00+02:00'), 0],
    ]);
    // A window that began the day before the query window still counts.
    expect(onCallAt(schedule([nights]), at('2026-03-28T03:00+01:00'))).toEqual({ userId: 6, layer: 0 });
  });

  it('a restriction whose start equals its end lasts a whole day from that time', () => {
    const saturdays = layer({ restrictions: [{ days: ['sat'], start: '12:00', end: '12:00' }] });
    const shifts = finalSchedule(
      schedule([saturdays]),
      at('2026-04-03T00:00+02:00'),
      at('2026-04-06T00:00+02:00'),
    );
    expect(rows(shifts)).toEqual([[1, iso('2026-04-04T12:00+02:00'), iso('2026-04-05T12:00+02:00'), 0]]);
  });

  it('leaves gaps where no layer covers: nobody on call', () => {
    const only = schedule([businessHours]);
    expect(onCallAt(only, at('2026-04-04T10:00+02:00'))).toEqual({ userId: null, layer: null });
    expect(onCallAt(only, at('2026-04-06T17:00+02:00'))).toEqual({ userId: null, layer: null });
    const from = at('2026-04-06T00:00+02:00');
    const to = at('2026-04-08T00:00+02:00');
    const shifts = finalSchedule(only, from, to);
    expect(
      coverageGaps(shifts, from, to).map((gap) =>
        [gap.start, gap.end].map((ms) => new Date(ms).toISOString()),
      ),
    ).toEqual([
      [iso('2026-04-06T00:00+02:00'), iso('2026-04-06T09:00+02:00')],
      [iso('2026-04-06T17:00+02:00'), iso('2026-04-07T09:00+02:00')],
      [iso('2026-04-07T17:00+02:00'), iso('2026-04-08T00:00+02:00')],
    ]);
    expect(onCallAt(schedule([]), at('2026-04-06T10:00+02:00'))).toEqual({ userId: null, layer: null });
  });
});

describe('overrides', () => {
  const rotation = layer({ participants: [1, 2], startDate: '2026-04-06' });

  it('a partial overlap splits the shift it lands in', () => {
    const override = { userId: 7, start: at('2026-04-06T12:00+02:00'), end: at('2026-04-06T15:00+02:00') };
    const shifts = finalSchedule(
      schedule([rotation], [override]),
      at('2026-04-06T09:00+02:00'),
      at('2026-04-08T09:00+02:00'),
    );
    expect(rows(shifts)).toEqual([
      [1, iso('2026-04-06T09:00+02:00'), iso('2026-04-06T12:00+02:00'), 0],
      [7, iso('2026-04-06T12:00+02:00'), iso('2026-04-06T15:00+02:00'), 'override'],
      [1, iso('2026-04-06T15:00+02:00'), iso('2026-04-07T09:00+02:00'), 0],
      [2, iso('2026-04-07T09:00+02:00'), iso('2026-04-08T09:00+02:00'), 0],
    ]);
  });

  it('an override across a handoff delays the next shift; one in a gap fills it', () => {
    const late = { userId: 7, start: at('2026-04-06T20:00+02:00'), end: at('2026-04-07T11:00+02:00') };
    const weekend = { userId: 8, start: at('2026-04-11T10:00+02:00'), end: at('2026-04-11T14:00+02:00') };
    const withLate = schedule([rotation], [late]);
    expect(onCallAt(withLate, at('2026-04-07T10:59+02:00'))).toEqual({ userId: 7, layer: 'override' });
    expect(onCallAt(withLate, at('2026-04-07T11:00+02:00'))).toEqual({ userId: 2, layer: 0 });
    const shifts = finalSchedule(
      schedule([businessHours], [weekend]),
      at('2026-04-11T00:00+02:00'),
      at('2026-04-12T00:00+02:00'),
    );
    expect(rows(shifts)).toEqual([
      [8, iso('2026-04-11T10:00+02:00'), iso('2026-04-11T14:00+02:00'), 'override'],
    ]);
  });

  it('where overrides overlap the later one wins; back-to-back ones of one user merge', () => {
    const first = { userId: 7, start: at('2026-04-06T10:00+02:00'), end: at('2026-04-06T14:00+02:00') };
    const second = { userId: 8, start: at('2026-04-06T12:00+02:00'), end: at('2026-04-06T13:00+02:00') };
    const third = { userId: 7, start: at('2026-04-06T14:00+02:00'), end: at('2026-04-06T16:00+02:00') };
    const shifts = finalSchedule(
      schedule([rotation], [first, second, third]),
      at('2026-04-06T10:00+02:00'),
      at('2026-04-06T17:00+02:00'),
    );
    expect(rows(shifts)).toEqual([
      [7, iso('2026-04-06T10:00+02:00'), iso('2026-04-06T12:00+02:00'), 'override'],
      [8, iso('2026-04-06T12:00+02:00'), iso('2026-04-06T13:00+02:00'), 'override'],
      [7, iso('2026-04-06T13:00+02:00'), iso('2026-04-06T16:00+02:00'), 'override'],
      [1, iso('2026-04-06T16:00+02:00'), iso('2026-04-06T17:00+02:00'), 0],
    ]);
  });

  it('rejects an override that ends at or before its start', () => {
    const backwards = { userId: 7, start: at('2026-04-06T12:00Z'), end: at('2026-04-06T12:00Z') };
    expect(() => onCallAt(schedule([rotation], [backwards]), 0)).toThrow(
      /overrides\[0\]: end must be after start/,
    );
  });
});

describe('nextHandoff', () => {
  it('is the next 09:00 local across the fall-back change', () => {
    const daily = schedule([layer({ participants: [1, 2], startDate: '2026-10-20' })]);
    expect(new Date(nextHandoff(daily, at('2026-10-24T12:00+02:00'))!).toISOString()).toBe(
      iso('2026-10-25T09:00+01:00'),
    );
  });

  it('counts going off call and coming back on, skips handoffs to the same user, and gives up on no change', () => {
    const only = schedule([businessHours]);
    expect(nextHandoff(only, at('2026-04-06T10:00+02:00'))).toBe(at('2026-04-06T17:00+02:00'));
    expect(nextHandoff(only, at('2026-04-10T18:00+02:00'))).toBe(at('2026-04-13T09:00+02:00'));
    const overridden = schedule(
      [allWeek],
      [{ userId: 1, start: at('2026-04-06T00:00Z'), end: at('2026-04-07T00:00Z') }],
    );
    expect(nextHandoff(overridden, at('2026-04-05T00:00Z'))).toBeNull();
  });
});
