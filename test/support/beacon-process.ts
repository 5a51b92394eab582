import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN } from './cli/cli-harness.js';
import { freePort, startServerProcess, stopChild } from './server-process.js';

export { freePort };

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The real `beacon` executable, run the way users run it. */
export const BEACON_BIN = BIN;

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
  const server = await startServerProcess(
    [BEACON_BIN, 'serve'],
    { LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    REPO_ROOT,
    timeoutMs,
  );
  const { child } = server;
  return {
    url: server.url,
    child,
    logs: () => server.logs(),
    stop: async () => {
      await stopChild(child);
    },
    kill9: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
