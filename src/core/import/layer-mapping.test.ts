import { describe, expect, it } from 'vitest';
import type { ImportLayer } from '../schemas/import.js';
import { toBeaconLayer } from './layer-mapping.js';
import { toBeaconRestrictions } from './restrictions.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const ids: Record<string, number> = { A: 1, B: 2, C: 3 };
const userIdOf = (id: string) => ids[id];

function layer(changes: Partial<ImportLayer>): ImportLayer {
  return {
    name: 'L',
    start: '2026-01-05T09:00:00-05:00',
    end: null,
    rotationStart: '2026-01-05T09:00:00-05:00',
    turn: { unit: 'days', length: 7 },
    userSourceIds: ['A', 'B', 'C'],
    restrictions: [],
    ...changes,
  };
}

describe('a source layer as a Beacon layer', () => {
  it('keeps a weekly rotation, starting at the turn in force when the layer starts', () => {
    // Two turns after the rotation start: C's turn, so C comes first.
    const mapped = toBeaconLayer(
      layer({ start: '2026-01-20T10:00:00-05:00' }),
      'America/New_York',
      userIdOf,
      NOW,
    );
    expect(mapped).toEqual({
      layer: {
        participants: [3, 1, 2],
        rotation: { kind: 'weekly' },
        handoffTime: '09:00',
        startDate: '2026-01-19',
      },
      notes: [],
    });
  });

  it('writes a turn of 14 days as a weekly rotation with each person twice, and 3 days as daily thrice', () => {
    const fortnight = toBeaconLayer(
      layer({ turn: { unit: 'days', length: 14 }, userSourceIds: ['A', 'B'] }),
      'UTC',
      userIdOf,
      NOW,
    );
    expect(fortnight).toMatchObject({ layer: { participants: [1, 1, 2, 2], rotation: { kind: 'weekly' } } });
    const three = toBeaconLayer(
      layer({ turn: { unit: 'days', length: 3 }, userSourceIds: ['A', 'B'] }),
      'UTC',
      userIdOf,
      NOW,
    );
    expect(three).toMatchObject({ layer: { participants: [1, 1, 1, 2, 2, 2], rotation: { kind: 'daily' } } });
  });

  it('keeps hour turns as real hours, and says why a layer cannot be taken', () => {
    const halves = toBeaconLayer(
      layer({ turn: { unit: 'hours', length: 12 } }),
      'Europe/London',
      userIdOf,
      NOW,
    );
    expect(halves).toMatchObject({
      layer: { rotation: { kind: 'custom', shiftHours: 12 }, handoffTime: '14:00' },
    });
    expect(toBeaconLayer(layer({ userSourceIds: ['A', 'X'] }), 'UTC', userIdOf, NOW)).toEqual({
      skip: 'layer "L" has user X, who is not imported',
    });
    expect(toBeaconLayer(layer({ end: '2026-02-01T00:00:00Z' }), 'UTC', userIdOf, NOW)).toMatchObject({
      skip: expect.stringContaining('history only'),
    });
    const many = layer({ turn: { unit: 'days', length: 50 } });
    expect(toBeaconLayer(many, 'UTC', userIdOf, NOW)).toMatchObject({
      skip: expect.stringContaining('100 turns'),
    });
  });

  it('notes a future start in the middle of a turn and an end away from a handoff', () => {
    const mapped = toBeaconLayer(
      layer({ start: '2026-03-04T12:00:00-05:00', end: '2026-04-01T12:00:00-04:00' }),
      'America/New_York',
      userIdOf,
      NOW,
    );
    expect(mapped).toMatchObject({ layer: { startDate: '2026-03-02', endDate: '2026-04-02' } });
    expect('notes' in mapped && mapped.notes).toEqual([
      'layer "L" starts mid-turn at 2026-03-04T12:00:00-05:00; Beacon starts it at that turn\'s handoff',
      'layer "L" ends at 2026-04-01T12:00:00-04:00; Beacon ends it at the handoff on 2026-04-02',
    ]);
  });
});

describe('restrictions', () => {
  it('cuts a weekly window longer than a day into days that join up, and keeps daily windows', () => {
    expect(
      toBeaconRestrictions([
        { kind: 'weekly', startDay: 5, startTime: '17:00:00', durationSeconds: 64 * 3600 },
        { kind: 'daily', startTime: '22:00:00', durationSeconds: 10 * 3600 },
      ]),
    ).toEqual({
      restrictions: [
        { days: ['fri'], start: '17:00', end: '17:00' },
        { days: ['sat'], start: '17:00', end: '17:00' },
        { days: ['sun'], start: '17:00', end: '09:00' },
        { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '22:00', end: '08:00' },
      ],
    });
    expect(
      toBeaconRestrictions([{ kind: 'daily', startTime: '09:00:30', durationSeconds: 60 }]),
    ).toMatchObject({
      skip: expect.stringContaining('whole minute'),
    });
  });
});
