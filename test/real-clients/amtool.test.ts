/**
 * amtool 0.25 (Debian's prometheus-alertmanager package) against Beacon's Alertmanager API v2:
 * alert add, alert query and resolving with --end, with the key in the path and in an HTTP
 * config file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Beacon, amtool, haveBinaries, rfc3339, tempDir, waitFor } from './support.js';

const available = haveBinaries(['amtool'], 'amtool → Beacon');

describe.skipIf(!available)('amtool → Beacon (Alertmanager API v2)', () => {
  let beacon: Beacon;
  let home: string;
  let service: { serviceId: number; key: string };

  beforeAll(async () => {
    home = tempDir('amtool');
    beacon = await Beacon.start();
    service = await beacon.serviceWithIntegration('database', 'alertmanager');
  });
  afterAll(async () => {
    await beacon?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  const keyed = () => [
    `--alertmanager.url=${beacon.url}/integrations/alertmanager/${service.key}`,
    '--no-version-check',
  ];
  const diskFull = [
    'alertname=DiskFull',
    'instance=db1',
    'severity=critical',
    '--annotation=summary=Disk full on db1',
  ];

  it('adds an alert (incident opened), queries it, and resolves it with --end in the past', async () => {
    const added = await amtool([...keyed(), 'alert', 'add', ...diskFull], home);
    expect(added, added.stderr).toMatchObject({ code: 0 });

    const { alert, incident } = await beacon.waitForAlert(
      service.serviceId,
      'the DiskFull alert with an incident',
      (a) => a.status === 'firing',
    );
    expect(alert.labels).toEqual({ alertname: 'DiskFull', instance: 'db1', severity: 'critical' });
    expect(alert.summary).toBe('Disk full on db1');
    expect(alert.severity).toBe('critical');
    expect(incident).toMatchObject({ title: 'Disk full on db1', status: 'triggered', severity: 'SEV1' });

    const query = await amtool([...keyed(), 'alert', 'query'], home);
    expect(query, query.stderr).toMatchObject({ code: 0 });
    expect(query.stdout).toContain('DiskFull');
    expect(query.stdout).toContain('Disk full on db1');

    // The fingerprint amtool shows is the dedup key Beacon keeps the alert under.
    const json = await amtool([...keyed(), '-o', 'json', 'alert', 'query'], home);
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout) as Array<{ fingerprint: string; labels: Record<string, string> }>;
    expect(listed).toHaveLength(1);
    expect(listed[0]?.fingerprint).toBe(alert.dedupKey);

    const matching = await amtool([...keyed(), 'alert', 'query', 'instance=~"db.*"'], home);
    expect(matching.stdout).toContain('DiskFull');
    const other = await amtool([...keyed(), 'alert', 'query', 'instance="web-1"'], home);
    expect(other.code).toBe(0);
    expect(other.stdout).not.toContain('DiskFull');

    const resolved = await amtool(
      [...keyed(), 'alert', 'add', ...diskFull, `--end=${rfc3339(-60_000)}`],
      home,
    );
    expect(resolved, resolved.stderr).toMatchObject({ code: 0 });
    const after = await beacon.waitForAlert(
      service.serviceId,
      'the DiskFull alert resolved and its incident auto-resolved',
      (a, i) => a.status === 'resolved' && i.status === 'resolved',
    );
    expect(after.alert.id).toBe(alert.id);
    expect(after.incident.ref).toBe(incident.ref);
    // Resolved by the posted endsAt, not by expiry.
    expect((await beacon.history(alert.id)).map((h) => h.kind)).toEqual(['trigger', 'resolve']);

    const empty = await amtool([...keyed(), 'alert', 'query'], home);
    expect(empty.code).toBe(0);
    expect(empty.stdout).not.toContain('DiskFull');
  }, 120_000);

  it('authenticates with --http.config.file (bearer credentials or basic auth) at the plain URL', async () => {
    const bearer = path.join(home, 'bearer.yml');
    fs.writeFileSync(bearer, `authorization:\n  credentials: ${service.key}\n`);
    const basic = path.join(home, 'basic.yml');
    fs.writeFileSync(basic, `basic_auth:\n  username: amtool\n  password: ${service.key}\n`);
    const wrong = path.join(home, 'wrong.yml');
    fs.writeFileSync(wrong, `authorization:\n  credentials: ${'0'.repeat(32)}\n`);
    const at = (file: string) => [
      `--alertmanager.url=${beacon.url}`,
      '--no-version-check',
      `--http.config.file=${file}`,
    ];

    const added = await amtool(
      [
        ...at(bearer),
        'alert',
        'add',
        'HighLatency',
        'instance=web-1',
        '--annotation=summary=p99 above 500 ms',
      ],
      home,
    );
    expect(added, added.stderr).toMatchObject({ code: 0 });
    const firing = await waitForSummary(beacon, service.serviceId, 'p99 above 500 ms');
    expect(firing.labels).toEqual({ alertname: 'HighLatency', instance: 'web-1' });

    for (const file of [bearer, basic]) {
      const query = await amtool([...at(file), 'alert', 'query', 'alertname=HighLatency'], home);
      expect(query, query.stderr).toMatchObject({ code: 0 });
      expect(query.stdout).toContain('p99 above 500 ms');
    }

    const refused = await amtool([...at(wrong), 'alert', 'query'], home);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/401|unauthori[sz]ed/i);
    const refusedAdd = await amtool([...at(wrong), 'alert', 'add', 'Nope', 'instance=x'], home);
    expect(refusedAdd.code).not.toBe(0);
    expect((await beacon.alerts(service.serviceId)).some((a) => a.labels.alertname === 'Nope')).toBe(false);
  }, 120_000);
});

function waitForSummary(beacon: Beacon, serviceId: number, summary: string) {
  return waitFor(`an alert "${summary}" with an incident`, async () => {
    const alert = (await beacon.alerts(serviceId)).find((a) => a.summary === summary);
    return alert?.incident ? alert : undefined;
  });
}
