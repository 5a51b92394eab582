import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Integration, IntegrationWithKey } from '../core/schemas/alerting.js';
import type { IncidentPage } from '../core/schemas/incident.js';
import {
  BIN,
  type CliRun,
  type ServerProcess,
  argv,
  cleanEnv,
  freePort,
  runCli,
  runCliIntoClosedPipe,
  startServerProcess,
} from '../../test/support/cli/cli-harness.js';

// The real bin against a real server: services, integrations and a test alert through the
// inbound route into an incident; how the CLI finds the server; a closed pipe.
let dataDir: string;
let server: ServerProcess | undefined;
let token = '';
let key = '';

const portOf = (url: string) => new URL(url).port;
const remote = (extra: Record<string, string> = {}) =>
  cleanEnv({ BEACON_URL: server?.url ?? '', BEACON_TOKEN: token, ...extra });
const beacon = (args: string[]) => runCli(args, remote());
const succeeded = (run: CliRun) => {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-cli-alerts-'));
  server = await startServerProcess([BIN, 'serve'], {
    BEACON_DATA_DIR: dataDir,
    BEACON_ADMIN_EMAIL: 'admin@example.com',
    BEACON_ADMIN_PASSWORD: 'correct-horse-battery',
    LOG_LEVEL: 'warn',
  });
  const created = await runCli(
    argv`token create --email admin@example.com --name cli`,
    cleanEnv({ BEACON_DATA_DIR: dataDir }),
  );
  token = succeeded(created).trim();
}, 120_000);

afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('beacon service, integration and alert', () => {
  it('reaches the server at 127.0.0.1:$PORT without BEACON_URL; BEACON_URL wins over PORT', async () => {
    const url = server?.url ?? '';
    const byPort = await runCli(['service', 'list'], cleanEnv({ PORT: portOf(url), BEACON_TOKEN: token }));
    expect(succeeded(byPort)).toBe('no services yet (create one with "beacon service create")\n');
    const dead = String(await freePort());
    expect(succeeded(await runCli(['service', 'list'], remote({ PORT: dead })))).toContain('no services');
    const unreachable = await runCli(['service', 'list'], cleanEnv({ PORT: dead, BEACON_TOKEN: token }));
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain(`cannot reach Beacon at http://127.0.0.1:${dead}`);
    const badPort = await runCli(['service', 'list'], cleanEnv({ PORT: 'http', BEACON_TOKEN: token }));
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('PORT must be a port number');
  });

  it('creates and lists services', async () => {
    const created = await beacon(
      argv`service create ${'Checkout'} --tier 1 --description ${'Cart and payment'}`,
    );
    expect(succeeded(created)).toBe('service 1 "Checkout" created\n');
    const table = succeeded(await beacon(['service', 'list'])).split('\n');
    expect(table[0]).toMatch(/^ID\s+NAME\s+TIER\s+TEAM\s+OPEN$/);
    expect(table[1]).toMatch(/^\s*1\s+Checkout\s+1\s+-\s+0$/);
  });

  it('creates an integration, printing its key once with the URLs to send to', async () => {
    const run = await beacon(
      argv`integration create --service checkout --type alertmanager --name ${'Prometheus'}`,
    );
    const out = succeeded(run);
    key = /^Key:\s+([0-9a-f]{32})$/m.exec(out)?.[1] ?? '';
    expect(key).not.toBe('');
    const url = server?.url ?? '';
    expect(out).toContain(`${url}/integrations/alertmanager/${key}\n`);
    expect(out).toContain(`${url}/integrations/alertmanager-webhook/${key}\n`);
    expect(out).toContain(`BEACON_INTEGRATION_KEY=${key} beacon alert send`);

    const json = JSON.parse(
      succeeded(await beacon(argv`--json integration create --service 1 --type generic --name ${'Scripts'}`)),
    ) as IntegrationWithKey & { addresses: Array<{ address: string }> };
    expect(json.addresses.map((a) => a.address)).toEqual([`${url}/api/v1/events`]);

    const missing = await beacon(argv`integration create --service ${'no such'}`);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--service: no service "no such" (services: 1 "Checkout")');
  });

  it('lists integrations with only the first characters of their keys', async () => {
    const out = succeeded(await beacon(['integration', 'list', '--service', 'Checkout']));
    expect(out).toMatch(
      new RegExp(`Checkout\\s+alertmanager\\s+Prometheus\\s+${key.slice(0, 8)}…\\s+enabled`),
    );
    expect(out).toMatch(/Checkout\s+generic\s+Scripts\s+[0-9a-f]{8}…\s+enabled/);
    expect(out).not.toContain(key);
    const all = JSON.parse(succeeded(await beacon(['--json', 'integration', 'list']))) as {
      items: Integration[];
    };
    expect(all.items.map((i) => i.name)).toEqual(['Prometheus', 'Scripts']);
  });

  it('sends a test alert through the inbound route: it opens an incident, and resolves', async () => {
    const env = remote({ BEACON_INTEGRATION_KEY: key, BEACON_TOKEN: '' });
    const sent = await runCli(
      argv`alert send --summary ${'Disk full on db-1'} --dedup-key disk-db-1 --label env=prod`,
      env,
    );
    expect(succeeded(sent)).toBe('alert created (dedup key disk-db-1), incident INC-1\n');
    const page = JSON.parse(succeeded(await beacon(['--json', 'incident', 'list']))) as IncidentPage;
    expect(page.items).toEqual([expect.objectContaining({ ref: 'INC-1', title: 'Disk full on db-1' })]);
    const again = await runCli(
      argv`alert send --summary ${'Disk full on db-1'} --dedup-key disk-db-1 --label env=prod`,
      env,
    );
    expect(succeeded(again)).toBe(
      'alert unchanged (dedup key disk-db-1), incident INC-1\n' +
        'an alert with this key is still open: give another --summary or --dedup-key to raise a new one\n',
    );
    const resolved = await runCli(argv`alert send --resolve --dedup-key disk-db-1`, env);
    expect(succeeded(resolved)).toMatch(/^alert resolved \(dedup key disk-db-1\)/);

    const noKey = await runCli(['alert', 'send'], remote());
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('BEACON_INTEGRATION_KEY');
    const wrongKey = await runCli(['alert', 'send'], remote({ BEACON_INTEGRATION_KEY: '0'.repeat(32) }));
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/^error: /);
  });

  it('exits quietly with 0 when the reader of its output is gone (| head -1)', async () => {
    for (const args of [['incident', 'list'], ['--help'], ['service', 'list']]) {
      expect(await runCliIntoClosedPipe(args, remote())).toEqual({ code: 0, stderr: '' });
    }
  });
});
