import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  BIN,
  type CliRun,
  type ServerProcess,
  argv,
  cleanEnv,
  runCli,
  startServerProcess,
} from './cli-harness.js';

const ADMIN_EMAIL = 'admin@example.com';
const PASSWORD = 'correct-horse-battery';

/** A real `beacon serve` for one CLI test file, and the CLI pointed at it with a user's token. */
export interface CliServer {
  readonly url: string;
  readonly dataDir: string;
  /** The token the file's CLI calls use (its user's, or the first admin's). */
  readonly token: string;
  /** `beacon …` over HTTP with `BEACON_URL` and the token (or `extra` env on top). */
  beacon: (args: string[], extra?: Record<string, string>) => Promise<CliRun>;
  /** `beacon …` on the server's data folder, for local commands (user, token, backup). */
  local: (args: string[], input?: string) => Promise<CliRun>;
  /** A new user with `role` and a token of theirs. */
  tokenFor: (email: string, role: string) => Promise<string>;
  /** An API call with the token, for set-up the CLI does not do; fails the test on an error. */
  api: <T>(method: string, route: string, body?: unknown) => Promise<T>;
}

/** The run's stdout, after checking it succeeded with nothing on stderr. */
export function succeeded(run: CliRun): string {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

/**
 * Start a server before the file's tests (first admin `admin@example.com`) and stop it after;
 * the CLI calls use a token of `user` (a new user with that role) or of the first admin.
 */
export function useCliServer(name: string, user?: { email: string; role: string }): CliServer {
  let server: ServerProcess | undefined;
  let dataDir = '';
  let token = '';
  const local = (args: string[], input = '') => runCli(args, cleanEnv({ BEACON_DATA_DIR: dataDir }), input);
  const tokenOf = async (email: string) =>
    succeeded(await local(argv`token create --email ${email} --name ${name}`)).trim();
  const cli: CliServer = {
    get url() {
      return server?.url ?? '';
    },
    get dataDir() {
      return dataDir;
    },
    get token() {
      return token;
    },
    beacon: (args, extra = {}) =>
      runCli(args, cleanEnv({ BEACON_URL: cli.url, BEACON_TOKEN: token, ...extra })),
    local,
    tokenFor: async (email, role) => {
      succeeded(await local(argv`user add --email ${email} --role ${role} --password-stdin`, PASSWORD));
      return tokenOf(email);
    },
    api: async <T>(method: string, route: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${cli.url}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      expect(response.status, `${method} ${route}: ${text}`).toBeLessThan(300);
      return (text === '' ? {} : JSON.parse(text)) as T;
    },
  };
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `beacon-cli-${name}-`));
    server = await startServerProcess([BIN, 'serve'], {
      BEACON_DATA_DIR: dataDir,
      BEACON_ADMIN_EMAIL: ADMIN_EMAIL,
      BEACON_ADMIN_PASSWORD: PASSWORD,
      LOG_LEVEL: 'warn',
    });
    token = user ? await cli.tokenFor(user.email, user.role) : await tokenOf(ADMIN_EMAIL);
  }, 120_000);
  afterAll(async () => {
    if (server) expect(await server.stop()).toBe(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return cli;
}
