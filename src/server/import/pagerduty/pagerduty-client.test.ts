import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakePagerDuty, startFakePagerDuty } from '../../../../test/support/fakes/pagerduty-api.js';
import { pagerDutyAccount } from '../../../../test/support/fakes/pagerduty-fixtures.js';
import { PagerDutyApiError, PagerDutyClient, retryDelayMs } from './pagerduty-client.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('PagerDuty REST client', () => {
  let fake: FakePagerDuty;
  const waits: number[] = [];
  beforeEach(async () => {
    waits.length = 0;
    fake = await startFakePagerDuty(pagerDutyAccount(NOW), () => NOW);
  });
  afterEach(async () => {
    await fake.close();
  });

  const client = (token = fake.token) =>
    new PagerDutyClient({
      token,
      apiUrl: fake.url,
      pageSize: 2,
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });

  it('reads every page of a list, after waiting out a 429 as Retry-After asks', async () => {
    const users = await client().list<{ id: string }>('/users', 'users', {
      'include[]': ['contact_methods'],
    });
    expect(users.map((u) => u.id)).toEqual(['PANA001', 'PBEN002', 'PCY0003', 'PDEE004', 'PEVE005']);
    expect(fake.rateLimited).toBe(1);
    expect(waits).toEqual([1000]);
    expect(fake.requests).toEqual([
      '/users?include%5B%5D=contact_methods&limit=2&offset=0',
      '/users?include%5B%5D=contact_methods&limit=2&offset=0',
      '/users?include%5B%5D=contact_methods&limit=2&offset=2',
      '/users?include%5B%5D=contact_methods&limit=2&offset=4',
    ]);
  });

  it('reports a refused token and an undocumented parameter with PagerDuty’s own message', async () => {
    await client().get('/teams');
    const refused = client('wrong').get('/teams');
    await expect(refused).rejects.toBeInstanceOf(PagerDutyApiError);
    await expect(refused).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('Unauthorized'),
    });
    await expect(client().get('/teams', { include: 'members' })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('Unknown parameter include'),
    });
  });

  it('says when PagerDuty cannot be reached', async () => {
    const gone = new PagerDutyClient({ token: 't', apiUrl: 'http://127.0.0.1:9' });
    await expect(gone.get('/users')).rejects.toMatchObject({
      status: null,
      message: expect.stringContaining('cannot reach'),
    });
  });

  it('waits as long as Retry-After (seconds or a date) or ratelimit-reset says', () => {
    expect(retryDelayMs(new Headers({ 'retry-after': '3' }), NOW)).toBe(3000);
    expect(retryDelayMs(new Headers({ 'retry-after': new Date(NOW + 5000).toUTCString() }), NOW)).toBe(5000);
    expect(retryDelayMs(new Headers({ 'ratelimit-reset': '7' }), NOW)).toBe(7000);
    expect(retryDelayMs(new Headers(), NOW)).toBe(1000);
  });
});
