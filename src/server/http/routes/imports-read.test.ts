import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AuditEntry } from '../../../core/schemas/access.js';
import type { ImportResult } from '../../../core/schemas/import.js';
import type { ImportReadResult, ImportSourceList } from '../../../core/schemas/import-read.js';
import { type ApiHarness, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { beaconState, withoutIds } from '../../../../test/support/server/import/import-test-helpers.js';
import { expectProblem, ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { type FakePagerDuty, startFakePagerDuty } from '../../../../test/support/fakes/pagerduty-api.js';
import { pagerDutyAccount } from '../../../../test/support/fakes/pagerduty-fixtures.js';
import { startFakeOpsgenie } from '../../../../test/support/fakes/opsgenie-api.js';
import { opsgenieAccount } from '../../../../test/support/fakes/opsgenie-fixtures.js';
import { startFakeGrafanaOnCall } from '../../../../test/support/fakes/grafana-oncall-api.js';
import { grafanaOnCallAccount } from '../../../../test/support/fakes/grafana-oncall-fixtures.js';

const readFrom = (api: ApiHarness, body: unknown, as: 'admin' | 'responder' | 'viewer' = 'admin') =>
  api.call('POST', '/api/v1/imports/read', { body, as });

async function auditLog(api: ApiHarness): Promise<AuditEntry[]> {
  return ok<{ items: AuditEntry[] }>(await api.call('GET', '/api/v1/audit?limit=50')).items;
}

describeEachDialect('import read by the server', (dialect) => {
  const api = useApiHarness(dialect);
  let fake: FakePagerDuty;

  beforeEach(async () => {
    fake = await startFakePagerDuty(pagerDutyAccount(api().clock.now()), () => api().clock.now());
  });
  afterEach(async () => {
    await fake.close();
  });

  it('plans from PagerDuty exactly what posting its set-up then applies, and a re-read plans nothing', async () => {
    const before = await beaconState(api());
    const read = ok<ImportReadResult>(
      await readFrom(api(), { source: 'pagerduty', apiUrl: fake.url, token: fake.token }),
    );
    expect(await beaconState(api())).toEqual(before);
    expect(read.result.applied).toBe(false);
    expect(read.setup.source).toBe('pagerduty');
    expect(read.result.items.some((i) => i.action === 'create')).toBe(true);
    expect(fake.requests.some((r) => r.startsWith('/users'))).toBe(true);
    // The fake answered the first request 429: the read waited it out and went on.
    expect(fake.rateLimited).toBe(1);

    const applied = ok<ImportResult>(
      await api().call('POST', '/api/v1/imports', { body: { setup: read.setup, apply: true } }),
    );
    expect(withoutIds(applied)).toEqual(withoutIds(read.result));
    expect(applied.integrations.find((i) => i.sourceId === 'PINT001')?.key).toMatch(/^[0-9a-f]{32}$/);

    const again = ok<ImportReadResult>(
      await readFrom(api(), { source: 'pagerduty', apiUrl: fake.url, token: fake.token }),
    );
    expect(again.result.items.filter((i) => i.action !== 'skip')).toEqual([]);
  });

  it('records the read in the audit log with the source and counts, never the key', async () => {
    ok(await readFrom(api(), { source: 'pagerduty', apiUrl: fake.url, token: fake.token }));
    const entries = await auditLog(api());
    const entry = entries.find((e) => e.action === 'import.read');
    expect(entry).toMatchObject({ actor: { id: api().users.admin.userId }, data: { apiUrl: fake.url } });
    expect(JSON.stringify(entries)).not.toContain(fake.token);
  });

  it('names the token when the source refuses it, and changes nothing', async () => {
    const before = await beaconState(api());
    const problem = expectProblem(
      await readFrom(api(), { source: 'pagerduty', apiUrl: fake.url, token: 'not-the-key' }),
      400,
      'token',
    );
    expect(problem.detail).toContain('PagerDuty refused');
    expect(JSON.stringify(problem)).not.toContain('not-the-key');
    expect(await beaconState(api())).toEqual(before);
    expect((await auditLog(api())).some((e) => e.action === 'import.read')).toBe(false);
  });

  it('names the API URL when it is not the source, cannot be reached, or is not a URL', async () => {
    expectProblem(
      await readFrom(api(), { source: 'pagerduty', apiUrl: `${fake.url}/nowhere`, token: fake.token }),
      400,
      'apiUrl',
    );
    const closed = fake.url;
    await fake.close();
    expectProblem(await readFrom(api(), { source: 'pagerduty', apiUrl: closed, token: 'k' }), 400, 'apiUrl');
    expectProblem(
      await readFrom(api(), { source: 'pagerduty', apiUrl: 'ftp://x', token: 'k' }),
      400,
      'apiUrl',
    );
    expectProblem(await readFrom(api(), { source: 'pagerduty', token: ' ' }), 400, 'token');
    fake = await startFakePagerDuty(pagerDutyAccount(api().clock.now()), () => api().clock.now());
  });

  it('reads Opsgenie with its API key', async () => {
    const og = await startFakeOpsgenie(opsgenieAccount(api().clock.now()), () => api().clock.now());
    try {
      const read = ok<ImportReadResult>(
        await readFrom(api(), { source: 'opsgenie', apiUrl: og.url, token: og.apiKey }),
      );
      expect(read.setup.source).toBe('opsgenie');
      expect(read.result.items.length).toBeGreaterThan(0);
    } finally {
      await og.close();
    }
  });

  it('reads Grafana OnCall with its token at the API URL given, which it needs', async () => {
    const go = await startFakeGrafanaOnCall(grafanaOnCallAccount(api().clock.now()));
    try {
      expectProblem(await readFrom(api(), { source: 'grafana-oncall', token: go.token }), 400, 'apiUrl');
      const read = ok<ImportReadResult>(
        await readFrom(api(), { source: 'grafana-oncall', apiUrl: go.url, token: go.token }),
      );
      expect(read.setup.source).toBe('grafana-oncall');
      expect(read.result.items.some((i) => i.action === 'create')).toBe(true);
      expectProblem(
        await readFrom(api(), { source: 'grafana-oncall', apiUrl: go.url, token: 'wrong' }),
        400,
        'token',
      );
    } finally {
      await go.close();
    }
  });

  it('lists the sources with their default API, and lets only admins read', async () => {
    const sources = ok<ImportSourceList>(await api().call('GET', '/api/v1/imports/sources'));
    expect(sources.items).toContainEqual(
      expect.objectContaining({ source: 'pagerduty', defaultApiUrl: 'https://api.pagerduty.com' }),
    );
    for (const role of ['responder', 'viewer'] as const) {
      expectProblem(
        await readFrom(api(), { source: 'pagerduty', apiUrl: fake.url, token: fake.token }, role),
        403,
      );
      expectProblem(await api().call('GET', '/api/v1/imports/sources', { as: role }), 403);
    }
    expect(fake.requests).toEqual([]);
  });
});

describeEachDialect('import read under the default outbound policy', (dialect) => {
  const api = useApiHarness(dialect, { BEACON_OUTBOUND_ALLOW: '' });

  it('refuses to read a source on an internal address, naming the API URL', async () => {
    const fake = await startFakePagerDuty(pagerDutyAccount(api().clock.now()), () => api().clock.now());
    try {
      const problem = expectProblem(
        await readFrom(api(), { source: 'pagerduty', apiUrl: fake.url, token: fake.token }),
        400,
        'apiUrl',
      );
      expect(problem.detail).toContain('refused');
      expect(fake.requests).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
