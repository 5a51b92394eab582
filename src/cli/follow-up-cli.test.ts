import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FollowUpPage } from '../core/schemas/follow-ups.js';
import {
  BIN,
  type CliRun,
  type ServerProcess,
  argv,
  cleanEnv,
  runCli,
  startServerProcess,
} from '../../test/support/cli/cli-harness.js';

// The real bin against a real server: a responder adds follow-ups to an incident, lists the
// overdue ones and their own, and marks one done.
let dataDir: string;
let server: ServerProcess | undefined;
let token = '';

const succeeded = (run: CliRun) => {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
};
const beacon = (args: string[]) =>
  runCli(args, cleanEnv({ BEACON_URL: server?.url ?? '', BEACON_TOKEN: token }));

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-cli-follow-ups-'));
  server = await startServerProcess([BIN, 'serve'], {
    BEACON_DATA_DIR: dataDir,
    BEACON_ADMIN_EMAIL: 'admin@example.com',
    BEACON_ADMIN_PASSWORD: 'correct-horse-battery',
    LOG_LEVEL: 'warn',
  });
  const local = cleanEnv({ BEACON_DATA_DIR: dataDir });
  succeeded(
    await runCli(
      argv`user add --email rita@example.com --role responder --password-stdin`,
      local,
      'correct-horse-battery',
    ),
  );
  token = succeeded(await runCli(argv`token create --email rita@example.com --name laptop`, local)).trim();
}, 120_000);

afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('beacon follow-up', () => {
  it('adds, lists (overdue, mine) and marks done', async () => {
    succeeded(await beacon(argv`incident declare --title ${'Checkout down'}`));
    const added = succeeded(
      await beacon(
        argv`follow-up add INC-1 ${'Alert on disk usage'} --owner rita@example.com --due 2020-01-31`,
      ),
    );
    expect(added.trim()).toBe('FU-1 added to INC-1: Alert on disk usage');
    succeeded(await beacon(argv`follow-up add INC-1 ${'Write the runbook'} --due 2999-01-01`));
    const table = succeeded(await beacon(argv`follow-up list --overdue`));
    expect(table).toContain('FU-1');
    expect(table).toContain('open (overdue)');
    expect(table).not.toContain('FU-2');
    const mine = JSON.parse(succeeded(await beacon(argv`--json follow-up list --mine`))) as FollowUpPage;
    expect(mine.items.map((f) => f.ref)).toEqual(['FU-1']);
    expect(succeeded(await beacon(argv`follow-up done FU-1`)).trim()).toBe(
      'FU-1 is done: Alert on disk usage',
    );
    const open = JSON.parse(succeeded(await beacon(argv`--json follow-up list`))) as FollowUpPage;
    expect(open.items.map((f) => f.ref)).toEqual(['FU-2']);
    const wrong = await beacon(argv`follow-up done nope`);
    expect(wrong.code).not.toBe(0);
  });
});
