import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PublicIncidentState, PublicUpdate } from '../core/schemas/status-page.js';
import {
  BIN,
  type CliRun,
  type ServerProcess,
  argv,
  cleanEnv,
  runCli,
  startServerProcess,
  stopChild,
} from '../../test/support/cli/cli-harness.js';

// The real bin against a real server: the page's state, its components, publishing an update.
let dataDir: string;
let server: ServerProcess | undefined;
let token = '';
let viewerToken = '';

const remote = (extra: Record<string, string> = {}) =>
  cleanEnv({ BEACON_URL: server?.url ?? '', BEACON_TOKEN: token, ...extra });
const beacon = (args: string[]) => runCli(args, remote());
const succeeded = (run: CliRun) => {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
};

/** An admin API call with the CLI's token, for what the CLI does not do (the page's set-up). */
async function post<T>(route: string, body: unknown): Promise<T> {
  const response = await fetch(`${server?.url ?? ''}/api/v1${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, `${route}: ${await response.clone().text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-cli-status-'));
  server = await startServerProcess([BIN, 'serve'], {
    BEACON_DATA_DIR: dataDir,
    BEACON_ADMIN_EMAIL: 'admin@example.com',
    BEACON_ADMIN_PASSWORD: 'correct-horse-battery',
    LOG_LEVEL: 'warn',
  });
  const local = cleanEnv({ BEACON_DATA_DIR: dataDir });
  token = succeeded(await runCli(argv`token create --email admin@example.com --name cli`, local)).trim();
  succeeded(
    await runCli(
      argv`user add --email viewer@example.com --role viewer --password-stdin`,
      local,
      'long-enough-password\n',
    ),
  );
  viewerToken = succeeded(
    await runCli(argv`token create --email viewer@example.com --name cli`, local),
  ).trim();
  const service = await post<{ id: number }>('/services', { name: 'Payments API' });
  const group = await post<{ id: number }>('/status-page/groups', { name: 'Payments' });
  await post('/status-page/components', { name: 'Checkout', groupId: group.id, serviceIds: [service.id] });
  await post('/status-page/components', {
    name: 'Website',
    statusMode: 'manual',
    manualStatus: 'operational',
  });
  succeeded(await beacon(argv`incident declare --title ${'pg-primary failover loop'} --severity SEV2`));
}, 120_000);

afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('beacon status', () => {
  it('shows the components in page order and no published incident before anything is published', async () => {
    const state = succeeded(await beacon(['status'])).split('\n');
    expect(state[0]).toMatch(/^Status page ".+" at http:\/\/.+\/status$/);
    expect(state.slice(2, 5)).toEqual([
      expect.stringMatching(/^GROUP\s+COMPONENT\s+STATUS$/),
      expect.stringMatching(/^Payments\s+Checkout\s+operational$/),
      expect.stringMatching(/^-\s+Website\s+operational$/),
    ]);
    expect(state).toContain('no published incident is unresolved');
    const details = succeeded(await beacon(['status', 'components']));
    expect(details).toMatch(/^\s*1\s+Checkout\s+Payments\s+operational\s+derived\s+Payments API\s+shown$/m);
    expect(details).toMatch(/^\s*2\s+Website\s+-\s+operational\s+manual\s+-\s+shown$/m);
  });

  it('publishes an update with a component status, which the page state then shows', async () => {
    const published = await beacon(
      argv`status publish INC-1 --status identified --message ${'Some card payments fail.'} --component checkout=partial_outage --title ${'Card payments failing'} --impact minor`,
    );
    expect(succeeded(published)).toBe(
      'public update published on INC-1 (identified; Checkout partial_outage)\n',
    );
    const state = succeeded(await beacon(['status']));
    expect(state).toMatch(/^Payments\s+Checkout\s+partial_outage$/m);
    expect(state).toMatch(/^INC-1\s+Card payments failing\s+identified\s+minor\s+\d+s ago$/m);
    const json = JSON.parse(succeeded(await beacon(['--json', 'status']))) as {
      incidents: Array<PublicIncidentState & { ref: string }>;
    };
    expect(json.incidents.map((i) => [i.ref, i.items[0]?.message])).toEqual([
      ['INC-1', 'Some card payments fail.'],
    ]);

    const second = JSON.parse(
      succeeded(
        await beacon(argv`--json status publish INC-1 --status monitoring --message ${'Fix deployed.'}`),
      ),
    ) as PublicUpdate;
    expect(second).toMatchObject({ incidentRef: 'INC-1', status: 'monitoring', message: 'Fix deployed.' });
    // Resolving in Beacon publishes nothing: the page still shows the incident until a resolved update.
    succeeded(await beacon(argv`incident resolve INC-1 --summary ${'Rolled back'}`));
    expect(succeeded(await beacon(['status']))).toMatch(
      /^INC-1\s+Card payments failing\s+monitoring\s+minor/m,
    );
  });

  it('refuses unknown components, bad usage and viewers, publishing nothing', async () => {
    const unknown = await beacon(
      argv`status publish INC-1 --status identified --message x --component ${'api=major_outage'}`,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      '--component: no component "api" (components: 1 "Checkout", 2 "Website")',
    );
    const noMessage = await beacon(argv`status publish INC-1 --status identified`);
    expect(noMessage.code).toBe(2);
    expect(noMessage.stderr).toContain("required option '--message <text>' not specified");
    const empty = await beacon(argv`status publish INC-1 --status identified --message ${' '}`);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/message/i);
    const viewer = await runCli(
      argv`status publish INC-1 --status resolved --message ${'Fixed.'}`,
      remote({ BEACON_TOKEN: viewerToken }),
    );
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toMatch(/^error: /);
    const state = JSON.parse(succeeded(await beacon(['--json', 'status']))) as {
      incidents: Array<PublicIncidentState & { ref: string }>;
    };
    expect(state.incidents[0]?.items.map((u) => u.status)).toEqual(['monitoring', 'identified']);
  });

  it('exports the page as static files, and with --watch writes again and syncs when it changes', async () => {
    const out = path.join(dataDir, 'export');
    const local = cleanEnv({ BEACON_DATA_DIR: dataDir });
    const once = succeeded(
      await runCli(argv`status export ${out} --public-url ${'https://status.example.org'}`, local),
    );
    expect(once).toMatch(/^.*export: wrote \d+ files \(0 unchanged\)\n$/);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('Checkout');
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'api/v2/summary.json'), 'utf8')) as {
      page: { url: string };
    };
    expect(summary.page.url).toBe('https://status.example.org');
    expect(fs.existsSync(path.join(out, '_headers'))).toBe(true);
    const badUrl = await runCli(argv`status export ${out} --public-url ${'status.example.org'}`, local);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('--public-url must be an absolute http(s) URL');

    const runs = path.join(dataDir, 'syncs');
    const watcher = spawn(
      process.execPath,
      [BIN, 'status', 'export', out, '--watch', '--interval', '0.2', '--after', `echo synced >> '${runs}'`],
      { env: local, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    watcher.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    watcher.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      // The first write changed the page's URL back, so it syncs once.
      await vi.waitFor(() => expect(fs.existsSync(runs)).toBe(true), { timeout: 30_000, interval: 100 });
      succeeded(
        await beacon(argv`status publish INC-1 --status resolved --message ${'All payments work again.'}`),
      );
      await vi.waitFor(
        () =>
          expect(fs.readFileSync(path.join(out, 'incidents/1/index.html'), 'utf8')).toContain(
            'All payments work again.',
          ),
        { timeout: 30_000, interval: 100 },
      );
      await vi.waitFor(() => expect(fs.readFileSync(runs, 'utf8')).toMatch(/^synced\n(synced\n)+$/), {
        timeout: 30_000,
        interval: 100,
      });
    } finally {
      expect(await stopChild(watcher)).toBe(0);
    }
    expect(output).toMatch(/Z .*export: wrote \d+ files/);
  });
});
