/**
 * Prometheus 2.42 (Debian's package) with Beacon as its Alertmanager: once with the
 * integration key in `path_prefix`, once as a bearer token (`authorization.credentials`).
 * A rule starts firing and stops firing through config reloads; Beacon opens an incident and
 * auto-resolves it when Prometheus sends the resolved alert.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, Beacon, Child, freePort, haveBinaries, tempDir, waitFor } from './support.js';

const available = haveBinaries(['prometheus'], 'Prometheus → Beacon');

function prometheusYml(beaconPort: number, pathKey: string, bearerKey: string): string {
  return `global:
  evaluation_interval: 1s
rule_files: [rules.yml]
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:${beaconPort}']
      path_prefix: /integrations/alertmanager/${pathKey}
      api_version: v2
    - static_configs:
        - targets: ['127.0.0.1:${beaconPort}']
      path_prefix: /
      api_version: v2
      authorization:
        credentials: ${bearerKey}
`;
}

function rulesYml(expr: string): string {
  return `groups:
  - name: beacon
    rules:
      - alert: AlwaysFiring
        expr: ${expr}
        for: 0s
        labels:
          severity: warning
          team: platform
        annotations:
          summary: Always firing
          runbook_url: https://runbooks.example.com/always-firing
`;
}

async function startPrometheus(
  dir: string,
  flags: string[],
): Promise<{ prometheus: Child; promUrl: string }> {
  const port = await freePort();
  const promUrl = `http://127.0.0.1:${port}`;
  const prometheus = Child.spawn(
    'prometheus',
    BIN.prometheus,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--web.external-url=${promUrl}`,
      '--web.enable-lifecycle',
      ...flags,
    ],
    dir,
  );
  await prometheus.waitReady(`${promUrl}/-/ready`);
  return { prometheus, promUrl };
}

describe.skipIf(!available)('Prometheus → Beacon as its Alertmanager', () => {
  let beacon: Beacon;
  let prometheus: Child | undefined;
  let dir: string;
  let promUrl: string;
  let byPath: { serviceId: number; key: string };
  let byBearer: { serviceId: number; key: string };

  beforeAll(async () => {
    dir = tempDir('prometheus');
    beacon = await Beacon.start();
    byPath = await beacon.serviceWithIntegration('prometheus path key', 'alertmanager');
    byBearer = await beacon.serviceWithIntegration('prometheus bearer key', 'alertmanager');
    fs.writeFileSync(path.join(dir, 'prometheus.yml'), prometheusYml(beacon.port, byPath.key, byBearer.key));
    fs.writeFileSync(path.join(dir, 'rules.yml'), rulesYml('vector(1) == 0'));
    ({ prometheus, promUrl } = await startPrometheus(dir, [
      // Prometheus drops the alerts it evaluates while it (re)discovers its Alertmanagers —
      // up to 5 s after it starts or reloads — and sends them again after this delay
      // (default 1 minute; 10 s keeps the test short).
      '--rules.alert.resend-delay=10s',
    ]));
  });
  afterAll(async () => {
    await prometheus?.stop();
    await beacon?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Prometheus's notifier counters, for failure messages. */
  const notifierState = async () => {
    const metrics = await fetch(`${promUrl}/metrics`).then((r) => r.text(), String);
    const counters = metrics.split('\n').filter((line) => line.startsWith('prometheus_notifications_'));
    return `${counters.join('\n')}\n${prometheus?.logs() ?? ''}`;
  };
  let lastState = '';
  const describeLast = () => lastState;
  const refreshState = () => {
    void notifierState().then((state) => (lastState = state));
  };

  async function reloadWith(expr: string): Promise<void> {
    fs.writeFileSync(path.join(dir, 'rules.yml'), rulesYml(expr));
    const res = await fetch(`${promUrl}/-/reload`, { method: 'POST' });
    expect(res.status, await res.text()).toBe(200);
    await waitFor('the reloaded rule', async () => {
      const rules = (await (await fetch(`${promUrl}/api/v1/rules`)).json()) as {
        data: { groups: Array<{ rules: Array<{ query: string }> }> };
      };
      return rules.data.groups[0]?.rules[0]?.query === expr ? true : undefined;
    });
  }

  it('opens an incident per service when the rule fires and auto-resolves it when the rule stops', async () => {
    const activeAlertmanagers = await waitFor(
      'Prometheus to discover both Beacon targets',
      async () => {
        const body = (await (await fetch(`${promUrl}/api/v1/alertmanagers`)).json()) as {
          data: { activeAlertmanagers: Array<{ url: string }> };
        };
        const urls = body.data.activeAlertmanagers.map((am) => am.url);
        return urls.length === 2 ? urls : undefined;
      },
      60_000,
    );
    expect(activeAlertmanagers.sort()).toEqual(
      [
        `http://127.0.0.1:${beacon.port}/api/v2/alerts`,
        `http://127.0.0.1:${beacon.port}/integrations/alertmanager/${byPath.key}/api/v2/alerts`,
      ].sort(),
    );

    await reloadWith('vector(1)');
    const timer = setInterval(refreshState, 2_000);
    try {
      const firing = (serviceId: number, what: string) =>
        beacon.waitForAlert(
          serviceId,
          what,
          (a, i) => a.status === 'firing' && i.status === 'triggered',
          // The first send is dropped if Prometheus is still rediscovering after the reload.
          90_000,
          describeLast,
        );
      const before = await Promise.all([
        firing(byPath.serviceId, 'the alert sent with the key in path_prefix'),
        firing(byBearer.serviceId, 'the alert sent with the key as bearer token'),
      ]);
      for (const { alert, incident } of before) {
        expect(alert.labels).toEqual({ alertname: 'AlwaysFiring', severity: 'warning', team: 'platform' });
        expect(alert).toMatchObject({ summary: 'Always firing', severity: 'warning' });
        expect(alert.links).toEqual([
          { href: expect.stringContaining(`${promUrl}/graph?g0.expr=vector`) as unknown, text: 'Source' },
          { href: 'https://runbooks.example.com/always-firing', text: 'Runbook' },
        ]);
        // While the rule fires Prometheus sends endsAt 4 × the resend delay (10 s) ahead.
        expect(Date.parse(alert.endsAt ?? '')).toBeGreaterThan(Date.now());
        expect(incident).toMatchObject({ title: 'Always firing', severity: 'SEV3' });
      }
      expect(before[0].alert.dedupKey).toBe(before[1].alert.dedupKey);

      await reloadWith('vector(1) == 0');
      const resolved = (serviceId: number, what: string) =>
        beacon.waitForAlert(
          serviceId,
          what,
          (a, i) => a.status === 'resolved' && i.status === 'resolved',
          90_000,
          describeLast,
        );
      const after = await Promise.all([
        resolved(byPath.serviceId, 'the path_prefix alert resolved'),
        resolved(byBearer.serviceId, 'the bearer alert resolved'),
      ]);
      for (const [i, { alert, incident }] of after.entries()) {
        expect(alert.id).toBe(before[i]?.alert.id);
        expect(incident.ref).toBe(before[i]?.incident.ref);
        // Resolved by the alert Prometheus sent with endsAt in the past, not by expiry.
        const history = await beacon.history(alert.id);
        expect(history.map((h) => h.kind)).toEqual(['trigger', 'resolve']);
        const payload = history[1]?.payload as { endsAt: string };
        expect(Date.parse(payload.endsAt)).toBeLessThanOrEqual(Date.now());
      }
    } finally {
      clearInterval(timer);
    }
  }, 240_000);
});

