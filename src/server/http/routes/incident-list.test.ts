import { expect, it } from 'vitest';
import type { IncidentPage } from '../../../core/schemas/incident.js';
import { INCIDENT_SORTS } from '../../../core/schemas/incident.js';
import { type ApiHarness, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  act,
  createService,
  declare,
  expectProblem,
  ok,
} from '../../../../test/support/server/http/api-test-helpers.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-01T12:00:00Z');
const hour = (n: number) => new Date(T0 + n * HOUR).toISOString();

/**
 * Seven incidents declared an hour apart (INC-1 at T0 … INC-7 at T0+6h); then INC-3 is
 * resolved, INC-4 declined and INC-2 renamed, an hour apart each.
 */
async function seed(api: ApiHarness): Promise<{ webId: number }> {
  const web = await createService(api, 'web');
  const incidents = [
    { title: 'Checkout database failover', severity: 'SEV1', summary: 'Primary lost' },
    { title: 'Login latency', severity: 'SEV3', serviceIds: [web.id] },
    { title: 'Payments erroring', severity: 'SEV2', summary: 'Card processor timeouts' },
    { title: 'Search index stale', severity: 'SEV4', status: 'triage' },
    { title: 'Email delays', severity: 'SEV3', status: 'triggered' },
    { title: 'Dashboard blank', severity: 'SEV2', serviceIds: [web.id] },
    { title: 'Databases backups failing', severity: 'SEV3' },
  ];
  for (const [index, body] of incidents.entries()) {
    if (index > 0) api.clock.advance(HOUR);
    await declare(api, body);
  }
  api.clock.advance(HOUR);
  ok(await act(api, 'INC-3', 'resolve', { resolutionSummary: 'Processor recovered' }));
  api.clock.advance(HOUR);
  ok(await act(api, 'INC-4', 'decline'));
  api.clock.advance(HOUR);
  ok(
    await api.call('PATCH', '/api/v1/incidents/INC-2', {
      as: 'responder',
      body: { title: 'Authentication latency' },
    }),
  );
  return { webId: web.id };
}

