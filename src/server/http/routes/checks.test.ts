import { expect, it } from 'vitest';
import type { Check, CheckResult, UptimeDay } from '../../../core/schemas/checks.js';
import { CheckRunner } from '../../engine/checks/check-runner.js';
import { addCheck, recordingLog } from '../../../../test/support/server/engine/checks/check-test-helpers.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { createService, expectProblem, ok } from '../../../../test/support/server/http/api-test-helpers.js';

const HOUR = 3_600_000;
const http = { type: 'http', name: 'API health', config: { url: 'https://api.example.com/health' } };

describeEachDialect('checks API', (dialect) => {
  const api = useApiHarness(dialect);
  const get = async (id: number, as: 'viewer' | 'responder' | 'admin' = 'viewer') =>
    ok<Check>(await api().call('GET', `/api/v1/checks/${id}`, { as }));
  const patch = (id: number, body: Record<string, unknown>) =>
    api().call('PATCH', `/api/v1/checks/${id}`, { as: 'responder', body });

  it('creates a check with defaults, lists, reads, changes and deletes it', async () => {
    const service = await createService(api(), 'api');
    const created = ok<Check>(
      await api().call('POST', `/api/v1/services/${service.id}/checks`, { as: 'responder', body: http }),
      201,
    );
    expect(created).toMatchObject({
      service: { id: service.id, name: 'api' },
      name: 'API health',
      type: 'http',
      config: { url: 'https://api.example.com/health', method: 'GET', expectedStatus: 200 },
      intervalSeconds: 60,
      timeoutMs: 10_000,
      retries: 2,
      status: 'pending',
      lastCheckedAt: null,
      lastMessage: null,
      lastLatencyMs: null,
      pingUrl: null,
    });
    const other = await addCheck(api(), {
      type: 'tcp',
      name: 'db',
      config: { host: 'db.internal', port: 5432 },
    });
    const list = async (query = '') =>
      ok<{ items: Check[] }>(await api().call('GET', `/api/v1/checks${query}`, { as: 'viewer' })).items;
    expect((await list()).map((c) => c.id)).toEqual([created.id, other.id]);
    expect(await list(`?serviceId=${service.id}`)).toEqual([created]);
    expect(await get(created.id)).toEqual(created);

    api().clock.advance(1000);
    const changed = ok<Check>(
      await patch(created.id, {
        name: 'Health',
        intervalSeconds: 30,
        config: { keyword: 'ok', expectedStatus: 204 },
      }),
    );
    expect(changed).toMatchObject({
      name: 'Health',
      intervalSeconds: 30,
      config: { url: 'https://api.example.com/health', keyword: 'ok', expectedStatus: 204 },
    });
    expect(changed.updatedAt > created.updatedAt).toBe(true);
    // A null removes a setting (JSON merge patch).
    expect(ok<Check>(await patch(created.id, { config: { keyword: null } })).config).not.toHaveProperty(
      'keyword',
    );

    expect((await api().call('DELETE', `/api/v1/checks/${created.id}`, { as: 'responder' })).statusCode).toBe(
      204,
    );
    expectProblem(await api().call('GET', `/api/v1/checks/${created.id}`), 404);
    expect((await list()).map((c) => c.id)).toEqual([other.id]);
  });

  it('rejects bad checks naming the field', async () => {
    const service = await createService(api(), 'api');
    const post = (body: Record<string, unknown>) =>
      api().call('POST', `/api/v1/services/${service.id}/checks`, { as: 'responder', body });
    for (const [body, field] of [
      [{ ...http, intervalSeconds: 5 }, 'intervalSeconds'],
      [{ ...http, config: { url: 'not a url' } }, 'config.url'],
      [{ ...http, config: { url: 'ftp://example.com/' } }, 'config.url'],
      [{ ...http, config: { url: 'https://x.example', expectedStatus: 99 } }, 'config.expectedStatus'],
      [{ ...http, name: '' }, 'name'],
      [{ ...http, retries: 11 }, 'retries'],
      [{ type: 'tcp', name: 'db', config: { host: 'db' } }, 'config.port'],
      [{ type: 'ping', name: 'x' }, 'type'],
    ] as const) {
      expectProblem(await post(body), 400, field);
    }
    const c = ok<Check>(await post(http), 201);
    expectProblem(await patch(c.id, { intervalSeconds: 5 }), 400, 'intervalSeconds');
    expectProblem(await patch(c.id, { config: { url: 'nope' } }), 400, 'config.url');
    expectProblem(await patch(c.id, { config: { latencyLimitMs: 0 } }), 400, 'config.latencyLimitMs');
    expectProblem(await patch(c.id, { config: { urll: 'https://typo.example' } }), 400, 'config.urll');
    expectProblem(await patch(c.id, { type: 'tcp' }), 400);
    expect(await get(c.id)).toEqual(c);
  });

  it('answers 404 for unknown services and checks', async () => {
    expectProblem(
      await api().call('POST', '/api/v1/services/999/checks', { as: 'responder', body: http }),
      404,
    );
    for (const url of ['/api/v1/checks/999', '/api/v1/checks/999/results', '/api/v1/checks/999/uptime']) {
      expectProblem(await api().call('GET', url, { as: 'viewer' }), 404);
    }
    expectProblem(await patch(999, { name: 'x' }), 404);
    expectProblem(await api().call('DELETE', '/api/v1/checks/999', { as: 'responder' }), 404);
  });

  it('lets viewers read but not write', async () => {
    const service = await createService(api(), 'api');
    const c = await addCheck(api(), http);
    for (const [method, url, body] of [
      ['POST', `/api/v1/services/${service.id}/checks`, http],
      ['PATCH', `/api/v1/checks/${c.id}`, { name: 'x' }],
      ['DELETE', `/api/v1/checks/${c.id}`, undefined],
    ] as const) {
      expectProblem(await api().call(method, url, { as: 'viewer', body }), 403);
      expectProblem(await api().call(method, url, { as: null, body }), 401);
    }
    for (const url of [
      `/api/v1/checks/${c.id}`,
      `/api/v1/checks/${c.id}/results`,
      `/api/v1/checks/${c.id}/uptime`,
    ]) {
      ok(await api().call('GET', url, { as: 'viewer' }));
    }
    expect((await get(c.id)).name).toBe('API health');
  });

  it('shows the heartbeat ping URL to responders and admins only; the URL takes GET and POST', async () => {
    const c = await addCheck(api(), { type: 'heartbeat', name: 'backup' });
    expect(c.config).toEqual({ graceSeconds: 60 });
    expect(c.pingUrl).toMatch(/^http:\/\/127\.0\.0\.1:8080\/integrations\/heartbeat\/[0-9a-f]{32}$/);
    expect((await get(c.id, 'admin')).pingUrl).toBe(c.pingUrl);
    expect((await get(c.id, 'viewer')).pingUrl).toBeNull();
    const listed = ok<{ items: Check[] }>(await api().call('GET', '/api/v1/checks', { as: 'viewer' })).items;
    expect(listed[0]?.pingUrl).toBeNull();

    const path = new URL(c.pingUrl ?? '').pathname;
    expect(ok(await api().call('GET', path, { as: null }))).toEqual({ ok: true });
    expect((await get(c.id)).status).toBe('up');
    for (const headers of [
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
    ]) {
      const res = await api().app.inject({
        method: 'POST',
        url: path,
        headers,
        payload: 'backup finished in 42 s',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ ok: true });
    }
    const res = await api().app.inject({ method: 'POST', url: path, payload: { took: 42 } });
    expect(res.json()).toEqual({ ok: true });
    for (const token of ['0'.repeat(32), 'not-a-token', c.pingUrl?.slice(-32).toUpperCase() ?? '']) {
      const unknown = await api().call('POST', `/integrations/heartbeat/${token}`, { as: null });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toEqual({ ok: false });
    }
  });

  it('lists results newest first within a range, and uptime per UTC day', async () => {
    // Stand-in probe: the test decides each run's outcome.
    const outcomes: boolean[] = [true, true, false, true, true];
    const runner = new CheckRunner(api().db.ctx, recordingLog(), {
      probe: () => {
        const isUp = outcomes.shift() ?? true;
        return Promise.resolve({ isUp, latencyMs: 12, message: isUp ? 'HTTP 200' : 'expected 200, got 500' });
      },
    });
    const c = await addCheck(api(), { ...http, intervalSeconds: 3600, retries: 0 });
    // The harness clock starts at 2026-03-01T12:00Z: four hourly runs that day…
    for (let i = 0; i < 4; i++) {
      await runner.runOnce();
      api().clock.advance(HOUR);
    }
    // …none on 03-02, one on 03-03.
    api().clock.set(Date.parse('2026-03-03T08:00:00Z'));
    await runner.runOnce();

    const results = (query = '') =>
      api()
        .call('GET', `/api/v1/checks/${c.id}/results${query}`, { as: 'viewer' })
        .then((res) => ok<{ items: CheckResult[] }>(res).items);
    const all = await results();
    expect(all.map((r) => [r.at, r.isUp])).toEqual([
      ['2026-03-03T08:00:00.000Z', true],
      ['2026-03-01T15:00:00.000Z', true],
      ['2026-03-01T14:00:00.000Z', false],
      ['2026-03-01T13:00:00.000Z', true],
      ['2026-03-01T12:00:00.000Z', true],
    ]);
    expect(all[2]).toMatchObject({ latencyMs: 12, message: 'expected 200, got 500' });
    expect(await results('?limit=2')).toEqual(all.slice(0, 2));
    expect(await results('?from=2026-03-01T13:00:00Z&to=2026-03-01T15:00:00Z')).toEqual(all.slice(2, 4));
    expect((await get(c.id)).lastLatencyMs).toBe(12);

    const uptime = async (days?: number) =>
      ok<{ days: UptimeDay[] }>(
        await api().call('GET', `/api/v1/checks/${c.id}/uptime${days ? `?days=${days}` : ''}`, {
          as: 'viewer',
        }),
      ).days;
    expect(await uptime(4)).toEqual([
      { date: '2026-02-28', uptimePercent: null, runs: 0 },
      { date: '2026-03-01', uptimePercent: 75, runs: 4 },
      { date: '2026-03-02', uptimePercent: null, runs: 0 },
      { date: '2026-03-03', uptimePercent: 100, runs: 1 },
    ]);
    const month = await uptime();
    expect(month).toHaveLength(30);
    expect(month.at(-1)?.date).toBe('2026-03-03');
    expectProblem(await api().call('GET', `/api/v1/checks/${c.id}/uptime?days=91`), 400, 'days');
  });
});
