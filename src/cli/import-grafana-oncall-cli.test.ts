import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argv } from '../../test/support/cli/cli-harness.js';
import { useCliServer } from '../../test/support/cli/cli-server.js';
import {
  type FakeGrafanaOnCall,
  startFakeGrafanaOnCall,
} from '../../test/support/fakes/grafana-oncall-api.js';
import {
  OLD_ALERTMANAGER_LINK,
  grafanaOnCallAccount,
} from '../../test/support/fakes/grafana-oncall-fixtures.js';

// The real bin against a real server, reading the loopback Grafana OnCall at the real time.
const cli = useCliServer('import-grafana-oncall');
let fake: FakeGrafanaOnCall;

beforeAll(async () => {
  fake = await startFakeGrafanaOnCall(grafanaOnCallAccount(Date.now()));
});
afterAll(async () => {
  await fake.close();
});

const importGrafanaOnCall = (...extra: string[]) =>
  cli.beacon([...argv`import grafana-oncall --api-url ${fake.url}`, ...extra], {
    GRAFANA_ONCALL_TOKEN: fake.token,
  });

describe('beacon import grafana-oncall', () => {
  it('prints the plan, then applies it with the new address and key next to the old, once', async () => {
    const dryRun = await importGrafanaOnCall();
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stderr).toContain('Grafana OnCall asks to wait 1 s (rate limit)');
    expect(dryRun.stdout).toMatch(/create\s+schedule\s+Platform New York/);
    expect(dryRun.stdout).toMatch(/skip\s+schedule\s+Legacy feed.*iCal feed/);
    expect(dryRun.stdout).toContain('planned (dry run: nothing changed; add --apply to carry it out)');
    expect(dryRun.stdout).toContain(`old: ${OLD_ALERTMANAGER_LINK}`);
    expect(dryRun.stdout).toContain('new: made by --apply');
    expect(dryRun.stdout).toMatch(/Platform New York: \d+ handoffs .*, the same person on call at every one/);
    expect(dryRun.stdout).toContain('chain "Mail" waits 1 minutes before its first step');

    const applied = await importGrafanaOnCall('--apply');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(
      new RegExp(`new: ${cli.url}/integrations/alertmanager/[0-9a-f]{32}  key [0-9a-f]{32}  \\(Prometheus`),
    );

    const again = await importGrafanaOnCall('--apply');
    expect(again.stdout).toMatch(/0 to create, 0 to update, \d+ skipped: applied/);
    expect(again.stdout).toContain('imported earlier');
  });

  it('needs a token and the API URL, and says so', async () => {
    const noToken = await cli.beacon(argv`import grafana-oncall --api-url ${fake.url}`);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('GRAFANA_ONCALL_TOKEN');
    const noUrl = await cli.beacon(argv`import grafana-oncall`, { GRAFANA_ONCALL_TOKEN: fake.token });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('--api-url');
  });

  it('says what Grafana OnCall answered to a refused token', async () => {
    const run = await cli.beacon(argv`import grafana-oncall --api-url ${fake.url}`, {
      GRAFANA_ONCALL_TOKEN: `Bearer ${fake.token}`,
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Invalid token.');
  });
});
