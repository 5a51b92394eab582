import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Alert } from '../../../core/schemas/alerting.js';
import type { Check, CheckResult } from '../../../core/schemas/checks.js';
import type { Incident } from '../../../core/schemas/incident.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { Worker } from '../worker.js';
import { CheckRunner, probeCheck } from './check-runner.js';
import {
  type TestHttpTarget,
  addCheck,
  recordingLog,
  startHttpTarget,
  startTcpTarget,
} from '../../../../test/support/server/engine/checks/check-test-helpers.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describeEachDialect('check runner', (dialect) => {
  const api = useApiHarness(dialect);
  let target: TestHttpTarget;
  let log: ReturnType<typeof recordingLog>;
  let runner: CheckRunner;
  beforeEach(async () => {
    // Probes are timed on the test's clock, which the target moves by its delay: latency
    // limits hold however busy the machine is.
    const { clock } = api();
    target = await startHttpTarget({ clock });
    log = recordingLog();
    runner = new CheckRunner(api().db.ctx, log, {
      probe: (c) => probeCheck(c, api().db.ctx.outboundAllow, () => clock.now()),
    });
  });
  afterEach(async () => {
    await runner.drain();
    await target.close();
    expect(log.errors).toEqual([]);
  });

  const check = async (id: number) => ok<Check>(await api().call('GET', `/api/v1/checks/${id}`));
  const incidents = async () =>
    ok<{ items: Incident[] }>(await api().call('GET', '/api/v1/incidents', { as: 'viewer' })).items;
  const alerts = async () => ok<{ items: Alert[] }>(await api().call('GET', '/api/v1/alerts')).items;
  const results = async (id: number) =>
    ok<{ items: CheckResult[] }>(await api().call('GET', `/api/v1/checks/${id}/results`)).items;
  const after = async (ms: number) => {
    api().clock.advance(ms);
    return runner.runOnce();
  };

  it('goes down after retries + 1 failures, opens one incident, and resolves it on recovery', async () => {
    const c = await addCheck(api(), {
      type: 'http',
      name: 'API health',
      retries: 2,
      config: { url: target.url },
    });
    expect(await runner.runOnce()).toBe(1);
    expect(await check(c.id)).toMatchObject({ status: 'up', lastMessage: 'HTTP 200' });
    expect(await after(30 * SECOND)).toBe(0);

    target.status = 503;
    await after(30 * SECOND);
    expect(await check(c.id)).toMatchObject({ status: 'up', lastMessage: 'expected 200, got 503' });
    // Confirmation retries come sooner than the 60 s interval.
    expect(await after(9 * SECOND)).toBe(0);
    expect(await after(1 * SECOND)).toBe(1);
    expect((await check(c.id)).status).toBe('up');
    expect(await incidents()).toEqual([]);
    expect(await after(10 * SECOND)).toBe(1);
    expect((await check(c.id)).status).toBe('down');

    const [incident, ...others] = await incidents();
    expect(others).toEqual([]);
    expect(incident).toMatchObject({ status: 'triggered', severity: 'SEV1' });
    const [alert] = await alerts();
    expect(alert).toMatchObject({
      dedupKey: `check:${c.id}`,
      status: 'firing',
      summary: 'HTTP check "API health" failing: expected 200, got 503',
      severity: 'critical',
      source: target.url,
      labels: { check: 'API health', type: 'http' },
      details: { statusCode: 503, message: 'expected 200, got 503' },
      incident: { id: incident?.id },
    });

    // Still failing: one incident, one alert, one event; back to the full interval.
    expect(await after(10 * SECOND)).toBe(0);
    expect(await after(50 * SECOND)).toBe(1);
    expect(await incidents()).toHaveLength(1);
    expect((await alerts()).map((a) => a.eventCount)).toEqual([1]);

    target.status = 200;
    await after(MINUTE);
    expect((await check(c.id)).status).toBe('up');
    expect((await alerts())[0]?.status).toBe('resolved');
    expect((await incidents())[0]).toMatchObject({ id: incident?.id, status: 'resolved' });
    expect((await results(c.id)).map((r) => r.isUp)).toEqual([true, false, false, false, false, true]);
  });

  it('runs as a worker task without holding up the other tasks while probes are slow', async () => {
    const c = await addCheck(api(), { type: 'http', name: 'slow', config: { url: target.url } });
    const release = target.hold();
    const worker = new Worker(api().db.ctx, log, []);
    worker.add(runner.task());
    await worker.tick();
    expect((await check(c.id)).status).toBe('pending');
    release();
    await runner.drain();
    expect(await check(c.id)).toMatchObject({ status: 'up', lastMessage: 'HTTP 200' });
    // The lease keeps a check from running twice at once, even across ticks.
    api().clock.advance(MINUTE);
    const releaseAgain = target.hold();
    await worker.tick();
    await worker.tick();
    releaseAgain();
    await runner.drain();
    expect(target.hits).toBe(2);
  });

  it('is closed when the worker stops: the probe in flight is recorded, nothing more is claimed', async () => {
    const c = await addCheck(api(), { type: 'http', name: 'slow', config: { url: target.url } });
    const release = target.hold();
    const worker = new Worker(api().db.ctx, log, []);
    worker.add(runner.task());
    await worker.tick();
    const stopped = worker.stop();
    release();
    await stopped;
    expect(await check(c.id)).toMatchObject({ status: 'up', lastMessage: 'HTTP 200' });
    api().clock.advance(MINUTE);
    expect(await runner.tick()).toBe(0);
    expect(target.hits).toBe(1);
  });

  it('fails a check slower than its latency limit, and one missing its keyword', async () => {
    const slow = await addCheck(api(), {
      type: 'http',
      name: 'slow',
      retries: 0,
      config: { url: target.url, latencyLimitMs: 50 },
    });
    const keyword = await addCheck(api(), {
      type: 'http',
      name: 'keyword',
      retries: 0,
      config: { url: target.url, keyword: 'healthy' },
    });
    target.delayMs = 150;
    target.body = 'status: degraded';
    expect(await runner.runOnce()).toBe(2);
    const slowNow = await check(slow.id);
    expect(slowNow.status).toBe('down');
    expect(slowNow.lastMessage).toMatch(/^responded in \d+ ms, over the 50 ms limit$/);
    expect(slowNow.lastLatencyMs).toBe(150);
    expect(await check(keyword.id)).toMatchObject({
      status: 'down',
      lastMessage: 'keyword "healthy" not found in the response',
    });
    expect((await alerts()).map((a) => a.summary).sort()).toEqual([
      'HTTP check "keyword" failing: keyword "healthy" not found in the response',
      expect.stringMatching(/^HTTP check "slow" failing: responded in \d+ ms/),
    ]);

    target.delayMs = 0;
    target.body = 'status: healthy';
    await after(MINUTE);
    expect((await check(slow.id)).status).toBe('up');
    expect((await check(keyword.id)).status).toBe('up');
    expect((await alerts()).every((a) => a.status === 'resolved')).toBe(true);
  });

  it('checks a TCP port: down once the listener closes, with the host as source', async () => {
    const listener = await startTcpTarget();
    const c = await addCheck(api(), {
      type: 'tcp',
      name: 'database',
      retries: 1,
      config: { host: '127.0.0.1', port: listener.port },
    });
    await runner.runOnce();
    expect(await check(c.id)).toMatchObject({ status: 'up', lastMessage: 'connected' });
    await listener.close();
    await after(MINUTE);
    expect((await check(c.id)).status).toBe('up');
    await after(10 * SECOND);
    expect(await check(c.id)).toMatchObject({ status: 'down', lastMessage: 'connection refused' });
    expect(await alerts()).toMatchObject([
      { source: `127.0.0.1:${listener.port}`, summary: 'TCP check "database" failing: connection refused' },
    ]);
    expect(await incidents()).toHaveLength(1);
  });

  it('fires a heartbeat silent past interval + grace once, and a ping recovers it', async () => {
    const c = await addCheck(api(), {
      type: 'heartbeat',
      name: 'nightly backup',
      intervalSeconds: 60,
      config: { graceSeconds: 30 },
    });
    const token = c.pingUrl?.split('/').pop() ?? '';
    const ping = () => api().call('POST', `/integrations/heartbeat/${token}`, { as: null });
    expect(await after(89 * SECOND)).toBe(0);
    expect((await check(c.id)).status).toBe('pending');
    expect(await after(2 * SECOND)).toBe(1);
    expect(await check(c.id)).toMatchObject({
      status: 'down',
      lastMessage: 'no ping received yet (expected every 60 s + 30 s grace)',
    });
    expect(await alerts()).toMatchObject([
      {
        summary:
          'Heartbeat check "nightly backup" failing: no ping received yet (expected every 60 s + 30 s grace)',
      },
    ]);
    // Every further silent interval is a failed run, without another alert.
    expect(await after(60 * SECOND)).toBe(1);
    expect(await alerts()).toHaveLength(1);
    expect(await incidents()).toHaveLength(1);

    expect(ok(await ping())).toEqual({ ok: true });
    expect(await check(c.id)).toMatchObject({ status: 'up', lastMessage: 'ping received' });
    expect((await alerts())[0]?.status).toBe('resolved');
    expect((await incidents())[0]?.status).toBe('resolved');

    // Pinging within interval + grace keeps it up; silence fires again.
    for (let i = 0; i < 3; i++) {
      expect(await after(80 * SECOND)).toBe(0);
      ok(await ping());
    }
    expect(await after(91 * SECOND)).toBe(1);
    expect((await check(c.id)).lastMessage).toBe('no ping for 91 s (expected every 60 s + 30 s grace)');
    expect((await alerts()).map((a) => a.status)).toEqual(['firing', 'resolved']);
    expect((await results(c.id)).map((r) => r.isUp)).toEqual([false, true, true, true, true, false, false]);
  });

  it('skips paused checks, resolving their alert; resuming runs at once', async () => {
    const c = await addCheck(api(), {
      type: 'http',
      name: 'web',
      retries: 0,
      config: { url: target.url },
    });
    target.status = 500;
    await runner.runOnce();
    expect(await incidents()).toHaveLength(1);
    const paused = ok<Check>(
      await api().call('PATCH', `/api/v1/checks/${c.id}`, { as: 'responder', body: { paused: true } }),
    );
    expect(paused.status).toBe('paused');
    expect((await alerts())[0]?.status).toBe('resolved');
    expect((await incidents())[0]?.status).toBe('resolved');
    const hits = target.hits;
    expect(await after(10 * MINUTE)).toBe(0);
    expect(target.hits).toBe(hits);

    target.status = 200;
    ok(await api().call('PATCH', `/api/v1/checks/${c.id}`, { as: 'responder', body: { paused: false } }));
    expect((await check(c.id)).status).toBe('pending');
    expect(await runner.runOnce()).toBe(1);
    expect((await check(c.id)).status).toBe('up');
  });

  it('deleting a down check resolves its alert and incident', async () => {
    const c = await addCheck(api(), { type: 'http', name: 'web', retries: 0, config: { url: target.url } });
    target.status = 500;
    await runner.runOnce();
    expect((await incidents())[0]?.status).toBe('triggered');
    expect((await api().call('DELETE', `/api/v1/checks/${c.id}`, { as: 'responder' })).statusCode).toBe(204);
    expect((await alerts())[0]?.status).toBe('resolved');
    expect((await incidents())[0]?.status).toBe('resolved');
    expect(await after(MINUTE)).toBe(0);
  });

  it('keeps 90 days of results', async () => {
    const c = await addCheck(api(), {
      type: 'http',
      name: 'web',
      intervalSeconds: 86_400,
      config: { url: target.url },
    });
    await runner.runOnce();
    for (let day = 0; day < 91; day++) await after(86_400 * SECOND);
    const kept = await results(c.id);
    expect(kept).toHaveLength(91);
    expect(kept.at(-1)?.at).toBe(new Date(api().clock.now() - 90 * 86_400 * SECOND).toISOString());
  });
});
