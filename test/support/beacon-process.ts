import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The real `beacon` executable, run the way users run it. */
export const BEACON_BIN = path.join(REPO_ROOT, 'bin/beacon.mjs');

/** A TCP port on loopback that nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}

/** A `beacon serve` child process. */
export interface BeaconProcess {
  url: string;
  child: ChildProcess;
  logs(): string;
  /** SIGTERM and wait (SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash would. */
  kill9(): Promise<void>;
}

/** Start `node bin/beacon.mjs serve` with `env` on a free port and wait until /readyz is 200. */
export async function startBeacon(env: Record<string, string>, timeoutMs = 90_000): Promise<BeaconProcess> {
  const port = await freePort();
  const { PATH, HOME, TMPDIR, LANG } = process.env;
  const child = spawn(process.execPath, [BEACON_BIN, 'serve'], {
    cwd: REPO_ROOT,
    env: { PATH, HOME, TMPDIR, LANG, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  const beacon: BeaconProcess = {
    url,
    child,
    logs: () => output,
    stop: async () => {
      if (!isRunning()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    kill9: async () => {
      if (!isRunning()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning()) throw new Error(`beacon exited early:\n${output}`);
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return beacon;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await beacon.kill9();
  throw new Error(`beacon not ready after ${timeoutMs} ms:\n${output}`);
}
