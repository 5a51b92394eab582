import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../server/store/dialects/sqlite-connection.js';
import type { Incident, IncidentPage } from '../core/schemas/incident.js';
import {
  BIN,
  type CliRun,
  argv,
  type ServerProcess,
  cleanEnv,
  freePort,
  runCli,
  startServerProcess,
} from '../../test/support/cli/cli-harness.js';

// The real bin against a real server on a temp SQLite database; steps build on each other.
let dataDir: string;
let server: ServerProcess | undefined;
let url: string;
let token = '';
let ref = '';

const local = () => cleanEnv({ BEACON_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
const remote = (extra: Record<string, string> = {}) =>
  cleanEnv({ BEACON_URL: url, BEACON_TOKEN: token, ...extra });
const beacon = (args: string[], input?: string) => runCli(args, remote(), input);
const succeeded = (run: CliRun) => {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-cli-'));
  server = await startServerProcess([BIN, 'serve'], {
    BEACON_DATA_DIR: dataDir,
    BEACON_ADMIN_EMAIL: 'admin@example.com',
    BEACON_ADMIN_PASSWORD: 'correct-horse-battery',
    LOG_LEVEL: 'warn',
  });
  url = server.url;
}, 120_000);

afterAll(async () => {
  // Exit code 0: the server shut down gracefully on SIGTERM.
  if (server) expect(await server.stop()).toBe(0);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('beacon CLI against a running server', () => {
  it('creates an API token against the SQLite file while the server runs, printing only the token', async () => {
    const run = await runCli(['token', 'create', '--email', 'Admin@Example.com', '--name', 'cli'], local());
    expect(run.stdout).toMatch(/^bcn_\S+\n$/);
    token = succeeded(run).trim();
  });

  it('reports the database as up to date', async () => {
    expect(succeeded(await runCli(['migrate'], local()))).toBe('database is up to date\n');
  });

  it('declares an incident', async () => {
    const title = 'Checkout returns 502';
    const run = await beacon(
      argv`incident declare --title ${title} --severity SEV1 --impact high --urgency high --status triggered --json`,
    );
    const incident = JSON.parse(succeeded(run)) as Incident;
    expect(incident).toMatchObject({
      title: 'Checkout returns 502',
      status: 'triggered',
      severity: 'SEV1',
      priority: 'P1',
    });
    ref = incident.ref;
  });

  it('lists incidents as a table and as JSON', async () => {
    const table = succeeded(await beacon(['incident', 'list'])).split('\n');
    expect(table[0]).toMatch(/^REF\s+STATUS\s+SEV\s+PRI\s+TITLE\s+AGE$/);
    expect(table[1]).toMatch(
      new RegExp(`^${ref}\\s+triggered\\s+SEV1\\s+P1\\s+Checkout returns 502\\s+\\d+s$`),
    );
    const page = JSON.parse(
      succeeded(await beacon(['incident', 'list', '--json', '--open'])),
    ) as IncidentPage;
    expect(page.items.map((i) => i.ref)).toContain(ref);
    const none = succeeded(await beacon(['incident', 'list', '--status', 'closed']));
    expect(none).toBe('no incidents match\n');
  });

  it('acknowledges and adds a note', async () => {
    expect(succeeded(await beacon(['incident', 'ack', ref]))).toContain(`${ref} acknowledged`);
    expect(succeeded(await beacon(['incident', 'note', ref, 'rolled', 'back', 'deploy', '1234']))).toContain(
      ref,
    );
  });

  it('lists only my incidents or unassigned ones; acknowledging made me the commander', async () => {
    const mine = JSON.parse(
      succeeded(await beacon(['incident', 'list', '--mine', '--json'])),
    ) as IncidentPage;
    expect(mine.items.map((i) => i.ref)).toEqual([ref]);
    expect(succeeded(await beacon(['incident', 'list', '--unassigned']))).toBe('no incidents match\n');
  });

  it('posts a status update, and a stakeholder update once there are stakeholders', async () => {
    expect(succeeded(await beacon(['incident', 'update', ref, 'Rollback', 'in', 'progress']))).toBe(
      `status update posted to ${ref} (investigating, SEV1)\n`,
    );
    const nobody = await beacon(['incident', 'update', ref, '--stakeholders', '--body', 'Back soon']);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('stakeholders');
    const subscribed = await fetch(`${url}/api/v1/incidents/${ref}/subscription`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(subscribed.status).toBeLessThan(300);
    expect(
      succeeded(await beacon(['incident', 'update', ref, '--stakeholders', '--body', 'Back soon'])),
    ).toBe(`stakeholder update on ${ref} sent to 1 address\n`);
    const empty = await beacon(['incident', 'update', ref]);
    expect(empty.code).toBe(2);
  });

  it('refuses to resolve without a summary, naming it', async () => {
    const missing = await beacon(['incident', 'resolve', ref]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--summary');
    const empty = await beacon(['incident', 'resolve', ref, '--summary', '  ']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^error: /);
    expect(empty.stderr).toContain('resolutionSummary');
  });

  it('resolves, then shows details and the timeline', async () => {
    const resolved = await beacon(
      argv`incident resolve ${ref} --summary ${'rolled back'} --root-cause ${'bad config push'}`,
    );
    expect(succeeded(resolved)).toBe(`${ref} is now resolved\n`);
    const shown = succeeded(await beacon(['incident', 'show', ref]));
    expect(shown).toMatch(/Status:\s+resolved/);
    expect(shown).toMatch(/Root cause:\s+bad config push/);
    expect(shown).toContain('rolled back deploy 1234');
    const json = JSON.parse(succeeded(await beacon(['incident', 'show', ref, '--json']))) as Incident & {
      timeline: Array<{ kind: string }>;
    };
    expect(json.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['declared', 'note', 'resolved']),
    );
  });

  it('shows and lists the drafted review; closing the SEV1 waits until it is published', async () => {
    const refused = await beacon(argv`incident close ${ref} --root-cause ${'bad config push'}`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('review: Review must be published before a SEV1 incident can close');
    const shown = succeeded(await beacon(['review', 'show', ref]));
    expect(shown).toMatch(/State:\s+draft \(untouched draft, follows the incident\)/);
    expect(shown).toMatch(/Needed to close:\s+yes/);
    const markdown = succeeded(await beacon(['review', 'show', ref, '--markdown']));
    expect(markdown).toMatch(new RegExp(`^# ${ref}: Checkout returns 502 — post-incident review\n`));
    expect(markdown).toContain('## Timeline');
    expect(markdown).toContain('bad config push');
    expect(succeeded(await beacon(['review', 'list']))).toMatch(new RegExp(`${ref}\\s+SEV1\\s+draft`));
    const bad = await beacon(['review', 'list', '--state', 'done']);
    expect(bad.code).toBe(2);

    const review = JSON.parse(succeeded(await beacon(['--json', 'review', 'show', ref]))) as {
      owner: { id: number };
    };
    const call = (suffix: string, body: unknown) =>
      fetch(`${url}/api/v1/incidents/${ref}/review${suffix}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await call('/state', { state: 'in_review', reviewerIds: [review.owner.id] })).status).toBe(200);
    expect((await call('/approval', {})).status).toBe(200);
    expect((await call('/state', { state: 'published' })).status).toBe(200);
    expect(succeeded(await beacon(['review', 'list', '--state', 'published']))).toContain(ref);
  });

  it('closes with a root cause and moves another incident through statuses', async () => {
    const closed = await beacon(argv`incident close ${ref} --root-cause ${'bad config push'}`);
    expect(succeeded(closed)).toBe(`${ref} is now closed\n`);
    const declared = await beacon(argv`--json incident declare --title ${'Search is slow'}`);
    const other = JSON.parse(succeeded(declared)) as Incident;
    const moved = await beacon(
      argv`incident status ${other.ref} monitoring --message ${'fix deployed, watching'}`,
    );
    expect(succeeded(moved)).toBe(`${other.ref} is now monitoring\n`);
    const bad = await beacon(['incident', 'status', other.ref, 'sideways']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'sideways' is invalid");
  });

  it('fails with exit 1 and the 401 message on a bad token', async () => {
    const run = await runCli(['incident', 'list'], remote({ BEACON_TOKEN: 'bcn_not-a-real-token' }));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*(token|auth)/i);
    expect(run.stdout).toBe('');
  });

  it('fails with exit 3 naming the URL when the server cannot be reached', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const run = await runCli(['incident', 'list', '--url', dead], remote());
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`cannot reach Beacon at ${dead}`);
  });

  it('adds a user with the password on stdin and refuses to prompt without a terminal', async () => {
    const args = ['user', 'add', '--email', 'ops@example.com', '--role', 'responder', '--name', 'Ops Person'];
    const added = await runCli([...args, '--password-stdin'], local(), 'long-enough-password\n');
    expect(succeeded(added)).toMatch(/email:\s+ops@example.com/);
    const again = await runCli([...args, '--password-stdin'], local(), 'long-enough-password\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists');
    const short = await runCli(
      argv`user add --email x@example.com --role viewer --password-stdin`,
      local(),
      'short',
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('password: must be at least 12 characters');
    const noTty = await runCli(['user', 'add', '--email', 'y@example.com', '--role', 'viewer'], local());
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toContain('--password-stdin');
  });

  it("refuses a common password with `user create` and resets a user's two-factor", async () => {
    const common = await runCli(
      argv`user create --email x@example.com --role viewer --password-stdin`,
      local(),
      'password1234\n',
    );
    expect(common.code).toBe(1);
    expect(common.stderr).toContain('password: is too easy to guess');
    const reset = await runCli(argv`user reset-two-factor --email ops@example.com`, local());
    expect(succeeded(reset)).toContain('Two-factor authentication is off for ops@example.com');
    const unknown = await runCli(argv`user reset-two-factor --email nobody@example.com`, local());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('not found');
  });

  it('lists users, lists tokens and revokes one, which the server then refuses', async () => {
    const users = succeeded(await runCli(['user', 'list'], local())).split('\n');
    expect(users[0]).toMatch(/^\s*ID\s+EMAIL\s+NAME\s+ROLE\s+STATE$/);
    expect(users.some((line) => /ops@example\.com\s+Ops Person\s+responder\s+active/.test(line))).toBe(true);

    const spare = succeeded(
      await runCli(['token', 'create', '--email', 'admin@example.com', '--name', 'spare'], local()),
    ).trim();
    const listed = JSON.parse(
      succeeded(await runCli(['--json', 'token', 'list', '--email', 'admin@example.com'], local())),
    ) as Array<{ id: number; name: string; prefix: string; revokedAt: string | null }>;
    const spareToken = listed.find((t) => t.name === 'spare');
    expect(spareToken?.revokedAt).toBeNull();
    expect(spare.startsWith(spareToken?.prefix ?? '-')).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(spare); // never the secret
    const table = succeeded(await runCli(['token', 'list'], local()));
    expect(table).toMatch(/spare\s+admin@example\.com/);

    expect(succeeded(await runCli(['token', 'revoke', String(spareToken?.id)], local()))).toBe(
      `token ${spareToken?.id} revoked\n`,
    );
    const refused = await runCli(['incident', 'list'], remote({ BEACON_TOKEN: spare }));
    expect(refused.code).toBe(1);
    expect(succeeded(await runCli(['token', 'list', '--email', 'admin@example.com'], local()))).toMatch(
      /spare.*revoked/,
    );
    const missing = await runCli(['token', 'revoke', '99999'], local());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('token 99999');
    const nobody = await runCli(['token', 'list', '--email', 'nobody@example.com'], local());
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('no user with email nobody@example.com');
  });

  it('backs up the live database to a file that holds the incident', async () => {
    const file = path.join(dataDir, 'backup.sqlite');
    expect(succeeded(await runCli(['backup', file], local()))).toContain(`backed up to ${file}`);
    // The copy holds what the database holds: its owner's alone.
    if (process.platform !== 'win32') expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    const copy = openSqlite(file, { readonly: true });
    const number = Number(ref.replace(/\D/g, ''));
    const row = copy.prepare('SELECT title, status FROM incidents WHERE number = ?').get(number);
    copy.close();
    expect(row).toEqual({ title: 'Checkout returns 502', status: 'closed' });
    const again = await runCli(['backup', file], local());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });
});
