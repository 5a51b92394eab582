import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argv } from '../../test/support/cli/cli-harness.js';
import { useCliServer } from '../../test/support/cli/cli-server.js';
import { type FakePagerDuty, startFakePagerDuty } from '../../test/support/fakes/pagerduty-api.js';
import { OLD_EVENTS_KEY, pagerDutyAccount } from '../../test/support/fakes/pagerduty-fixtures.js';

// The real bin against a real server, reading the loopback PagerDuty at the real time.
const cli = useCliServer('import');
let fake: FakePagerDuty;

beforeAll(async () => {
  fake = await startFakePagerDuty(pagerDutyAccount(Date.now()), () => Date.now());
});
afterAll(async () => {
  await fake.close();
});

const importPagerDuty = (...extra: string[]) =>
  cli.beacon([...argv`import pagerduty --api-url ${fake.url}`, ...extra], { PAGERDUTY_TOKEN: fake.token });

describe('beacon import pagerduty', () => {
  it('prints the plan, then applies it with the new address and key next to the old, once', async () => {
    const dryRun = await importPagerDuty();
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stderr).toContain('PagerDuty asks to wait 1 s (rate limit)');
    expect(dryRun.stdout).toMatch(/create\s+schedule\s+Platform primary/);
    expect(dryRun.stdout).toMatch(/skip\s+schedule\s+Odd shifts.*5400 seconds/);
    expect(dryRun.stdout).toContain('planned (dry run: nothing changed; add --apply to carry it out)');
    expect(dryRun.stdout).toContain(`old: https://events.pagerduty.com/v2/enqueue  key ${OLD_EVENTS_KEY}`);
    expect(dryRun.stdout).toContain('new: made by --apply');
    expect(dryRun.stdout).toMatch(/Platform primary: \d+ handoffs .*, the same person on call at every one/);
    expect(dryRun.stdout).toMatch(/Follow the sun: \d+ handoffs .*, the same person on call at every one/);

    const applied = await importPagerDuty('--apply');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(
      new RegExp(`new: ${cli.url}/v2/enqueue  key [0-9a-f]{32}  \\(PagerDuty Events v2`),
    );
    expect(applied.stdout).toContain('applied');

    const again = await importPagerDuty('--apply');
    expect(again.stdout).toMatch(/0 to create, 0 to update, \d+ skipped: applied/);
    expect(again.stdout).toContain('imported earlier');
  });

  it('needs a PagerDuty key, and says so', async () => {
    const run = await cli.beacon(argv`import pagerduty --api-url ${fake.url}`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PAGERDUTY_TOKEN');
    const help = await cli.beacon(['--help']);
    expect(help.stdout).toContain('beacon import pagerduty');
  });
});
