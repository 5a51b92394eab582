import { describe, expect, it } from 'vitest';
import { type LinkedIncident, passesFilters, summarizeFollowUpCells } from './follow-up-cells.js';

const DAY = 86_400_000;

describe('follow-up cells', () => {
  const incidents = new Map<number, LinkedIncident>([
    [1, { status: 'resolved', severity: 'SEV1', category: 'outage', serviceIds: [10] }],
    [2, { status: 'resolved', severity: 'SEV2', category: null, serviceIds: [10, 11] }],
    [3, { status: 'declined', severity: 'SEV1', category: 'outage', serviceIds: [11] }],
  ]);
  const teamOf = new Map<number, number | null>([
    [10, 100],
    [11, 100],
  ]);

  it('counts a follow-up once per scope, under the pairs of its counted incidents there', () => {
    const cells = summarizeFollowUpCells(
      [
        { id: 1, state: 'open', dueAt: 5 * DAY + 1, incidentIds: [1, 2, 3] },
        { id: 2, state: 'done', dueAt: 5 * DAY + 2, incidentIds: [] },
      ],
      incidents,
      teamOf,
    );
    const key = (scope: string, scopeId: number) =>
      cells.filter((cell) => cell.scope === scope && cell.scopeId === scopeId);
    expect(key('all', 0)).toEqual([
      {
        day: 5,
        scope: 'all',
        scopeId: 0,
        matches: [
          ['SEV1', 'outage'],
          ['SEV2', ''],
        ],
        open: 1,
        inProgress: 0,
        done: 0,
        wontDo: 0,
      },
      { day: 5, scope: 'all', scopeId: 0, matches: [], open: 0, inProgress: 0, done: 1, wontDo: 0 },
    ]);
    // Service 11: only incident 2 counts there (3 is declined).
    expect(key('service', 11).map((cell) => cell.matches)).toEqual([[['SEV2', '']]]);
    // Team 100 owns both services: one cell, both pairs.
    expect(key('team', 100).map((cell) => [cell.matches.length, cell.open])).toEqual([[2, 1]]);
  });

  it('passes a filter when one pair passes both the severity and the category lists', () => {
    const matches: Array<[string, string]> = [
      ['SEV1', 'outage'],
      ['SEV2', 'security'],
    ];
    expect(passesFilters(matches, ['SEV1'], ['security'])).toBe(false);
    expect(passesFilters(matches, ['SEV1', 'SEV2'], ['security'])).toBe(true);
    expect(passesFilters([], [], [])).toBe(true);
    expect(passesFilters([], ['SEV1'], [])).toBe(false);
  });
});
