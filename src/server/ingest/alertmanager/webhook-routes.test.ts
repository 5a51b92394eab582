import { expect, it } from 'vitest';
import type { Incident } from '../../../core/schemas/incident.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  expectNothingStored,
  integrationFor,
  json,
  listAlerts,
  listIncidents,
  send,
} from '../../../../test/support/server/ingest/inbound-test-helpers.js';

const diskAlert = (status: 'firing' | 'resolved', instance: string, fingerprint: string) => ({
  status,
  labels: { alertname: 'DiskRunningFull', dev: 'sda1', instance, severity: 'warning' },
  annotations: { summary: `Disk sda1 on ${instance} is almost full`, description: 'Less than 5% left' },
  startsAt: '2026-03-01T11:58:00.000Z',
  endsAt: status === 'resolved' ? '2026-03-01T12:10:00.000Z' : '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus.example.com:9090/graph?g0.expr=disk_free%3C0.05',
  fingerprint,
});

// A version "4" notification as Alertmanager's webhook receiver sends it (docs: webhook_config).
const notification = (status: 'firing' | 'resolved') => ({
  receiver: 'beacon',
  status,
  alerts: [
    diskAlert(status, 'example1', '4c1b2d0f6e35a18e'),
    diskAlert(status, 'example2', '9a5e52c43b5d8c07'),
  ],
  groupLabels: { alertname: 'DiskRunningFull' },
  commonLabels: { alertname: 'DiskRunningFull', dev: 'sda1', severity: 'warning' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager.example.com:9093',
  version: '4',
  groupKey: '{}:{alertname="DiskRunningFull"}',
  truncatedAlerts: 0,
  notification_reason: 'new alerts',
});

describeEachDialect('Alertmanager webhook inbound', (dialect) => {
  const api = useApiHarness(dialect);

  it('turns each firing alert into an alert keyed by its fingerprint, in one incident', async () => {
    const { key } = await integrationFor(api(), 'alertmanager');
    const reply = json(
      await send(api(), 'POST', `/integrations/alertmanager-webhook/${key}`, notification('firing')),
      200,
    );
    expect(reply).toEqual({ status: 'success' });
    const alerts = await listAlerts(api());
    expect(alerts.map((a) => a.dedupKey).sort()).toEqual(['4c1b2d0f6e35a18e', '9a5e52c43b5d8c07']);
    expect(alerts[0]).toMatchObject({ status: 'firing', severity: 'warning', endsAt: null });
    expect(alerts.map((a) => a.summary).sort()).toEqual([
      'Disk sda1 on example1 is almost full',
      'Disk sda1 on example2 is almost full',
    ]);
    expect(await listIncidents(api())).toHaveLength(1);
  });

  it('takes the key as a bearer token too; a re-send is a no-op; resolved resolves', async () => {
    const { key } = await integrationFor(api(), 'alertmanager');
    const headers = { authorization: `Bearer ${key}` };
    await send(api(), 'POST', '/integrations/alertmanager-webhook', notification('firing'), headers);
    const before = await listAlerts(api());
    api().clock.advance(4 * 3_600_000);
    json(
      await send(api(), 'POST', '/integrations/alertmanager-webhook', notification('firing'), headers),
      200,
    );
    expect((await listAlerts(api())).map((a) => [a.id, a.eventCount])).toEqual(
      before.map((a) => [a.id, a.eventCount]),
    );
    json(
      await send(api(), 'POST', '/integrations/alertmanager-webhook', notification('resolved'), headers),
      200,
    );
    expect((await listAlerts(api())).map((a) => a.status)).toEqual(['resolved', 'resolved']);
    const incidents = await listIncidents(api());
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.status).toBe('resolved');
  });

  it("groups by Alertmanager's groupKey; an alert still firing after a hand resolve opens the incident again", async () => {
    const { key } = await integrationFor(api(), 'alertmanager');
    const url = `/integrations/alertmanager-webhook/${key}`;
    const latency = {
      ...notification('firing'),
      alerts: [
        {
          ...diskAlert('firing', 'web-1', '0d1e2f3a4b5c6d7e'),
          labels: { alertname: 'HighLatency', instance: 'web-1', severity: 'critical' },
          annotations: { summary: 'Checkout p99 above 2 s' },
        },
      ],
      groupLabels: { alertname: 'HighLatency' },
      commonLabels: { alertname: 'HighLatency' },
      groupKey: '{}:{alertname="HighLatency"}',
    };
    json(await send(api(), 'POST', url, notification('firing')), 200);
    json(await send(api(), 'POST', url, latency), 200);
    const opened = await listIncidents(api());
    expect(opened.map((i) => [i.ref, i.title]).sort()).toEqual([
      ['INC-1', 'Disk sda1 on example1 is almost full'],
      ['INC-2', 'Checkout p99 above 2 s'],
    ]);
    ok(
      await api().call('POST', '/api/v1/incidents/INC-1/resolve', {
        as: 'responder',
        body: { resolutionSummary: 'Freed space' },
      }),
    );
    expect(
      (await listAlerts(api())).filter((a) => a.status === 'firing').map((a) => a.incident?.ref),
    ).toEqual(['INC-2']);
    // Alertmanager repeats the notification (repeat_interval): the disks are still full.
    api().clock.advance(10 * 60_000);
    json(await send(api(), 'POST', url, notification('firing')), 200);
    const incident = ok<Incident>(await api().call('GET', '/api/v1/incidents/INC-1', { as: 'viewer' }));
    expect(incident.status).toBe('triggered');
    const firing = (await listAlerts(api())).filter((a) => a.status === 'firing');
    expect(firing.map((a) => a.incident?.ref).sort()).toEqual(['INC-1', 'INC-1', 'INC-2']);
    expect(await listIncidents(api())).toHaveLength(2);
  });

  it('keeps the groups of a route that groups by labels; a route that groups by nothing is split by alertname', async () => {
    const { key } = await integrationFor(api(), 'alertmanager');
    const url = `/integrations/alertmanager-webhook/${key}`;
    const twoKinds = (cluster: string) => [
      { ...diskAlert('firing', `db-${cluster}`, `d${cluster}`), labels: { alertname: 'DiskFull', cluster } },
      {
        ...diskAlert('firing', `web-${cluster}`, `l${cluster}`),
        labels: { alertname: 'HighLatency', cluster },
        annotations: { summary: `Checkout p99 above 2 s in ${cluster}` },
      },
    ];
    const byCluster = {
      ...notification('firing'),
      alerts: twoKinds('eu'),
      groupLabels: { cluster: 'eu' },
      groupKey: '{}:{cluster="eu"}',
    };
    json(await send(api(), 'POST', url, byCluster), 200);
    expect(await listIncidents(api())).toHaveLength(1);
    const ungrouped = {
      ...notification('firing'),
      alerts: twoKinds('us'),
      groupLabels: {},
      groupKey: '{}:{}',
    };
    json(await send(api(), 'POST', url, ungrouped), 200);
    expect(await listIncidents(api())).toHaveLength(3);
  });

  it('answers malformed notifications with 400 {status: "error"} and stores nothing', async () => {
    const { key } = await integrationFor(api(), 'alertmanager');
    const broken = {
      ...notification('firing'),
      alerts: [{ status: 'firing', labels: {} }, diskAlert('firing', 'x', 'f')],
    };
    for (const body of [
      '{"alerts": [',
      '[]',
      { version: '4' },
      broken,
      { alerts: [{ status: 'sleeping', labels: { a: 'b' } }] },
    ]) {
      const reply = json<{ status: string; message: string }>(
        await send(api(), 'POST', `/integrations/alertmanager-webhook/${key}`, body),
        400,
      );
      expect(reply.status).toBe('error');
      expect(reply.message).not.toBe('');
    }
    await expectNothingStored(api());
  });

  it('refuses a request without a key with 401 {status: "error"}', async () => {
    expect(
      json<{ status: string }>(
        await send(api(), 'POST', '/integrations/alertmanager-webhook', notification('firing')),
        401,
      ).status,
    ).toBe('error');
    await expectNothingStored(api());
  });
});
