/**
 * The two servers of the ingest benchmark, each in its own process on 127.0.0.1: Beacon as
 * `beacon serve` runs it (SQLite or PostgreSQL) and Debian's Alertmanager; and a sampler of
 * their resident memory.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openSqlite } from '../src/server/store/dialects/sqlite-connection.js';
import { childPids } from './process-stats.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ALERTMANAGER_BIN = process.env.ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';

/** A server process under test. */
export interface Server {
  name: string;
  /** The process whose memory is sampled (Beacon's node process, Alertmanager itself). */
  pid: number;
  /** Where alerts are POSTed (Alertmanager API v2). */
  alertsUrl: string;
  version: string;
  /** Beacon's own Prometheus metrics (statements sent, alerts per transaction). */
  metricsUrl?: string;
  /** Other processes doing the server's work (PostgreSQL backends), counted in its CPU time. */
  helperPids?: () => Promise<number[]>;
  /** Beacon's worker processes under `BEACON_WORKERS` > 1 (their RSS is sampled one by one). */
  workerPids?: () => number[];
  logs(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}

/** Spawn, keep the last 20 KB of output, stop with SIGTERM (SIGKILL after 15 s). */
function spawnServer(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  const child: ChildProcess = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    isRunning,
    logs: () => output,
    stop: async () => {
      if (!isRunning()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitReady(url: string, isRunning: () => boolean, logs: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (!isRunning()) throw new Error(`server exited before ${url} was ready:\n${logs()}`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} not ready after 120 s:\n${logs()}`);
}

/** A fresh PostgreSQL database next to `adminUrl`'s, dropped by `drop`. */
export async function createPostgresDatabase(
  adminUrl: string,
): Promise<{ url: string; version: string; backendPids(): Promise<number[]>; drop(): Promise<void> }> {
  const name = `beacon_bench_ingest_${randomBytes(4).toString('hex')}`;
  const admin = async <T extends pg.QueryResultRow>(sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await client.query<T>(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const { rows } = await admin<{ server_version: string }>('SHOW server_version');
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    version: `PostgreSQL ${rows[0]?.server_version ?? '?'}`,
    backendPids: async () => {
      const { rows: backends } = await admin<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = '${name}'`,
      );
      return backends.map((b) => b.pid);
    },
    drop: async () => {
      await admin(`DROP DATABASE ${name} WITH (FORCE)`);
    },
  };
}

const ADMIN = { email: 'bench@example.com', password: 'quartz-lantern-bench-7391' };

/**
 * `node bin/beacon.mjs serve` on a free port with a fresh data dir (and `databaseUrl` when
 * given), a service and an `alertmanager` integration; `alertsUrl` has the key in its path.
 * `root` is the checkout to run (another commit's, to compare in one run); `workers` its
 * `BEACON_WORKERS`.
 * BEACON_BENCH_NODE_ARGS adds node flags, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (space-separated).
 */
export async function startBeacon(
  name: string,
  database?: { url: string; version: string; backendPids(): Promise<number[]> },
  root = REPO_ROOT,
  workers = 1,
): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-ingest-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { PATH, HOME, LANG } = process.env;
  const server = spawnServer(
    process.execPath,
    [
      ...(process.env.BEACON_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      path.join(root, 'bin/beacon.mjs'),
      'serve',
    ],
    {
      PATH,
      HOME,
      LANG,
      HOST: '127.0.0.1',
      PORT: String(port),
      // Beacon logs every request at `info`; Alertmanager logs none.
      LOG_LEVEL: process.env.BEACON_BENCH_LOG_LEVEL ?? 'warn',
      BEACON_DATA_DIR: dir,
      BEACON_ADMIN_EMAIL: ADMIN.email,
      BEACON_ADMIN_PASSWORD: ADMIN.password,
      BEACON_WORKERS: String(workers),
      ...(database ? { DATABASE_URL: database.url } : {}),
    },
    root,
  );
  try {
    await waitReady(`${url}/readyz`, server.isRunning, server.logs);
    const session = await fetch(`${url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const call = async <T>(pathname: string, body: unknown): Promise<T> => {
      const res = await fetch(`${url}${pathname}`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`POST ${pathname}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const service = await call<{ id: number }>('/api/v1/services', { name: 'bench' });
    const integration = await call<{ key: string }>(`/api/v1/services/${service.id}/integrations`, {
      type: 'alertmanager',
      name: 'Prometheus',
    });
    return {
      name,
      pid: server.child.pid ?? 0,
      alertsUrl: `${url}/integrations/alertmanager/${integration.key}/api/v2/alerts`,
      // One worker's /metrics counts only its own statements: left out under several.
      ...(workers === 1 ? { metricsUrl: `${url}/metrics` } : {}),
      ...(workers > 1 ? { workerPids: () => childPids(server.child.pid ?? 0) } : {}),
      version: `${root === REPO_ROOT ? execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT }).toString().trim() : root} on ${database?.version ?? sqliteVersion()}`,
      ...(database ? { helperPids: () => database.backendPids() } : {}),
      logs: server.logs,
      stop: async () => {
        await server.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function sqliteVersion(): string {
  const db = openSqlite(':memory:');
  const { v } = db.prepare('select sqlite_version() v').get() as { v: string };
  db.close();
  return `SQLite ${v} through ${db.driver} (WAL, synchronous=FULL)`;
}

/** Debian's Alertmanager with one route to a receiver that sends nothing, clustering off. */
export async function startAlertmanager(): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-alertmanager-'));
  const config = path.join(dir, 'alertmanager.yml');
  fs.writeFileSync(config, "route:\n  receiver: 'null'\nreceivers:\n  - name: 'null'\n");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawnServer(
    ALERTMANAGER_BIN,
    [
      `--config.file=${config}`,
      `--storage.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    { PATH: process.env.PATH, HOME: dir },
    dir,
  );
  try {
    await waitReady(`${url}/-/ready`, server.isRunning, server.logs);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const version = execFileSync(ALERTMANAGER_BIN, ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '?';
  return {
    name: 'Alertmanager',
    pid: server.child.pid ?? 0,
    alertsUrl: `${url}/api/v2/alerts`,
    version: version.replace(/^alertmanager, /, ''),
    logs: server.logs,
    stop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
