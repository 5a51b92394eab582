import { expect, it } from 'vitest';
import type { Executor } from '../../store/store.js';
import { describeEachDialect, useTestDatabase } from '../../../../test/support/server/test-database.js';
import { insertIncident } from '../../../../test/support/server/metrics/metric-fixtures.js';
import { claimRollupRefresh } from '../../store/queries/metrics.js';
import { getReliabilityMetrics } from './reliability-metrics.js';
import { refreshMetricRollups } from './metric-rollups.js';

const MIN = 60_000;

/** Every rollup row of both tables, in a stable order, histograms as stored. */
async function rollupRows(db: Executor) {
  const read = (table: 'incident_metric_rollups' | 'incident_metric_weeks') =>
    db
      .selectFrom(table as 'incident_metric_rollups')
      .selectAll()
      .orderBy('scope')
      .orderBy('scope_id')
      .orderBy('day')
      .orderBy('severity')
      .orderBy('category')
      .execute();
  const normalize = (rows: Awaited<ReturnType<typeof read>>) =>
    rows.map((row) => ({
      ...row,
      durations: Object.fromEntries(
        Object.entries(JSON.parse(row.durations) as Record<string, number[][]>).map(([measure, buckets]) => [
          measure,
          [...buckets].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0)),
        ]),
      ),
    }));
  return {
    days: normalize(await read('incident_metric_rollups')),
    weeks: normalize(await read('incident_metric_weeks')),
  };
}