describeEachDialect('incidents API: list, filter, search, page', (dialect) => {
  const api = useApiHarness(dialect);
  const list = async (query: string) =>
    ok<IncidentPage>(await api().call('GET', `/api/v1/incidents?${query}`, { as: 'viewer' }));
  const refs = async (query: string) => (await list(query)).items.map((i) => i.number);

  it('filters by status (comma list or repeated), severity and service', async () => {
    const { webId } = await seed(api());
    expect(await refs('status=resolved,declined')).toEqual([4, 3]);
    expect(await refs('status=triggered&status=declined')).toEqual([5, 4]);
    expect(await refs('severity=SEV2')).toEqual([6, 3]);
    expect(await refs('severity=SEV1,SEV4')).toEqual([4, 1]);
    expect(await refs(`serviceId=${webId}`)).toEqual([6, 2]);
    expect(await refs(`serviceId=${webId}&severity=SEV3`)).toEqual([2]);
    expect(await refs('serviceId=999')).toEqual([]);
    expect(await refs('')).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it('filters open and finished incidents', async () => {
    await seed(api());
    expect(await refs('open=true')).toEqual([7, 6, 5, 2, 1]);
    expect(await refs('open=false')).toEqual([4, 3]);
    ok(await act(api(), 'INC-3', 'reopen'));
    expect(await refs('open=true')).toEqual([7, 6, 5, 3, 2, 1]);
  });

  it('searches title and summary by word prefixes, and INC-n by number', async () => {
    await seed(api());
    expect(await refs('q=database')).toEqual([7, 1]);
    expect(await refs('q=data%20fail')).toEqual([7, 1]);
    expect(await refs('q=CARD')).toEqual([3]);
    expect(await refs('q=primary%20lost')).toEqual([1]);
    expect(await refs('q=authent')).toEqual([2]);
    expect(await refs('q=login')).toEqual([]);
    expect(await refs('q=zebra')).toEqual([]);
    expect(await refs('q=INC-7')).toEqual([7]);
    expect(await refs('q=inc-3')).toEqual([3]);
    expect(await refs(`q=${encodeURIComponent('"*:( & |')}`)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(await refs(`q=${encodeURIComponent("payments' OR 1=1 --")}`)).toEqual([]);
  });

  it('filters by a time range [from, to) of declaration', async () => {
    await seed(api());
    expect(await refs(`from=${hour(2)}&to=${hour(4)}`)).toEqual([4, 3]);
    expect(await refs(`from=${hour(5)}`)).toEqual([7, 6]);
    expect(await refs(`to=${hour(1)}`)).toEqual([1]);
    expectProblem(
      await api().call('GET', `/api/v1/incidents?from=${hour(4)}&to=${hour(2)}`, { as: 'viewer' }),
      400,
      'to',
    );
    expectProblem(await api().call('GET', '/api/v1/incidents?from=yesterday', { as: 'viewer' }), 400, 'from');
  });

  it('sorts newest, oldest, updated, severity and number', async () => {
    await seed(api());
    expect(await refs('sort=newest')).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(await refs('sort=oldest')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await refs('sort=number')).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(await refs('sort=updated')).toEqual([2, 4, 3, 7, 6, 5, 1]);
    const bySeverity = (await list('sort=severity')).items.map((i) => i.severity);
    expect(bySeverity).toEqual(['SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV3', 'SEV3', 'SEV4']);
  });

  it('pages with a cursor through every sort, each incident exactly once and in order', async () => {
    await seed(api());
    for (const sort of INCIDENT_SORTS) {
      const all = await refs(`sort=${sort}&limit=200`);
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: IncidentPage = await list(`sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((i) => i.number));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen, sort).toEqual(all);
      expect(pages, sort).toBe(3);
    }
  });

  it('pages correctly when many incidents share the same time', async () => {
    for (let i = 0; i < 7; i++) await declare(api());
    for (const sort of ['newest', 'oldest', 'updated'] as const) {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: IncidentPage = await list(`sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((i) => i.number));
        cursor = page.nextCursor;
      } while (cursor && seen.length < 20);
      expect(
        [...seen].sort((a, b) => a - b),
        sort,
      ).toEqual([1, 2, 3, 4, 5, 6, 7]);
    }
  });

  it('rejects a garbage cursor, or one issued for another sort, naming cursor', async () => {
    await seed(api());
    const severityCursor = (await list('sort=severity&limit=2')).nextCursor as string;
    const numberCursor = (await list('sort=number&limit=2')).nextCursor as string;
    const forged = Buffer.from(JSON.stringify([1e30, 1])).toString('base64url');
    for (const query of [
      'cursor=garbage',
      'cursor=%5B%5D',
      `cursor=${'x'.repeat(600)}`,
      `sort=number&cursor=${severityCursor}`,
      `sort=severity&cursor=${numberCursor}`,
      `sort=newest&cursor=${forged}`,
    ]) {
      const res = await api().call('GET', `/api/v1/incidents?${query}`, { as: 'viewer' });
      expect(res.statusCode, query).toBe(400);
      expectProblem(res, 400, 'cursor');
    }
  });

  it('rejects bad limits, sorts and filters naming the parameter', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=500', 'limit'],
      ['limit=abc', 'limit'],
      ['sort=random', 'sort'],
      ['open=maybe', 'open'],
      ['serviceId=-1', 'serviceId'],
    ] as const) {
      expectProblem(await api().call('GET', `/api/v1/incidents?${query}`, { as: 'viewer' }), 400, field);
    }
    const badStatus = expectProblem(
      await api().call('GET', '/api/v1/incidents?status=open,sleeping', { as: 'viewer' }),
      400,
    );
    expect(badStatus.errors?.[0]?.field).toMatch(/^status/);
  });
});
