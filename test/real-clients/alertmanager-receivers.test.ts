/**
 * Alertmanager 0.25 (Debian's prometheus-alertmanager) forwarding to Beacon through its
 * webhook, PagerDuty and Opsgenie receivers at once: an alert fires, then resolves, and each
 * Beacon service sees it open an incident and then auto-resolve it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, Beacon, Child, amtool, freePort, haveBinaries, rfc3339, tempDir } from './support.js';

const available = haveBinaries(['alertmanager', 'amtool'], 'Alertmanager → Beacon receivers');

interface Services {
  webhook: { serviceId: number; key: string };
  pagerduty: { serviceId: number; key: string };
  opsgenie: { serviceId: number; key: string };
  direct: { serviceId: number; key: string };
}

function alertmanagerYml(beaconUrl: string, s: Services): string {
  return `global:
  resolve_timeout: 5m
route:
  receiver: blackhole
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
  routes:
    - receiver: beacon-webhook
      continue: true
    - receiver: beacon-pagerduty
      continue: true
    - receiver: beacon-opsgenie
      continue: true
receivers:
  - name: blackhole
  - name: beacon-webhook
    webhook_configs:
      - url: ${beaconUrl}/integrations/alertmanager-webhook/${s.webhook.key}
  - name: beacon-pagerduty
    pagerduty_configs:
      - routing_key: ${s.pagerduty.key}
        url: ${beaconUrl}/v2/enqueue
  - name: beacon-opsgenie
    opsgenie_configs:
      - api_key: ${s.opsgenie.key}
        api_url: ${beaconUrl}/
`;
}

describe.skipIf(!available)('Alertmanager → Beacon (webhook, PagerDuty and Opsgenie receivers)', () => {
  let beacon: Beacon;
  let alertmanager: Child | undefined;
  let dir: string;
  let amUrl: string;
  let services: Services;

  beforeAll(async () => {
    dir = tempDir('alertmanager');
    beacon = await Beacon.start();
    services = {
      webhook: await beacon.serviceWithIntegration('via webhook', 'alertmanager'),
      pagerduty: await beacon.serviceWithIntegration('via pagerduty', 'pagerduty'),
      opsgenie: await beacon.serviceWithIntegration('via opsgenie', 'opsgenie'),
      direct: await beacon.serviceWithIntegration('direct', 'alertmanager'),
    };
    const config = path.join(dir, 'alertmanager.yml');
    fs.writeFileSync(config, alertmanagerYml(beacon.url, services));
    const port = await freePort();
    amUrl = `http://127.0.0.1:${port}`;
    alertmanager = Child.spawn(
      'alertmanager',
      BIN.alertmanager,
      [
        `--config.file=${config}`,
        `--storage.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
      ],
      dir,
    );
    await alertmanager.waitReady(`${amUrl}/-/ready`);
  });
  afterAll(async () => {
    await alertmanager?.stop();
    await beacon?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const labels = ['alertname=ApiDown', 'instance=api-1', 'severity=critical', 'team=payments'];
  const add = (...extra: string[]) =>
    amtool(
      [
        `--alertmanager.url=${amUrl}`,
        'alert',
        'add',
        ...labels,
        '--annotation=summary=API down on api-1',
        ...extra,
      ],
      dir,
    );

  it('opens an incident in each service when the alert fires, and auto-resolves them when it resolves', async () => {
    const fired = await add();
    expect(fired, fired.stderr).toMatchObject({ code: 0 });
    const logs = () => alertmanager?.logs() ?? '';
    const firing = (s: { serviceId: number }, what: string) =>
      beacon.waitForAlert(
        s.serviceId,
        what,
        (a, i) => a.status === 'firing' && i.status === 'triggered',
        30_000,
        logs,
      );
    const [webhook, pagerduty, opsgenie] = await Promise.all([
      firing(services.webhook, 'the webhook alert'),
      firing(services.pagerduty, 'the PagerDuty alert'),
      firing(services.opsgenie, 'the Opsgenie alert'),
    ]);

    // Webhook: one Beacon alert per Alertmanager alert, with its labels and annotations.
    expect(webhook.alert.labels).toEqual({
      alertname: 'ApiDown',
      instance: 'api-1',
      severity: 'critical',
      team: 'payments',
    });
    expect(webhook.alert).toMatchObject({ summary: 'API down on api-1', severity: 'critical' });
    expect(webhook.incident).toMatchObject({ title: 'API down on api-1', severity: 'SEV1' });
    // Keyed by Alertmanager's fingerprint, which Beacon's API v2 computes the same way.
    const [amAlert] = (await (await fetch(`${amUrl}/api/v2/alerts`)).json()) as Array<{
      fingerprint: string;
    }>;
    expect(webhook.alert.dedupKey).toBe(amAlert?.fingerprint);
    const direct = await amtool(
      [
        `--alertmanager.url=${beacon.url}/integrations/alertmanager/${services.direct.key}`,
        '--no-version-check',
        'alert',
        'add',
        ...labels,
      ],
      dir,
    );
    expect(direct.code).toBe(0);
    const [directAlert] = await beacon.alerts(services.direct.serviceId);
    expect(directAlert?.dedupKey).toBe(amAlert?.fingerprint);

    // PagerDuty and Opsgenie: one alert per Alertmanager group, titled by Alertmanager's template.
    expect(pagerduty.alert.summary).toMatch(/^\[FIRING:1\] ApiDown/);
    expect(pagerduty.alert.severity).toBe('error'); // pagerduty_configs' default severity
    expect(opsgenie.alert.summary).toMatch(/^\[FIRING:1\] ApiDown/);
    expect(opsgenie.alert.severity).toBe('warning'); // no priority set: Opsgenie's P3

    const resolved = await add(`--end=${rfc3339(-60_000)}`);
    expect(resolved, resolved.stderr).toMatchObject({ code: 0 });
    const done = (s: { serviceId: number }, what: string) =>
      beacon.waitForAlert(
        s.serviceId,
        what,
        (a, i) => a.status === 'resolved' && i.status === 'resolved',
        30_000,
        logs,
      );
    const after = await Promise.all([
      done(services.webhook, 'the webhook alert resolved'),
      done(services.pagerduty, 'the PagerDuty alert resolved'),
      done(services.opsgenie, 'the Opsgenie alert closed'),
    ]);
    const before = [webhook, pagerduty, opsgenie];
    after.forEach((a, i) => {
      expect(a.alert.id).toBe(before[i]?.alert.id);
      expect(a.incident.ref).toBe(before[i]?.incident.ref);
    });

    // Each was resolved by what Alertmanager sent, not by an expiry.
    const [webhookHistory, pagerdutyHistory, opsgenieHistory] = await Promise.all([
      beacon.history(webhook.alert.id),
      beacon.history(pagerduty.alert.id),
      beacon.history(opsgenie.alert.id),
    ]);
    expect(webhookHistory.map((h) => h.kind)).toEqual(['trigger', 'resolve']);
    expect(webhookHistory[1]?.payload).toMatchObject({
      status: 'resolved',
      labels: { alertname: 'ApiDown' },
    });
    expect(pagerdutyHistory.map((h) => h.kind)).toEqual(['trigger', 'resolve']);
    expect(pagerdutyHistory[1]?.payload).toMatchObject({
      event_action: 'resolve',
      dedup_key: pagerduty.alert.dedupKey,
    });
    // Alertmanager closes its Opsgenie alert with POST /v2/alerts/<alias>/close?identifierType=alias.
    expect(opsgenieHistory.map((h) => h.kind)).toEqual(['trigger', 'resolve']);
    expect(opsgenieHistory[0]?.payload).toMatchObject({ alias: opsgenie.alert.dedupKey });
    expect(opsgenieHistory[1]?.payload).toEqual({
      source: expect.stringContaining('receiver=beacon-opsgenie') as unknown,
    });
  }, 120_000);
});
