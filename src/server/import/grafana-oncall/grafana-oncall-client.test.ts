import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeGrafanaOnCall,
  startFakeGrafanaOnCall,
} from '../../../../test/support/fakes/grafana-oncall-api.js';
import { grafanaOnCallAccount } from '../../../../test/support/fakes/grafana-oncall-fixtures.js';
import { GrafanaOnCallApiError, GrafanaOnCallClient } from './grafana-oncall-client.js';
import { toImportPolicy } from './grafana-oncall-mapping.js';
import { shiftToLayer, shiftToOverride } from './grafana-oncall-shifts.js';
import type { GoShift } from './grafana-oncall-types.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('Grafana OnCall REST client', () => {
  let fake: FakeGrafanaOnCall;
  const waits: number[] = [];

  beforeEach(async () => {
    waits.length = 0;
    fake = await startFakeGrafanaOnCall(grafanaOnCallAccount(NOW));
  });
  afterEach(async () => {
    await fake.close();
  });

  const client = (token = fake.token) =>
    new GrafanaOnCallClient({
      token,
      apiUrl: `${fake.url}/`,
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });

  it('follows next to the last page, after waiting out a 429 as Retry-After asks', async () => {
    const users = await client().list<{ id: string }>('/api/v1/users/');
    expect(users.map((u) => u.id)).toEqual(['UANA', 'UBEN', 'UCY', 'UDEE', 'UEVE']);
    expect(fake.rateLimited).toBe(1);
    expect(waits).toEqual([1000]);
    expect(fake.requests).toEqual([
      '/oncall/api/v1/users/',
      '/oncall/api/v1/users/',
      '/oncall/api/v1/users/?page=2',
      '/oncall/api/v1/users/?page=3',
    ]);
  });

  it('sends the raw token, and reports a refused token and an unknown parameter with OnCall’s own message', async () => {
    await client().list('/api/v1/teams/');
    const refused = client(`Bearer ${fake.token}`).list('/api/v1/teams/');
    await expect(refused).rejects.toBeInstanceOf(GrafanaOnCallApiError);
    await expect(refused).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('Invalid token.'),
    });
    await expect(client().list('/api/v1/teams/', { perpage: '5' })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('perpage: Unknown query parameter.'),
    });
    await expect(
      client().list('/api/v1/schedules/SNY/final_shifts', { start_date: '2026-03-01' }),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('end_date'),
    });
  });

  it('takes the API URL with or without /api/v1', async () => {
    const pasted = new GrafanaOnCallClient({
      token: fake.token,
      apiUrl: `${fake.url}/api/v1/`,
      wait: () => Promise.resolve(),
    });
    expect(pasted.apiUrl).toBe(fake.url);
    expect(await pasted.list('/api/v1/teams/')).toHaveLength(2);
  });

  it('says when Grafana OnCall cannot be reached', async () => {
    const gone = new GrafanaOnCallClient({ token: 't', apiUrl: 'http://127.0.0.1:9/oncall' });
    await expect(gone.list('/api/v1/users/')).rejects.toMatchObject({
      status: null,
      message: expect.stringContaining('cannot reach'),
    });
  });
});

describe('Grafana OnCall shifts as layers', () => {
  const base: GoShift = {
    id: 'O1',
    name: 'Rota',
    type: 'rolling_users',
    team_id: null,
    time_zone: null,
    start: '2026-01-05T09:00:00',
    duration: 8 * 3600,
    frequency: 'weekly',
    interval: 1,
    week_start: 'MO',
    by_day: ['MO', 'TU', 'WE', 'TH', 'FR'],
    rolling_users: [['A'], ['B']],
    start_rotation_from_user_index: 1,
  };

  it('turns a weekday rotation into a weekly turn with a window each chosen day, from the chosen first user', () => {
    const layer = shiftToLayer(base, 'America/New_York');
    expect(layer).toMatchObject({
      start: '2026-01-05T14:00:00.000Z',
      turn: { unit: 'days', length: 7 },
      userSourceIds: ['B', 'A'],
    });
    expect(typeof layer !== 'string' && layer.restrictions).toHaveLength(5);
    expect(shiftToLayer({ ...base, by_day: null, frequency: 'daily' }, 'UTC')).toMatchObject({
      turn: { unit: 'days', length: 1 },
      restrictions: [{ kind: 'daily', startTime: '09:00:00', durationSeconds: 8 * 3600 }],
    });
  });

  it('names what Beacon cannot hold', () => {
    expect(shiftToLayer({ ...base, frequency: 'monthly' }, 'UTC')).toContain('repeats monthly');
    expect(shiftToLayer({ ...base, time_zone: 'Asia/Tokyo' }, 'UTC')).toContain('one time zone per schedule');
    expect(shiftToLayer({ ...base, rolling_users: [['A', 'B']] }, 'UTC')).toContain(
      '2 people on call at once',
    );
    expect(shiftToLayer({ ...base, start: '2026-01-06T09:00:00' }, 'UTC')).toContain('first of its week');
    expect(shiftToLayer({ ...base, by_day: null, frequency: 'hourly', interval: 12 }, 'UTC')).toContain(
      'hourly',
    );
    expect(shiftToOverride({ ...base, type: 'override', rolling_users: [['A'], ['B']] }, 'UTC')).toContain(
      '2 people',
    );
  });

  it('adds an override’s duration to the local clock, as OnCall does across DST', () => {
    const override = shiftToOverride(
      { ...base, type: 'override', start: '2026-03-07T12:00:00', duration: 86_400, rolling_users: [['A']] },
      'America/New_York',
    );
    expect(override).toEqual({
      sourceId: 'O1',
      userSourceId: 'A',
      start: '2026-03-07T17:00:00.000Z',
      end: '2026-03-08T16:00:00.000Z',
    });
  });
});

describe('Grafana OnCall chains as policies', () => {
  it('joins the notifications between waits into one step, and names steps Beacon has no counterpart for', () => {
    const account = grafanaOnCallAccount(NOW);
    const [platform, ops] = account.chains;
    if (!platform || !ops) throw new Error('fixture has no chains');
    expect(toImportPolicy(platform, account.policies).policy).toMatchObject({
      repeatCount: 5,
      steps: [
        { delayMinutes: 5, targets: [{ kind: 'schedule', sourceId: 'SNY' }] },
        {
          delayMinutes: 15,
          targets: [
            { kind: 'user', sourceId: 'UANA' },
            { kind: 'user', sourceId: 'UEVE' },
          ],
        },
      ],
      unsupported: [],
    });
    expect(toImportPolicy(ops, account.policies).policy.unsupported).toEqual([
      'step 1 is "notify_person_next_each_time", which Beacon has no step for',
    ]);
  });
});
