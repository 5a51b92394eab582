import { expect, it } from 'vitest';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';
import {
  planThenApply,
  postImport,
  usePagerDutySetup,
} from '../../../../test/support/server/import/import-test-helpers.js';

describeEachDialect('re-import after the source dropped an item', (dialect) => {
  const api = useApiHarness(dialect);
  const { readSetup } = usePagerDutySetup(api);

  it('lists an imported schedule PagerDuty no longer has as skipped, and leaves it in Beacon', async () => {
    const setup = await readSetup();
    const first = await postImport(api(), setup, true);
    const scheduleId = first.items.find((i) => i.kind === 'schedule' && i.sourceId === 'PSCHLN2')?.beaconId;
    expect(scheduleId).toEqual(expect.any(Number));

    const dropped = { ...setup, schedules: setup.schedules.filter((s) => s.sourceId !== 'PSCHLN2') };
    const { applied } = await planThenApply(api(), dropped);
    expect(applied.items.find((i) => i.kind === 'schedule' && i.sourceId === 'PSCHLN2')).toMatchObject({
      action: 'skip',
      reason: 'no longer in PagerDuty; left in Beacon',
      beaconId: scheduleId,
    });
    const schedules = ok<{ items: Array<{ id: number }> }>(
      await api().call('GET', '/api/v1/schedules'),
    ).items;
    expect(schedules.map((s) => s.id)).toContain(scheduleId);
  });

  it('takes a member PagerDuty dropped out of the imported team, and says so in the plan', async () => {
    const setup = await readSetup();
    const first = await postImport(api(), setup, true);
    const teamId = first.items.find((i) => i.kind === 'team')?.beaconId;
    const team = setup.teams[0];
    const gone = team?.members[0]?.userSourceId;
    if (!team || gone === undefined || teamId == null) throw new Error('the fixture has a team with members');
    const goneId = first.items.find((i) => i.kind === 'user' && i.sourceId === gone)?.beaconId;
    const memberIds = async () =>
      ok<{ members: Array<{ user: { id: number } }> }>(
        await api().call('GET', `/api/v1/teams/${teamId}`),
      ).members.map((m) => m.user.id);
    expect(await memberIds()).toContain(goneId);

    const dropped = {
      ...setup,
      teams: [{ ...team, members: team.members.filter((m) => m.userSourceId !== gone) }],
    };
    const { applied } = await planThenApply(api(), dropped);
    expect(applied.items.find((i) => i.kind === 'team')).toMatchObject({
      action: 'update',
      reason: `removes ${gone}, no longer in the PagerDuty team`,
    });
    expect(await memberIds()).not.toContain(goneId);
    expect((await memberIds()).length).toBe(team.members.length - 1);
  });
});