async function seedCatalog(db: Executor) {
  const team = (name: string) =>
    db
      .insertInto('teams')
      .values({ name, description: '', created_at: 0, updated_at: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
  const [platform, data] = [await team('Platform'), await team('Data')];
  const service = (name: string, ownerTeamId: number) =>
    db
      .insertInto('services')
      .values({
        name,
        description: '',
        tier: null,
        owner_team_id: ownerTeamId,
        alert_rules: null,
        created_at: 0,
        updated_at: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  return { platform, data, web: await service('web', platform.id), db: await service('db', data.id) };
}

describeEachDialect('metric rollups', (dialect) => {
  const database = useTestDatabase(dialect);

  it('equal a count from scratch after incidents are reopened, re-rated and moved between services', async () => {
    const { ctx, clock } = database();
    const db = ctx.store.db;
    const catalog = await seedCatalog(db);
    const base = { detectMin: 2, ackMin: 5, mitigateMin: 20, resolveMin: 60 };
    // Three weeks: Mon 2 Feb, Mon 9 Feb, Mon 16 Feb 2026.
    const reopened = await insertIncident(db, {
      at: '2026-02-03T10:00:00Z',
      severity: 'SEV2',
      category: 'outage',
      serviceIds: [catalog.web.id],
      ...base,
    });
    const rerated = await insertIncident(db, {
      at: '2026-02-10T08:00:00Z',
      severity: 'SEV3',
      serviceIds: [catalog.db.id],
      ...base,
      resolveMin: 30,
    });
    const moved = await insertIncident(db, {
      at: '2026-02-17T12:00:00Z',
      severity: 'SEV1',
      category: 'degradation',
      serviceIds: [catalog.web.id],
      ...base,
      ackMin: 1,
    });
    await insertIncident(db, {
      at: '2026-02-11T09:00:00Z',
      severity: 'SEV1',
      serviceIds: [catalog.db.id],
      ...base,
    });
    expect((await refreshMetricRollups(ctx)).weeks).toBe(3);
    const period = { from: '2026-02-02', to: '2026-02-22' };
    const before = await getReliabilityMetrics(ctx, period);
    expect(before.bySeverity).toEqual([
      { severity: 'SEV1', incidents: 2 },
      { severity: 'SEV2', incidents: 1 },
      { severity: 'SEV3', incidents: 1 },
    ]);

    clock.advance(10 * MIN);
    const now = clock.now();
    const change = (
      id: number,
      values: { status?: string; resolved_at?: null; severity?: string; category?: string },
    ) =>
      db
        .updateTable('incidents')
        .set({ ...values, updated_at: now })
        .where('id', '=', id)
        .execute();
    await change(reopened, { status: 'investigating', resolved_at: null });
    await change(rerated, { severity: 'SEV1', category: 'security' });
    await db.deleteFrom('incident_services').where('incident_id', '=', moved).execute();
    await db
      .insertInto('incident_services')
      .values({ incident_id: moved, service_id: catalog.db.id })
      .execute();
    await change(moved, {});
    expect((await refreshMetricRollups(ctx)).weeks).toBe(3);
    const incremental = await rollupRows(db);

    await db.deleteFrom('incident_metric_rollups').execute();
    await db.deleteFrom('incident_metric_weeks').execute();
    await db.deleteFrom('incident_metric_state').execute();
    await refreshMetricRollups(ctx);
    expect(incremental).toEqual(await rollupRows(db));

    const after = await getReliabilityMetrics(ctx, period);
    expect(after.bySeverity).toEqual([
      { severity: 'SEV1', incidents: 3 },
      { severity: 'SEV2', incidents: 1 },
    ]);
    // Resolved: the re-rated (30 min) and the two others (60 min); the reopened one no longer.
    expect(after.durations.resolve).toEqual({ count: 3, medianMs: 60 * MIN, p90Ms: 60 * MIN });
    expect(after.byCategory.find((c) => c.category === 'security')).toEqual({
      category: 'security',
      incidents: 1,
    });
    // Every incident now affects db (Data) except the reopened one on web (Platform).
    expect(after.byTeam).toEqual([
      { id: catalog.data.id, name: 'Data', incidents: 3 },
      { id: catalog.platform.id, name: 'Platform', incidents: 1 },
    ]);
    const webOnly = await getReliabilityMetrics(ctx, { ...period, service: catalog.web.id });
    expect(webOnly.incidents).toBe(1);
    expect(webOnly.durations.resolve.count).toBe(0);
  });

  it('reads a period cut inside weeks from whole weeks and the days at either end', async () => {
    const { ctx } = database();
    const db = ctx.store.db;
    // Tue 3 Feb, Mon 9 Feb, Sun 15 Feb, Mon 16 Feb, Wed 18 Feb, Thu 19 Feb 2026.
    const days = ['2026-02-03', '2026-02-09', '2026-02-15', '2026-02-16', '2026-02-18', '2026-02-19'];
    for (const [index, day] of days.entries())
      await insertIncident(db, { at: `${day}T12:00:00Z`, severity: 'SEV2', ackMin: index + 1 });
    await refreshMetricRollups(ctx);
    // Wed 4 Feb – Wed 18 Feb: 9, 15, 16 and 18 Feb; acks [2,3,4,5] → median rank 2 = 3 min.
    const metrics = await getReliabilityMetrics(ctx, { from: '2026-02-04', to: '2026-02-18' });
    expect(metrics.incidents).toBe(4);
    expect(metrics.durations.acknowledge).toEqual({ count: 4, medianMs: 3 * MIN, p90Ms: 5 * MIN });
    expect(metrics.weekly.map((week) => [week.weekStart, week.incidents])).toEqual([
      ['2026-02-02', 0],
      ['2026-02-09', 2],
      ['2026-02-16', 2],
    ]);
  });

  it('lets one process at a time refresh, and skips a round with nothing changed', async () => {
    const { ctx, clock } = database();
    const db = ctx.store.db;
    // Recorded (and last changed) before the clock's now.
    await insertIncident(db, { at: '2025-12-01T10:00:00Z', severity: 'SEV2', ackMin: 3 });
    // Another process holds the lease for ten minutes.
    expect(await claimRollupRefresh(db, clock.now(), clock.now() + 10 * MIN)).toBeDefined();
    expect(await refreshMetricRollups(ctx)).toEqual({ weeks: 0, isHeldElsewhere: true });
    expect(await db.selectFrom('incident_metric_weeks').selectAll().execute()).toEqual([]);
    // Its lease runs out (it died): this process takes the work over.
    clock.advance(10 * MIN);
    expect(await refreshMetricRollups(ctx)).toEqual({ weeks: 1, isHeldElsewhere: false });
    const state = await db.selectFrom('incident_metric_state').selectAll().executeTakeFirstOrThrow();
    expect(state.leased_until).toBe(0);
    clock.advance(10 * MIN);
    expect(await refreshMetricRollups(ctx)).toEqual({ weeks: 0, isHeldElsewhere: false });
    const untouched = await db.selectFrom('incident_metric_state').selectAll().executeTakeFirstOrThrow();
    expect(untouched).toEqual(state);
  });
});
