/**
 * Shared by the real-client tests: the Prometheus tools they run, Beacon's admin API, and
 * child processes that are always stopped.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BeaconProcess, freePort, startBeacon } from '../support/beacon-process.js';

export { freePort };

/** The Debian packages' binaries (`apt-get install prometheus-alertmanager prometheus`). */
export const BIN = {
  amtool: process.env.AMTOOL_BIN ?? '/usr/bin/amtool',
  alertmanager: process.env.ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager',
  prometheus: process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus',
};

/**
 * Whether every binary is installed; warns about the ones that are not. With
 * BEACON_REQUIRE_REAL_CLIENTS=1 (CI) a missing binary is an error instead of a skip.
 */
export function haveBinaries(names: ReadonlyArray<keyof typeof BIN>, what: string): boolean {
  const missing = names.filter((name) => !isExecutable(BIN[name]));
  if (missing.length === 0) return true;
  const message =
    `${what}: ${missing.map((name) => BIN[name]).join(' and ')} not installed ` +
    '(apt-get install prometheus-alertmanager prometheus)';
  if (process.env.BEACON_REQUIRE_REAL_CLIENTS === '1')
    throw new Error(`${message}, and BEACON_REQUIRE_REAL_CLIENTS=1`);
  console.warn(`\n  SKIPPED ${message}.\n`);
  return false;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

/** A new temp dir; the caller removes it. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `beacon-${prefix}-`));
}

/** Poll `check` until it returns a value (not undefined), or fail with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  describeLast: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}\n${describeLast()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Beacon's alert as GET /api/v1/alerts lists it (the fields these tests read). */
export interface BeaconAlert {
  id: number;
  dedupKey: string;
  status: 'firing' | 'acknowledged' | 'resolved';
  summary: string;
  severity: string;
  labels: Record<string, string>;
  details: Record<string, unknown>;
  links: Array<{ href: string; text: string }>;
  incident: { id: number; ref: string } | null;
  integrationId: number | null;
  endsAt: string | null;
}

export interface BeaconIncident {
  ref: string;
  title: string;
  status: string;
  severity: string;
}

export interface AlertHistoryEntry {
  kind: string;
  payload: unknown;
}

/** A running Beacon with an admin session, and the calls the tests make. */
export class Beacon {
  private constructor(
    readonly process: BeaconProcess,
    readonly dataDir: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  static async start(): Promise<Beacon> {
    const dataDir = tempDir('real-clients');
    const beaconProcess = await startBeacon({
      BEACON_DATA_DIR: dataDir,
      BEACON_ADMIN_EMAIL: ADMIN.email,
      BEACON_ADMIN_PASSWORD: ADMIN.password,
    });
    const res = await fetch(`${beaconProcess.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return new Beacon(beaconProcess, dataDir, cookie, csrfToken);
  }

  get url(): string {
    return this.process.url;
  }

  /** The port Beacon listens on. */
  get port(): number {
    return Number(new URL(this.url).port);
  }

  async call<T>(method: string, pathname: string, json?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${pathname}`, {
      method,
      headers: {
        cookie: this.cookie,
        'x-csrf-token': this.csrfToken,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A new service with one integration of `type`; returns the service id and the key. */
  async serviceWithIntegration(
    name: string,
    type: 'alertmanager' | 'pagerduty' | 'opsgenie',
  ): Promise<{ serviceId: number; integrationId: number; key: string }> {
    const service = await this.call<{ id: number }>('POST', '/api/v1/services', { name });
    const integration = await this.call<{ id: number; key: string }>(
      'POST',
      `/api/v1/services/${service.id}/integrations`,
      { type, name: `${name} (${type})` },
    );
    return { serviceId: service.id, integrationId: integration.id, key: integration.key };
  }

  async alerts(serviceId: number): Promise<BeaconAlert[]> {
    const page = await this.call<{ items: BeaconAlert[] }>(
      'GET',
      `/api/v1/alerts?serviceId=${serviceId}&limit=100`,
    );
    return page.items;
  }

  async history(alertId: number): Promise<AlertHistoryEntry[]> {
    const alert = await this.call<{ history: AlertHistoryEntry[] }>('GET', `/api/v1/alerts/${alertId}`);
    return alert.history;
  }

  incident(ref: string): Promise<BeaconIncident> {
    return this.call<BeaconIncident>('GET', `/api/v1/incidents/${ref}`);
  }

  /** The only alert of a service once it satisfies `isDone`, with its incident. */
  async waitForAlert(
    serviceId: number,
    what: string,
    isDone: (alert: BeaconAlert, incident: BeaconIncident) => boolean,
    timeoutMs = 30_000,
    describeLast: () => string = () => '',
  ): Promise<{ alert: BeaconAlert; incident: BeaconIncident }> {
    let last = '';
    return waitFor(
      `${what} (service ${serviceId})`,
      async () => {
        const alerts = await this.alerts(serviceId);
        last = JSON.stringify(alerts);
        const [alert] = alerts;
        if (alerts.length !== 1 || !alert?.incident) return undefined;
        const incident = await this.incident(alert.incident.ref);
        last += `\nincident: ${JSON.stringify(incident)}`;
        return isDone(alert, incident) ? { alert, incident } : undefined;
      },
      timeoutMs,
      () => `Beacon's alerts: ${last}\n${describeLast()}`,
    );
  }

  async stop(): Promise<void> {
    await this.process.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** A long-running child (Alertmanager, Prometheus) whose output is kept for failure messages. */
export class Child {
  private output = '';
  private readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static spawn(name: string, command: string, args: string[], cwd: string): Child {
    const child = spawn(command, args, {
      cwd,
      env: { PATH: process.env.PATH, HOME: cwd, LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Child(name, child);
  }

  get isRunning(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  logs(): string {
    return `--- ${this.name} output (last 4000 characters) ---\n${this.output.slice(-4000)}`;
  }

  /** Wait until `url` answers 200 (the process's readiness endpoint). */
  async waitReady(url: string, timeoutMs = 60_000): Promise<void> {
    await waitFor(
      `${this.name} at ${url}`,
      async () => {
        if (!this.isRunning) throw new Error(`${this.name} exited with ${String(this.child.exitCode)}`);
        const res = await fetch(url).catch(() => undefined);
        return res?.ok ? true : undefined;
      },
      timeoutMs,
      () => this.logs(),
    );
  }

  /** SIGTERM, then SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (!this.isRunning) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Run amtool to completion; `home` keeps it away from the user's ~/.config/prometheus/amtool.yml. */
export function amtool(
  args: string[],
  home: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      BIN.amtool,
      args,
      { env: { PATH: process.env.PATH, HOME: home, LANG: 'C' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** An RFC 3339 time `ms` from now, second precision (what amtool's --start/--end read). */
export function rfc3339(offsetMs: number): string {
  return new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
