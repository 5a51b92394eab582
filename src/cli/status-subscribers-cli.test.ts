import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BIN,
  type CliRun,
  type ServerProcess,
  argv,
  cleanEnv,
  runCli,
  startServerProcess,
} from '../../test/support/cli/cli-harness.js';

// The real bin against a real server: listing and exporting the status page's subscribers.
let dataDir: string;
let server: ServerProcess | undefined;
let token = '';

const beacon = (args: string[]) =>
  runCli(args, cleanEnv({ BEACON_URL: server?.url ?? '', BEACON_TOKEN: token }));
const succeeded = (run: CliRun) => {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
};

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
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-cli-subscribers-'));
  server = await startServerProcess([BIN, 'serve'], {
    BEACON_DATA_DIR: dataDir,
    BEACON_ADMIN_EMAIL: 'admin@example.com',
    BEACON_ADMIN_PASSWORD: 'correct-horse-battery',
    LOG_LEVEL: 'warn',
  });
  const local = cleanEnv({ BEACON_DATA_DIR: dataDir });
  token = succeeded(await runCli(argv`token create --email admin@example.com --name cli`, local)).trim();
  const checkout = await post<{ id: number }>('/status-page/components', { name: 'Checkout' });
  await post('/status-page/subscribers', {
    channel: 'email',
    address: 'ana@example.com',
    skipOptIn: true,
    reason: 'imported',
  });
  await post('/status-page/subscribers', {
    channel: 'email',
    address: 'bo@example.com',
    componentIds: [checkout.id],
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('beacon status subscribers', () => {
  it('lists subscribers with counts and filters, and exports them as CSV', async () => {
    const listed = succeeded(await beacon(argv`status subscribers`));
    expect(listed).toContain('1 confirmed, 1 awaiting confirmation, 0 unsubscribed');
    expect(listed).toMatch(/ana@example\.com\s+email\s+confirmed\s+all/);
    expect(listed).toMatch(/bo@example\.com\s+email\s+pending\s+Checkout/);
    const pending = succeeded(await beacon(argv`status subscribers list --state pending`));
    expect(pending).toContain('bo@example.com');
    expect(pending).not.toContain('ana@example.com');
    const json = JSON.parse(
      succeeded(await beacon(argv`status subscribers --component checkout --json`)),
    ) as {
      items: Array<{ address: string }>;
    };
    expect(json.items.map((s) => s.address).sort()).toEqual(['ana@example.com', 'bo@example.com']);
    const csv = succeeded(await beacon(argv`status subscribers export --state confirmed`));
    expect(csv.split('\r\n')[0]).toBe(
      'id,channel,address,email,state,source,components,created_at,confirmed_at,unsubscribed_at',
    );
    expect(csv).toContain(',email,ana@example.com,ana@example.com,confirmed,admin,all,');
    expect(csv).not.toContain('bo@example.com');
    const refused = await beacon(argv`status subscribers --state nope`);
    expect(refused.code).not.toBe(0);
  });
});
