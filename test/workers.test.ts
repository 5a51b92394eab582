import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PG_URL } from './support/server/test-database.js';
import { type BeaconProcess, startBeacon } from './support/beacon-process.js';
import { createScratchDatabase } from './support/scratch-database.js';
import { childPids, workerOfConnection } from './support/worker-of-connection.js';

/*
 * `BEACON_WORKERS=2`: the real `beacon serve` primary and its two workers. Each request goes
 * through an HTTP agent with one kept-alive connection, pinned to a known worker.
 */

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

interface Reply {
  status: number;
  body: string;
}

/** An agent whose one connection a known worker serves. */
interface Pinned {
  pid: number;
  send(method: string, pathname: string, json?: unknown): Promise<Reply>;
  /** A GET whose body is read until `pattern` shows up (an event stream). */
  readUntil(pathname: string, pattern: RegExp, ready: () => Promise<void>): Promise<string>;
  close(): void;
}

function newAgent(url: string, headers: () => Record<string, string>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let clientPort = 0;
  const send = (method: string, pathname: string, json?: unknown) =>
    new Promise<Reply>((resolve, reject) => {
      const body = json === undefined ? undefined : JSON.stringify(json);
      const req = http.request(
        `${url}${pathname}`,
        {
          method,
          agent,
          headers: { ...headers(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('socket', (socket) => {
        const remember = () => (clientPort = socket.localPort ?? 0);
        if (socket.localPort) remember();
        else socket.once('connect', remember);
      });
      // A connection handed to a worker as it is killed may never be answered.
      req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${pathname}: no answer in 10 s`)));
      req.on('error', reject);
      req.end(body);
    });
  return { agent, send, clientPort: () => clientPort };
}

/** Agents pinned to each of the primary's workers (`perWorker` each), once every worker answers. */
async function pinAgents(
  beacon: BeaconProcess,
  headers: () => Record<string, string>,
  perWorker: number,
): Promise<Map<number, Pinned[]>> {
  const port = Number(new URL(beacon.url).port);
  const pinned = new Map<number, Pinned[]>();
  const deadline = Date.now() + 90_000;
  const isDone = () => {
    const workers = childPids(beacon.child.pid ?? 0);
    return workers.length === 2 && workers.every((pid) => (pinned.get(pid)?.length ?? 0) >= perWorker);
  };
  while (!isDone()) {
    if (Date.now() > deadline) throw new Error(`could not reach both workers:\n${beacon.logs()}`);
    const { agent, send, clientPort } = newAgent(beacon.url, headers);
    const reply = await send('GET', '/readyz').catch(() => undefined);
    if (reply?.status !== 200) {
      agent.destroy();
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    const pid = workerOfConnection(childPids(beacon.child.pid ?? 0), port, clientPort());
    const list = pinned.get(pid) ?? [];
    if (list.length >= perWorker) {
      // This worker has its agents: wait for the other one (it may be starting).
      agent.destroy();
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    list.push({
      pid,
      send,
      readUntil: (pathname, pattern, ready) =>
        readUntil(agent, `${beacon.url}${pathname}`, headers(), pattern, ready),
      close: () => agent.destroy(),
    });
    pinned.set(pid, list);
  }
  return pinned;
}

/** Read a streamed body until `pattern`; `ready` runs once the headers arrived. */
function readUntil(
  agent: http.Agent,
  url: string,
  headers: Record<string, string>,
  pattern: RegExp,
  ready: () => Promise<void>,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      let text = '';
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error(`no ${String(pattern)} in the stream:\n${text}`));
      }, 10_000);
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (!pattern.test(text)) return;
        clearTimeout(timer);
        req.destroy();
        resolve(text);
      });
      ready().catch(reject);
    });
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
  });
}

interface Target {
  env: Record<string, string>;
  cleanup(): void;
}

function sqliteTarget(): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-workers-'));
  return Promise.resolve({
    env: { BEACON_DATA_DIR: dir },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  });
}

async function postgresTarget(url: string): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-workers-'));
  return {
    env: { DATABASE_URL: await createScratchDatabase(url), BEACON_DATA_DIR: dir },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

const targets: Array<[string, () => Promise<Target>]> = [['sqlite', sqliteTarget]];
const pgUrl = TEST_PG_URL;
if (pgUrl) targets.push(['postgres', () => postgresTarget(pgUrl)]);

describe.each(targets)('BEACON_WORKERS=2 [%s]', (_name, makeTarget) => {
  let target: Target;
  let beacon: BeaconProcess;
  let auth: Record<string, string> = {};
  let workers: Pinned[][] = [];
  const first = () => workers[0]?.[0] as Pinned;
  const second = () => workers[1]?.[0] as Pinned;

  beforeAll(async () => {
    target = await makeTarget();
    beacon = await startBeacon({
      ...target.env,
      BEACON_WORKERS: '2',
      BEACON_ADMIN_EMAIL: ADMIN.email,
      BEACON_ADMIN_PASSWORD: ADMIN.password,
    });
    const session = await fetch(`${beacon.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    auth = {
      cookie: (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      'x-csrf-token': csrfToken,
    };
    workers = [...(await pinAgents(beacon, () => auth, 3)).values()];
  }, 180_000);

  afterAll(async () => {
    for (const list of workers) for (const agent of list) agent.close();
    await beacon.kill9();
    target.cleanup();
  });

  it('creates each incident once when the same alerts reach both workers at once', async () => {
    const service = JSON.parse(
      (await first().send('POST', '/api/v1/services', { name: 'payments' })).body,
    ) as {
      id: number;
    };
    const integration = await first().send('POST', `/api/v1/services/${service.id}/integrations`, {
      type: 'alertmanager',
      name: 'Prometheus',
    });
    const { key } = JSON.parse(integration.body) as { key: string };
    const alerts = Array.from({ length: 12 }, (_, i) => [
      { labels: { alertname: `DiskFull${i}`, instance: `host-${i}` }, startsAt: new Date().toISOString() },
    ]);
    // Every agent of both workers sends every alert, all at once.
    const replies = await Promise.all(
      workers.flat().map(async (agent) => {
        const statuses: number[] = [];
        for (const body of alerts)
          statuses.push(
            (await agent.send('POST', `/integrations/alertmanager/${key}/api/v2/alerts`, body)).status,
          );
        return statuses;
      }),
    );
    expect(replies.flat().every((status) => status === 200)).toBe(true);
    const listed = await second().send('GET', `/api/v1/incidents?serviceId=${service.id}&limit=100`);
    const list = JSON.parse(listed.body) as {
      items: Array<{ title: string }>;
    };
    expect(list.items.map((i) => i.title).sort()).toEqual(
      [...new Set(list.items.map((i) => i.title))].sort(),
    );
    expect(list.items).toHaveLength(12);
  }, 120_000);

  it('shows a stream on one worker the change made through the other', async () => {
    let declaring: Promise<Reply> | undefined;
    const text = await first().readUntil('/api/v1/stream', /"kind":"declared"/, async () => {
      declaring = second().send('POST', '/api/v1/incidents', { title: 'Seen across workers' });
      await declaring;
    });
    const declared = await (declaring as Promise<Reply>);
    expect(declared.status).toBe(201);
    const { ref } = JSON.parse(declared.body) as { ref: string };
    expect(text).toContain(`event: incident\ndata: {"ref":"${ref}"`);
  }, 60_000);

  it('sends each webhook event once, whichever worker took the change', async () => {
    const received: string[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const event = JSON.parse(body) as { id: string; incident: { title: string } | null };
        received.push(`${event.id} ${event.incident?.title ?? ''}`);
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as { port: number };
    try {
      const subscribed = await first().send('POST', '/api/v1/webhooks', {
        url: `http://127.0.0.1:${port}/hook`,
        eventTypes: ['incident.triggered'],
      });
      expect(subscribed.status).toBe(201);
      for (let i = 0; i < 6; i++) {
        const through = i % 2 === 0 ? first() : second();
        expect((await through.send('POST', '/api/v1/incidents', { title: `Hooked ${i}` })).status).toBe(201);
      }
      // The last one sent after the others: a second send of any of them would come before it.
      const last = await second().send('POST', '/api/v1/incidents', { title: 'Hooked last' });
      expect(last.status).toBe(201);
      const deadline = Date.now() + 60_000;
      while (!received.some((line) => line.endsWith(' Hooked last')) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received.map((line) => line.split(' ').slice(1).join(' ')).sort()).toEqual(
        ['Hooked 0', 'Hooked 1', 'Hooked 2', 'Hooked 3', 'Hooked 4', 'Hooked 5', 'Hooked last'].sort(),
      );
      expect(new Set(received.map((line) => line.split(' ')[0])).size).toBe(received.length);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  }, 120_000);

  it('restarts a worker killed with -9, and the writes it accepted are there', async () => {
    const victim = second();
    const written = await victim.send('POST', '/api/v1/incidents', { title: 'Written before the crash' });
    expect(written.status).toBe(201);
    const { ref } = JSON.parse(written.body) as { ref: string };
    process.kill(victim.pid, 'SIGKILL');
    for (const agent of workers[1] ?? []) agent.close();
    workers = [...(await pinAgents(beacon, () => auth, 1)).values()];
    const pids = workers.map((list) => list[0]?.pid);
    expect(pids).not.toContain(victim.pid);
    for (const list of workers) {
      const read = await (list[0] as Pinned).send('GET', `/api/v1/incidents/${ref}`);
      expect(read.status).toBe(200);
      expect((JSON.parse(read.body) as { title: string }).title).toBe('Written before the crash');
    }
  }, 180_000);

  it('starts its workers with the server heap flags', () => {
    const pids = childPids(beacon.child.pid ?? 0);
    expect(pids).toHaveLength(2);
    for (const pid of pids)
      expect(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain(
        '--max-semi-space-size=2',
      );
  });

  it('stops the primary and every worker on SIGTERM', async () => {
    const pids = childPids(beacon.child.pid ?? 0);
    expect(pids).toHaveLength(2);
    for (const list of workers) for (const agent of list) agent.close();
    await beacon.stop();
    expect(beacon.child.exitCode).toBe(0);
    for (const pid of pids) expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
  }, 60_000);
});

describe('BEACON_WORKERS=1', () => {
  it('runs one process, with no workers', async () => {
    const target = await sqliteTarget();
    const beacon = await startBeacon({ ...target.env, BEACON_WORKERS: '1' });
    try {
      expect(childPids(beacon.child.pid ?? 0)).toEqual([]);
      expect((await fetch(`${beacon.url}/readyz`)).status).toBe(200);
      await beacon.stop();
      expect(beacon.child.exitCode).toBe(0);
    } finally {
      await beacon.kill9();
      target.cleanup();
    }
  }, 120_000);
});