// Prometheus with a short resend delay sends endsAt only a few seconds ahead: every re-send
// must keep the stored expiry ahead, or the alert would expire between re-sends and flap.
describe.skipIf(!available)('Prometheus with a short resend delay → Beacon', () => {
  let beacon: Beacon;
  let prometheus: Child | undefined;
  let dir: string;
  let service: { serviceId: number; key: string };

  beforeAll(async () => {
    dir = tempDir('prometheus-resend');
    beacon = await Beacon.start();
    service = await beacon.serviceWithIntegration('prometheus resend 1s', 'alertmanager');
    fs.writeFileSync(path.join(dir, 'prometheus.yml'), prometheusYml(beacon.port, service.key, service.key));
    fs.writeFileSync(path.join(dir, 'rules.yml'), rulesYml('vector(1)'));
    // endsAt is 4 s ahead, re-sent every second.
    ({ prometheus } = await startPrometheus(dir, ['--rules.alert.resend-delay=1s']));
    await beacon.waitForAlert(service.serviceId, 'the first alert', (a) => a.status === 'firing', 60_000);
  });
  afterAll(async () => {
    await prometheus?.stop();
    await beacon?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps one firing alert while Prometheus keeps re-sending it', async () => {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const alerts = await beacon.alerts(service.serviceId);
      expect(alerts.map((a) => [a.status, a.incident?.ref])).toEqual([['firing', 'INC-1']]);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
});
