import { expect, it } from 'vitest';
import { labelFingerprint } from '../../../core/alerts/fingerprint.js';
import { sweepAlerts } from '../../commands/alerts/sweep-alerts.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';
import {
  expectNothingStored,
  integrationFor,
  json,
  listAlerts,
  listIncidents,
  send,
} from '../../../../test/support/server/ingest/inbound-test-helpers.js';

// What Prometheus posts (alerting rules with summary annotations), as in Alertmanager's API docs.
const latency = (instance: string, extra: Record<string, string> = {}) => ({
  labels: { alertname: 'HighLatency', severity: 'critical', job: 'api', instance },
  annotations: {
    summary: `High request latency on ${instance}`,
    runbook_url: 'https://runbooks.example.com/latency',
  },
  generatorURL: 'http://prometheus.example.com:9090/graph?g0.expr=latency%3E0.5',
  ...extra,
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const basic = (key: string) => ({
  authorization: `Basic ${Buffer.from(`prometheus:${key}`).toString('base64')}`,
});

describeEachDialect('Alertmanager API v2 inbound', (dialect) => {
  const api = useApiHarness(dialect);

  it('takes Prometheus alerts at /api/v2/alerts: alerts with labels, one incident, empty 200', async () => {
    const { key, serviceId } = await integrationFor(api(), 'alertmanager');
    const res = await send(
      api(),
      'POST',
      '/api/v2/alerts',
      [latency('web-1:9100'), latency('web-2:9100')],
      bearer(key),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toBe('');
    const alerts = await listAlerts(api());
    expect(alerts).toHaveLength(2);
    const web1 = alerts.find((a) => a.labels.instance === 'web-1:9100');
    expect(web1).toMatchObject({
      status: 'firing',
      severity: 'critical',
      summary: 'High request latency on web-1:9100',
      dedupKey: labelFingerprint(latency('web-1:9100').labels),
      service: { id: serviceId },
      generatorUrl: 'http://prometheus.example.com:9090/graph?g0.expr=latency%3E0.5',
      details: { runbook_url: 'https://runbooks.example.com/latency' },
      endsAt: new Date(api().clock.now() + 5 * 60_000).toISOString(),
    });
    expect(web1?.links.map((l) => l.text)).toEqual(['Source', 'Runbook']);
    const incidents = await listIncidents(api());
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.severity).toBe('SEV1');
  });

  it('takes the key in the path or as a basic-auth password', async () => {
    const { key } = await integrationFor(api(), 'alertmanager');
    expect(
      (await send(api(), 'POST', `/integrations/alertmanager/${key}/api/v2/alerts`, [latency('a')]))
        .statusCode,
    ).toBe(200);
    expect((await send(api(), 'POST', '/api/v2/alerts', [latency('b')], basic(key))).statusCode).toBe(200);
    expect((await listAlerts(api())).map((a) => a.labels.instance).sort()).toEqual(['a', 'b']);
    expect(await listIncidents(api())).toHaveLength(1);
  });

  it('resolves an alert sent with endsAt in the past, and auto-resolves the incident', async () => {
    const { key } = await integrationFor(api(), 'alertmanager');
    await send(api(), 'POST', '/api/v2/alerts', [latency('web-1')], bearer(key));
    api().clock.advance(60_000);
    const endsAt = new Date(api().clock.now() - 1000).toISOString();
    expect(
      (await send(api(), 'POST', '/api/v2/alerts', [latency('web-1', { endsAt })], bearer(key))).statusCode,
    ).toBe(200);
    const [alert] = await listAlerts(api());
    expect(alert?.status).toBe('resolved');
    expect((await listIncidents(api()))[0]?.status).toBe('resolved');
    // Prometheus keeps re-sending resolved alerts for a while: dropped, nothing new.
    await send(api(), 'POST', '/api/v2/alerts', [latency('web-1', { endsAt })], bearer(key));
    expect(await listAlerts(api())).toHaveLength(1);
  });

  it('expires an alert not re-sent within resolve_timeout (5 minutes); a re-send extends it', async () => {
    const { key } = await integrationFor(api(), 'alertmanager');
    await send(api(), 'POST', '/api/v2/alerts', [latency('kept'), latency('dropped')], bearer(key));
    api().clock.advance(4 * 60_000);
    await send(api(), 'POST', '/api/v2/alerts', [latency('kept')], bearer(key));
    api().clock.advance(2 * 60_000);
    await sweepAlerts(api().db.ctx);
    const byInstance = Object.fromEntries(
      (await listAlerts(api())).map((a) => [a.labels.instance, a.status]),
    );
    expect(byInstance).toEqual({ kept: 'firing', dropped: 'resolved' });
    expect((await listIncidents(api()))[0]?.status).not.toBe('resolved');
    api().clock.advance(6 * 60_000);
    await sweepAlerts(api().db.ctx);
    expect((await listAlerts(api())).every((a) => a.status === 'resolved')).toBe(true);
    expect((await listIncidents(api()))[0]?.status).toBe('resolved');
  });

  it('answers bad input with 400 {code, message} and stores nothing', async () => {
    const { key } = await integrationFor(api(), 'alertmanager');
    for (const body of [
      '[{"labels": {',
      '{"labels": {"a": "b"}}',
      [{ annotations: { summary: 'x' } }],
      [{ labels: {} }],
      [{ labels: { a: 'b' }, startsAt: 'yesterday' }],
      [{ labels: { a: 'b' }, startsAt: '2026-03-01T12:00:00Z', endsAt: '2026-03-01T11:00:00Z' }],
    ]) {
      const reply = json<{ code: number; message: string }>(
        await send(api(), 'POST', '/api/v2/alerts', body, bearer(key)),
        400,
      );
      expect(reply.code).toBe(400);
      expect(reply.message).not.toBe('');
    }
    await expectNothingStored(api());
  });

  it('keeps the valid alerts of a batch with an invalid one, as Alertmanager does', async () => {
    const { key } = await integrationFor(api(), 'alertmanager');
    const reply = json<{ message: string }>(
      await send(api(), 'POST', '/api/v2/alerts', [latency('ok'), { labels: {} }], bearer(key)),
      400,
    );
    expect(reply.message).toContain('alert 1: at least one label pair required');
    expect((await listAlerts(api())).map((a) => a.labels.instance)).toEqual(['ok']);
  });

  it("refuses a request without a key, or with another type's key in the path, with 401 {code, message}", async () => {
    const { key: pagerDutyKey } = await integrationFor(api(), 'pagerduty');
    for (const url of ['/api/v2/alerts', `/integrations/alertmanager/${pagerDutyKey}/api/v2/alerts`]) {
      const reply = json<{ code: number }>(await send(api(), 'POST', url, [latency('x')]), 401);
      expect(reply.code).toBe(401);
    }
    await expectNothingStored(api());
  });

  it('refuses a key from the moment it is disabled or rotated, though it was just used', async () => {
    const { key, integrationId } = await integrationFor(api(), 'alertmanager');
    const post = (k: string, instance: string) =>
      send(api(), 'POST', '/api/v2/alerts', [latency(instance)], bearer(k));
    expect((await post(key, 'a')).statusCode).toBe(200);
    ok(await api().call('PATCH', `/api/v1/integrations/${integrationId}`, { body: { disabled: true } }));
    expect((await post(key, 'b')).statusCode).toBe(401);
    expect((await post(key, 'a')).statusCode).toBe(401); // a re-send, answered without a transaction
    ok(await api().call('PATCH', `/api/v1/integrations/${integrationId}`, { body: { disabled: false } }));
    expect((await post(key, 'c')).statusCode).toBe(200);
    const rotated = ok<{ key: string }>(
      await api().call('POST', `/api/v1/integrations/${integrationId}/rotate`),
    );
    expect((await post(key, 'd')).statusCode).toBe(401);
    expect((await post(key, 'c')).statusCode).toBe(401);
    expect((await post(rotated.key, 'e')).statusCode).toBe(200);
    expect((await listAlerts(api())).map((a) => a.labels.instance).sort()).toEqual(['a', 'c', 'e']);
  });

  it('lists the open alerts of the service for amtool, honouring filter, active and silenced', async () => {
    const { key, serviceId } = await integrationFor(api(), 'alertmanager');
    await send(
      api(),
      'POST',
      '/api/v2/alerts',
      [latency('web-1'), { labels: { alertname: 'DiskFull', instance: 'db-1' } }],
      bearer(key),
    );
    const all = json<Array<Record<string, unknown>>>(
      await send(api(), 'GET', '/api/v2/alerts', undefined, bearer(key)),
      200,
    );
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({
      labels: latency('web-1').labels,
      annotations: latency('web-1').annotations,
      fingerprint: labelFingerprint(latency('web-1').labels),
      receivers: [{ name: 'beacon' }],
      status: { state: 'active', silencedBy: [], inhibitedBy: [], mutedBy: [] },
      generatorURL: latency('web-1').generatorURL,
    });
    const query =
      '?active=true&silenced=false&inhibited=false&unprocessed=false&filter=alertname%3D%22DiskFull%22';
    const filtered = json<Array<{ labels: Record<string, string> }>>(
      await send(api(), 'GET', `/integrations/alertmanager/${key}/api/v2/alerts${query}`),
      200,
    );
    expect(filtered.map((a) => a.labels.instance)).toEqual(['db-1']);
    const regex = json<unknown[]>(
      await send(
        api(),
        'GET',
        '/api/v2/alerts?filter=instance%3D~%22web-.*%22&filter=severity!%3D%22info%22',
        undefined,
        bearer(key),
      ),
      200,
    );
    expect(regex).toHaveLength(1);
    expect(
      json<unknown[]>(await send(api(), 'GET', '/api/v2/alerts?active=false', undefined, bearer(key)), 200),
    ).toEqual([]);
    // Alerts in a maintenance window are shown as suppressed (silenced).
    ok(
      await api().call('POST', `/api/v1/services/${serviceId}/maintenance`, {
        body: {
          startsAt: new Date(api().clock.now()).toISOString(),
          endsAt: new Date(api().clock.now() + 3_600_000).toISOString(),
        },
      }),
      201,
    );
    await send(api(), 'POST', '/api/v2/alerts', [latency('web-9')], bearer(key));
    const active = json<Array<{ labels: Record<string, string> }>>(
      await send(api(), 'GET', '/api/v2/alerts?silenced=false', undefined, bearer(key)),
      200,
    );
    expect(active.map((a) => a.labels.instance).sort()).toEqual(['db-1', 'web-1']);
    const silenced = json<Array<{ status: { state: string } }>>(
      await send(api(), 'GET', '/api/v2/alerts?active=false&silenced=true', undefined, bearer(key)),
      200,
    );
    expect(silenced.map((a) => a.status.state)).toEqual(['suppressed']);
    expect(
      json<{ code: number }>(
        await send(api(), 'GET', '/api/v2/alerts?filter=%3D%3D', undefined, bearer(key)),
        400,
      ).code,
    ).toBe(400);
    expect(json<{ code: number }>(await send(api(), 'GET', '/api/v2/alerts'), 401).code).toBe(401);
  });

  it('matches filter regular expressions in linear time, and refuses what RE2 does not accept', async () => {
    const { key } = await integrationFor(api(), 'alertmanager');
    // With a backtracking engine, `(a+)+` against 40 a's and a b takes hours and blocks every
    // request; RE2 answers at once (the test's own time budget is the bound).
    const withPath = (instance: string, path: string) => {
      const alert = latency(instance);
      return { ...alert, labels: { ...alert.labels, path } };
    };
    await send(
      api(),
      'POST',
      '/api/v2/alerts',
      [withPath('evil', `${'a'.repeat(40)}b`), withPath('fine', 'a'.repeat(40))],
      bearer(key),
    );
    const filter = (matcher: string) =>
      send(api(), 'GET', `/api/v2/alerts?filter=${encodeURIComponent(matcher)}`, undefined, bearer(key));
    const [matching, health] = await Promise.all([
      filter('path=~"(a+)+"'),
      api().call('GET', '/healthz', { as: null }),
    ]);
    expect(health.statusCode).toBe(200);
    expect(
      json<Array<{ labels: { instance: string } }>>(matching, 200).map((a) => a.labels.instance),
    ).toEqual(['fine']);
    expect(
      json<Array<{ labels: { instance: string } }>>(await filter('path!~"(a+)+"'), 200).map(
        (a) => a.labels.instance,
      ),
    ).toEqual(['evil']);
    for (const invalid of ['path=~"(a)\\1"', 'path=~"(?=a)a"']) {
      const refused = json<{ code: number; message: string }>(await filter(invalid), 400);
      expect(refused).toEqual({
        code: 400,
        message: expect.stringMatching(/^bad regular expression in matcher: /),
      });
    }
    const receiver = await send(api(), 'GET', '/api/v2/alerts?receiver=(b)%5C1', undefined, bearer(key));
    expect(json<{ code: number; message: string }>(receiver, 400).message).toMatch(
      /^bad receiver regular expression/,
    );
  });

  it('answers GET /api/v2/status so amtool can check the version', async () => {
    const { key } = await integrationFor(api(), 'alertmanager');
    const status = json<Record<string, unknown>>(
      await send(api(), 'GET', `/integrations/alertmanager/${key}/api/v2/status`),
      200,
    );
    expect(status).toMatchObject({
      cluster: { name: 'beacon', status: 'ready', peers: [] },
      versionInfo: {
        version: 'beacon',
        revision: '',
        branch: '',
        buildUser: '',
        buildDate: '',
        goVersion: '',
      },
      config: { original: '' },
    });
    expect(Date.parse(status.uptime as string)).not.toBeNaN();
  });
});
