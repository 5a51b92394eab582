import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { TEST_OUTBOUND_ALLOW } from './outbound-allow.js';

/**
 * A clean environment: only what a shell would pass plus `extra` (no inherited BEACON_*), with
 * outbound requests allowed to the loopback receivers tests start, and one server process
 * (`BEACON_WORKERS=1`) unless `extra` asks for more.
 */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { PATH, HOME, TMPDIR, LANG } = process.env;
  return {
    PATH,
    HOME,
    TMPDIR,
    LANG,
    BEACON_OUTBOUND_ALLOW: TEST_OUTBOUND_ALLOW,
    BEACON_WORKERS: '1',
    ...extra,
  };
}

/** The kernel's range for outgoing connections' local ports (Linux), else the usual default. */
function ephemeralPorts(): { low: number; high: number } {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low !== undefined && high !== undefined && low > 0 && high >= low) return { low, high };
  } catch {
    // Not Linux: assume the common default.
  }
  return { low: 32_768, high: 60_999 };
}

/** Whether nothing listens on `port` of 127.0.0.1 now. */
function canListen(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A TCP port nothing listens on, for a child process to bind. It is picked at random below
 * the kernel's ephemeral range, so no outgoing connection of this or another test run can take
 * it between this check and the child's bind, and two runs at once rarely pick the same one.
 * (A port the kernel hands out for `listen(0)` lies inside that range and can.)
 */
export async function freePort(): Promise<number> {
  const high = Math.min(ephemeralPorts().low, 65_536);
  const low = 10_000;
  if (high - low >= 1_000) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const port = randomInt(low, high);
      if (await canListen(port)) return port;
    }
  }
  throw new Error(`no free TCP port between ${low} and ${high}`);
}

/** Poll `url` until it answers 200, failing early if `child` exits first. */
export async function waitForReady(
  url: string,
  child: ChildProcess,
  logs: () => string,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${logs()}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server not ready at ${url} after ${timeoutMs} ms:\n${logs()}`);
}

/** SIGTERM the child and wait for it to exit (SIGKILL after `graceMs`). */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** A server process started for a test or benchmark. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  logs(): string;
  /** SIGTERM it and wait; resolves to its exit code. */
  stop(): Promise<number | null>;
}

/** Spawn `node …args` with PORT set to a free port and wait until /readyz answers 200. */
export async function startServerProcess(
  args: string[],
  env: Record<string, string>,
  cwd?: string,
  timeoutMs = 90_000,
): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let logs = '';
  const child = spawn(process.execPath, args, {
    cwd,
    env: cleanEnv({ ...env, PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  const server = { child, url, logs: () => logs, stop: () => stopChild(child) };
  try {
    await waitForReady(`${url}/readyz`, child, server.logs, timeoutMs);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
