import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BIN,
  type ServerProcess,
  cleanEnv,
  freePort,
  runCli,
  startServerProcess,
} from '../../test/support/cli/cli-harness.js';

// `beacon doctor` run as users run it, against a real server, a real SMTP server that wants a
// login, and a loopback stand-in for Slack incoming webhooks.
let dataDir: string;
let server: ServerProcess | undefined;
let smtp: SMTPServer;
let smtpPort = 0;
let slack: http.Server;
let slackUrl = '';
let token = '';

/** Answers like Slack: a live webhook refuses a body without text (400 no_text), a removed one 404s. */
function startSlackStandIn(): Promise<http.Server> {
  const standIn = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const isJson = request.method === 'POST' && request.headers['content-type'] === 'application/json';
      if (!isJson) return void response.writeHead(400).end('invalid_payload');
      if (request.url === '/services/T0/B0/gone') return void response.writeHead(404).end('no_service');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: string };
      response.writeHead(body.text ? 200 : 400).end(body.text ? 'ok' : 'no_text');
    });
  });
  return new Promise((resolve) => standIn.listen(0, '127.0.0.1', () => resolve(standIn)));
}

const doctorEnv = (extra: Record<string, string>) =>
  cleanEnv({
    BEACON_DATA_DIR: dataDir,
    BEACON_BASE_URL: server?.url ?? '',
    BEACON_OUTBOUND_ALLOW: '127.0.0.1/32',
    LOG_LEVEL: 'warn',
    ...extra,
  });
const smtpUrl = (password: string) => `smtp://beacon:${password}@127.0.0.1:${smtpPort}`;

async function api(method: string, url: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${server?.url ?? ''}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return response.json();
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-doctor-'));
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'beacon' && auth.password === 'right-password')
        return callback(null, { user: 'beacon' });
      callback(new Error('Invalid username or password'));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  slack = await startSlackStandIn();
  slackUrl = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/services/T0/B0`;
  // The server itself has no BEACON_SMTP_URL: it says so when it starts.
  server = await startServerProcess([BIN, 'serve'], {
    BEACON_DATA_DIR: dataDir,
    BEACON_ADMIN_EMAIL: 'admin@example.com',
    BEACON_ADMIN_PASSWORD: 'correct-horse-battery',
    BEACON_OUTBOUND_ALLOW: '127.0.0.1/32',
    LOG_LEVEL: 'warn',
  });
  const created = await runCli(
    ['token', 'create', '--email', 'admin@example.com', '--name', 'doctor'],
    doctorEnv({}),
  );
  token = created.stdout.trim();
}, 120_000);

afterAll(async () => {
  if (server) await server.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => slack.close(() => resolve()));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('beacon doctor', () => {
  it('warns at start that email is not configured while someone is paged by email', () => {
    expect(server?.logs()).toMatch(
      /Email is not configured \(BEACON_SMTP_URL is unset\), but 1 person is paged by email/,
    );
  });

  it('passes with a working database, base URL, SMTP login and chat webhook, one line per check', async () => {
    await api('POST', '/api/v1/me/contact-methods', {
      type: 'slack',
      name: 'Ops',
      address: `${slackUrl}/live`,
    });
    const run = await runCli(['doctor'], doctorEnv({ BEACON_SMTP_URL: smtpUrl('right-password') }));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^ok {4}database +\S+beacon\.sqlite answers \(SQLite through (node:sqlite|better-sqlite3)\)$/,
    );
    expect(lines[1]).toMatch(/^ok {4}base URL +http:\/\/127\.0\.0\.1:\d+ answers \/healthz$/);
    expect(lines[2]).toMatch(
      /^ok {4}SMTP +smtp:\/\/beacon@127\.0\.0\.1:\d+ accepts connections and the login$/,
    );
    expect(lines[3]).toMatch(
      /^ok {4}Slack "Ops" of admin@example\.com +http:\/\/127\.0\.0\.1:\d+\/… answers \(HTTP 400 no_text; nothing was posted\)$/,
    );
    expect(run.stdout).not.toContain('right-password');
    expect(run.stdout).not.toContain('/services/');
  });

  it('fails on a refused SMTP login, an unreachable base URL and a removed webhook, naming each', async () => {
    await api('POST', '/api/v1/me/contact-methods', {
      type: 'slack',
      name: 'Old',
      address: `${slackUrl}/gone`,
    });
    const closedPort = await freePort();
    const run = await runCli(
      ['doctor'],
      doctorEnv({
        BEACON_SMTP_URL: smtpUrl('wrong-password'),
        BEACON_BASE_URL: `http://127.0.0.1:${closedPort}`,
      }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ok {4}database /m);
    expect(run.stdout).toMatch(
      new RegExp(
        `^FAIL  base URL +http://127\\.0\\.0\\.1:${closedPort} is not reachable \\(.*ECONNREFUSED.*\\)`,
        'm',
      ),
    );
    expect(run.stdout).toMatch(
      /^FAIL {2}SMTP +smtp:\/\/beacon@127\.0\.0\.1:\d+: .*Invalid username or password/m,
    );
    expect(run.stdout).toMatch(/^ok {4}Slack "Ops" of admin@example\.com /m);
    expect(run.stdout).toMatch(
      /^FAIL {2}Slack "Old" of admin@example\.com +\S+ answered HTTP 404 no_service: the webhook is gone/m,
    );
    expect(run.stdout).not.toContain('wrong-password');
    expect(run.stderr).toMatch(/3 checks failed/);
  });

  it('fails when email is not configured but someone is paged by email, and prints JSON', async () => {
    // Back to the default rule: an email to the account address.
    await api('PUT', '/api/v1/me/notification-rules', { rules: [] });
    const run = await runCli(['doctor', '--json'], doctorEnv({}));
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      checks: Array<{ name: string; status: string; detail: string }>;
    };
    expect(report.checks.find((check) => check.name === 'SMTP')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/BEACON_SMTP_URL is unset\), but 1 person is paged by email/) as unknown,
    });
  });
});
