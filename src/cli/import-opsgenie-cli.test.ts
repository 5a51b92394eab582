import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argv } from '../../test/support/cli/cli-harness.js';
import { useCliServer } from '../../test/support/cli/cli-server.js';
import { type FakeOpsgenie, startFakeOpsgenie } from '../../test/support/fakes/opsgenie-api.js';
import { OLD_API_KEY, opsgenieAccount } from '../../test/support/fakes/opsgenie-fixtures.js';

// The real bin against a real server, reading the loopback Opsgenie at the real time.
const cli = useCliServer('import-opsgenie');
let fake: FakeOpsgenie;

beforeAll(async () => {
  fake = await startFakeOpsgenie(opsgenieAccount(Date.now()), () => Date.now());
});
afterAll(async () => {
  await fake.close();
});

const importOpsgenie = (...extra: string[]) =>
  cli.beacon([...argv`import opsgenie --api-url ${fake.url}`, ...extra], { OPSGENIE_API_KEY: fake.apiKey });

describe('beacon import opsgenie', () => {
  it('prints the plan, then applies it with the new address and key next to the old, once', async () => {
    const dryRun = await importOpsgenie();
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stderr).toContain('Opsgenie asks to wait 1 s (rate limit)');
    expect(dryRun.stdout).toMatch(/create\s+schedule\s+Platform_schedule/);
    expect(dryRun.stdout).toMatch(/skip\s+schedule\s+Pairs.*two people on call/);
    expect(dryRun.stdout).toContain('planned (dry run: nothing changed; add --apply to carry it out)');
    expect(dryRun.stdout).toContain(`old: ${fake.url}/v2/alerts  key ${OLD_API_KEY}`);
    expect(dryRun.stdout).toContain('new: made by --apply');
    expect(dryRun.stdout).toMatch(/Platform_schedule: \d+ handoffs .*, the same person on call at every one/);
    expect(dryRun.stdout).toContain('integration "Heartbeats" is not imported: it belongs to no team');

    const applied = await importOpsgenie('--apply');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(
      new RegExp(`new: ${cli.url}/v2/alerts  key [0-9a-f]{32}  \\(Opsgenie Alert API`),
    );

    const again = await importOpsgenie('--apply');
    expect(again.stdout).toMatch(/0 to create, 0 to update, \d+ skipped: applied/);
    expect(again.stdout).toContain('imported earlier');
  });

  it('needs an Opsgenie key, and says so', async () => {
    const run = await cli.beacon(argv`import opsgenie --api-url ${fake.url}`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('OPSGENIE_API_KEY');
  });
});
