import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PG_URL } from './support/server/test-database.js';
import { type BeaconProcess, startBeacon } from './support/beacon-process.js';
import { createScratchDatabase } from './support/scratch-database.js';

const ADMIN = { BEACON_ADMIN_EMAIL: 'admin@example.com', BEACON_ADMIN_PASSWORD: 'correct-horse-battery' };

interface Target {
  name: string;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

function sqliteTarget(): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-durability-'));
  const cleanup = () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true }));
  return Promise.resolve({ name: 'sqlite', env: { BEACON_DATA_DIR: dir }, cleanup });
}

async function postgresTarget(url: string): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-durability-'));
  return {
    name: 'postgres',
    env: { DATABASE_URL: await createScratchDatabase(url), BEACON_DATA_DIR: dir },
    cleanup: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
  };
}

async function session(url: string) {
  const res = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.BEACON_ADMIN_EMAIL, password: ADMIN.BEACON_ADMIN_PASSWORD }),
  });
  const body = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return (method: string, pathname: string, json?: unknown) =>
    fetch(`${url}${pathname}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': body.csrfToken,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
}

const targets: Array<() => Promise<Target>> = [sqliteTarget];
const pgUrl = TEST_PG_URL;
if (pgUrl) targets.push(() => postgresTarget(pgUrl));

describe.each(targets.map((make) => [make.name === 'sqliteTarget' ? 'sqlite' : 'postgres', make] as const))(
  'an accepted write survives kill -9 [%s]',
  (_name, makeTarget) => {
    let target: Target;
    let beacon: BeaconProcess | undefined;
    beforeAll(async () => {
      target = await makeTarget();
    });
    afterAll(async () => {
      await beacon?.kill9();
      await target.cleanup();
    });

    it('keeps every write that got a 2xx, across repeated crashes', async () => {
      const env = { ...ADMIN, ...target.env };
      const writes: Array<(call: Awaited<ReturnType<typeof session>>) => Promise<Response>> = [
        (call) =>
          call('POST', '/api/v1/incidents', { title: 'Crash test', status: 'triggered', severity: 'SEV2' }),
        (call) => call('POST', '/api/v1/incidents/INC-1/acknowledge', {}),
        (call) => call('POST', '/api/v1/incidents/INC-1/notes', { body: 'written right before the crash' }),
        (call) =>
          call('POST', '/api/v1/incidents/INC-1/resolve', { resolutionSummary: 'restarted the pods' }),
      ];
      for (const write of writes) {
        beacon = await startBeacon(env);
        const res = await write(await session(beacon.url));
        expect(res.status).toBeLessThan(300);
        await beacon.kill9();
      }
      beacon = await startBeacon(env);
      const call = await session(beacon.url);
      const incident = (await (await call('GET', '/api/v1/incidents/INC-1')).json()) as {
        status: string;
        resolutionSummary: string;
      };
      expect(incident.status).toBe('resolved');
      expect(incident.resolutionSummary).toBe('restarted the pods');
      const timeline = (await (await call('GET', '/api/v1/incidents/INC-1/timeline')).json()) as {
        items: Array<{ kind: string; body: string | null }>;
      };
      expect(timeline.items.map((e) => e.kind)).toEqual(['declared', 'acknowledged', 'note', 'resolved']);
      await beacon.stop();
      expect(beacon.child.exitCode).toBe(0);
    }, 180_000);
  },
);
