import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeOpsgenie, startFakeOpsgenie } from '../../../../test/support/fakes/opsgenie-api.js';
import { opsgenieAccount } from '../../../../test/support/fakes/opsgenie-fixtures.js';
import { OpsgenieApiError, OpsgenieClient, retryDelayMs } from './opsgenie-client.js';
import { toImportPolicy, toRestrictions } from './opsgenie-mapping.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('Opsgenie REST client', () => {
  let fake: FakeOpsgenie;
  const waits: number[] = [];
  beforeEach(async () => {
    waits.length = 0;
    fake = await startFakeOpsgenie(opsgenieAccount(NOW), () => NOW);
  });
  afterEach(async () => {
    await fake.close();
  });

  const client = (apiKey = fake.apiKey) =>
    new OpsgenieClient({
      apiKey,
      apiUrl: fake.url,
      pageSize: 2,
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });

  it('follows paging.next to the last page, after waiting out a 429 as Retry-After asks', async () => {
    const users = await client().list<{ id: string }>('/v2/users', { expand: 'contact' }, true);
    expect(users.map((u) => u.id)).toEqual(['u-ana', 'u-ben', 'u-cy', 'u-dee', 'u-eve']);
    expect(fake.rateLimited).toBe(1);
    expect(waits).toEqual([1000]);
    expect(fake.requests).toEqual([
      '/v2/users?expand=contact&limit=2&offset=0',
      '/v2/users?expand=contact&limit=2&offset=0',
      '/v2/users?expand=contact&limit=2&offset=2',
      '/v2/users?expand=contact&limit=2&offset=4',
    ]);
  });

  it('refuses a key not sent as GenieKey, and reports a refused key and an undocumented parameter with Opsgenie’s own message', async () => {
    await client().list('/v2/teams');
    const refused = client('wrong').list('/v2/teams');
    await expect(refused).rejects.toBeInstanceOf(OpsgenieApiError);
    await expect(refused).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('Could not authenticate'),
    });
    for (const authorization of [`Bearer ${fake.apiKey}`, fake.apiKey, `GenieKey=${fake.apiKey}`]) {
      const reply = await fetch(`${fake.url}/v2/teams`, { headers: { authorization } });
      expect(reply.status, authorization).toBe(401);
    }
    await expect(client().list('/v2/teams', { limit: '5' })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('limit: is not a parameter'),
    });
  });

  it('says when Opsgenie cannot be reached', async () => {
    const gone = new OpsgenieClient({ apiKey: 'k', apiUrl: 'http://127.0.0.1:9' });
    await expect(gone.get('/v2/users')).rejects.toMatchObject({
      status: null,
      message: expect.stringContaining('cannot reach'),
    });
  });

  it('waits as long as Retry-After (seconds or a date) or the rate-limit period says', () => {
    expect(retryDelayMs(new Headers({ 'retry-after': '3' }), NOW)).toBe(3000);
    expect(retryDelayMs(new Headers({ 'retry-after': new Date(NOW + 5000).toUTCString() }), NOW)).toBe(5000);
    expect(retryDelayMs(new Headers({ 'x-ratelimit-period-in-sec': '60' }), NOW)).toBe(60_000);
    expect(retryDelayMs(new Headers(), NOW)).toBe(1000);
  });
});

describe('Opsgenie mapping', () => {
  const account = opsgenieAccount(NOW);

  it('turns restrictions into local windows: wrapping days, weekends, whole days', () => {
    const after = account.schedules[0]?.rotations?.[1];
    const eu = account.schedules[1]?.rotations?.[0];
    if (!after || !eu) throw new Error('fixture has no rotations');
    expect(toRestrictions(eu)).toEqual([
      { kind: 'daily', startTime: '08:00:00', durationSeconds: 12 * 3600 },
    ]);
    const windows = toRestrictions(after);
    expect(Array.isArray(windows) && windows.at(-1)).toEqual({
      kind: 'weekly',
      startDay: 5,
      startTime: '17:00:00',
      durationSeconds: (2 * 24 + 16) * 3600,
    });
    const whole = {
      ...eu,
      timeRestriction: {
        type: 'time-of-day' as const,
        restriction: { startHour: 9, startMin: 0, endHour: 9, endMin: 0 },
      },
    };
    expect(toRestrictions(whole)).toEqual([
      { kind: 'daily', startTime: '09:00:00', durationSeconds: 86_400 },
    ]);
  });

  it('turns delays counted from the alert into waits between steps, rules of one delay together', () => {
    const escalation = account.escalations[0];
    if (!escalation) throw new Error('fixture has no escalation');
    const { policy, notes } = toImportPolicy(escalation);
    expect(policy.steps).toEqual([
      { delayMinutes: 15, targets: [{ kind: 'schedule', sourceId: 's-ny' }] },
      {
        delayMinutes: 25,
        targets: [
          { kind: 'user', sourceId: 'u-ana' },
          { kind: 'schedule', sourceId: 's-sun' },
        ],
      },
      { delayMinutes: 10, targets: [{ kind: 'team', sourceId: 't-platform' }] },
    ]);
    expect(policy.repeatCount).toBe(2);
    expect(notes).toEqual([]);
    const late = toImportPolicy({
      ...escalation,
      repeat: undefined,
      rules: escalation.rules.map((r) => ({ ...r, delay: { timeAmount: r.delay.timeAmount + 5 } })),
    });
    expect(late.notes).toEqual([expect.stringContaining('waits 5 minutes before its first rule')]);
    expect(late.policy.steps.at(-1)?.delayMinutes).toBe(1);
    expect(toImportPolicy(account.escalations[1] ?? escalation).policy.unsupported).toEqual([
      expect.stringContaining('next on-call'),
    ]);
  });
});
