import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportSetup, type ImportResult } from '../core/schemas/import.js';
import { PagerDutyClient } from '../server/import/pagerduty/pagerduty-client.js';
import { readPagerDutySetup } from '../server/import/pagerduty/read-pagerduty.js';
import { argv } from '../../test/support/cli/cli-harness.js';
import { useCliServer } from '../../test/support/cli/cli-server.js';
import { type FakePagerDuty, startFakePagerDuty } from '../../test/support/fakes/pagerduty-api.js';
import { OLD_EVENTS_KEY, pagerDutyAccount } from '../../test/support/fakes/pagerduty-fixtures.js';

// The real bin saving what it read from the loopback PagerDuty, then the file posted to a real server.
const cli = useCliServer('import-save');
let fake: FakePagerDuty;
let folder: string;

beforeAll(async () => {
  fake = await startFakePagerDuty(pagerDutyAccount(Date.now()), () => Date.now());
  folder = await mkdtemp(path.join(os.tmpdir(), 'beacon-import-save-'));
});
afterAll(async () => {
  await fake.close();
  await rm(folder, { recursive: true, force: true });
});

const planOf = (setup: ImportSetup) =>
  cli.api<ImportResult>('POST', '/api/v1/imports', { setup, apply: false });

describe('beacon import pagerduty --save', () => {
  it('writes the set-up without keys, with no Beacon needed, and it plans as the live read does', async () => {
    const file = path.join(folder, 'setup.json');
    // A Beacon that is not there: saving must not need one.
    const run = await cli.beacon(argv`import pagerduty --api-url ${fake.url} --save ${file}`, {
      PAGERDUTY_TOKEN: fake.token,
      BEACON_URL: 'http://127.0.0.1:9',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/saved \d+ users, \d+ schedules, \d+ services to .*setup\.json/);

    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(fake.token);
    expect(text).not.toContain(OLD_EVENTS_KEY);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const saved = ImportSetup.parse(JSON.parse(text));
    expect(saved.source).toBe('pagerduty');

    const live = await readPagerDutySetup(
      new PagerDutyClient({ token: fake.token, apiUrl: fake.url, wait: () => Promise.resolve() }),
      { now: Date.now() },
    );
    const fromFile = await planOf(saved);
    const fromLive = await planOf(live);
    expect(fromFile.items).toEqual(fromLive.items);
    expect(fromFile.items.some((i) => i.action === 'create')).toBe(true);
  });

  it('refuses --save with --apply', async () => {
    const run = await cli.beacon(
      argv`import pagerduty --api-url ${fake.url} --save ${path.join(folder, 'x.json')} --apply`,
      { PAGERDUTY_TOKEN: fake.token },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--save or --apply');
  });
});
