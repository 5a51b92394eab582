import { expect, it } from 'vitest';
import type { Executor } from '../../store/store.js';
import { describeEachDialect, useTestDatabase } from '../../../../test/support/server/test-database.js';
import {
  insertFollowUp,
  insertIncident,
  insertPage,
  insertSchedule,
} from '../../../../test/support/server/metrics/metric-fixtures.js';
import { getReliabilityMetrics } from './reliability-metrics.js';
import { refreshMetricRollups } from './metric-rollups.js';

const MIN = 60_000;

/** Every on-call and follow-up rollup row, in a stable order. */
async function loadRows(db: Executor) {
  return {
    oncall: await db.selectFrom('oncall_load_days').selectAll().orderBy('day').orderBy('user_id').execute(),
    followUps: await db
      .selectFrom('follow_up_metric_days')
      .selectAll()
      .orderBy('scope')
      .orderBy('scope_id')
      .orderBy('day')
      .orderBy('matches')
      .execute(),
    marks: await db.selectFrom('follow_up_metric_marks').selectAll().orderBy('follow_up_id').execute(),
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

async function firstUserId(db: Executor) {
  const row = await db
    .insertInto('users')
    .values({
      email: 'oncall@example.com',
      name: 'On Call',
      role: 'responder',
      password_hash: '',
      disabled_at: null,
      created_at: 0,
      updated_at: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describeEachDialect('on-call and follow-up rollups', (dialect) => {
  const database = useTestDatabase(dialect);

  it('equal a count from scratch after pages, follow-up changes and incidents moving services', async () => {
    const { ctx, clock } = database();
    const db = ctx.store.db;
    const catalog = await seedCatalog(db);
    const userId = await firstUserId(db);
    await insertSchedule(db, 'America/New_York', [userId]);
    const base = { ackMin: 5, resolveMin: 60 };
    const a = await insertIncident(db, {
      at: '2026-02-03T10:00:00Z',
      severity: 'SEV1',
      category: 'outage',
      serviceIds: [catalog.web.id],
      ...base,
    });
    const b = await insertIncident(db, {
      at: '2026-02-04T10:00:00Z',
      severity: 'SEV2',
      serviceIds: [catalog.db.id],
      ...base,
    });
    // New York is UTC−5: 04:00Z is 23:00, asleep; 04:05Z the same quarter hour.
    await insertPage(db, a, userId, '2026-02-04T04:00:00Z');
    await insertPage(db, a, userId, '2026-02-04T15:00:00Z');
    const stays = await insertFollowUp(db, { due: '2026-02-05T12:00:00Z', state: 'open', incidentIds: [a] });
    const finished = await insertFollowUp(db, {
      due: '2026-02-06T12:00:00Z',
      state: 'open',
      incidentIds: [b],
    });
    const moved = await insertFollowUp(db, {
      due: '2026-02-07T12:00:00Z',
      state: 'done',
      incidentIds: [a, b],
    });
    const dropped = await insertFollowUp(db, { due: '2026-02-08T12:00:00Z', state: 'done', incidentIds: [] });
    await refreshMetricRollups(ctx);
    const period = { from: '2026-02-02', to: '2026-02-15' };
    const before = await getReliabilityMetrics(ctx, period);
    expect(before.oncall.map(({ user: _user, ...load }) => load)).toEqual([
      { timeZone: 'America/New_York', pages: 2, outOfHoursPages: 1, sleepInterruptions: 1 },
    ]);
    expect(before.followUps?.byState).toEqual({ open: 2, inProgress: 0, done: 2, wontDo: 0 });
    // moved is linked to a SEV1 and a SEV2 incident: counted once.
    const bothBefore = await getReliabilityMetrics(ctx, { ...period, severity: ['SEV1', 'SEV2'] });
    expect(bothBefore.followUps?.byState).toEqual({ open: 2, inProgress: 0, done: 1, wontDo: 0 });

    clock.advance(10 * MIN);
    const now = clock.now();
    // A page in a quarter hour already broken, and one on another day.
    await insertPage(db, b, userId, '2026-02-04T04:05:00Z');
    await insertPage(db, b, userId, '2026-02-10T03:00:00Z');
    const setFollowUp = (id: number, values: { state?: string; due_at?: number; done_at?: number }) =>
      db
        .updateTable('follow_ups')
        .set({ ...values, updated_at: now })
        .where('id', '=', id)
        .execute();
    await setFollowUp(finished, { state: 'done', done_at: now });
    await setFollowUp(moved, { due_at: Date.parse('2026-02-12T12:00:00Z') });
    await db.deleteFrom('follow_ups').where('id', '=', dropped).execute();
    // b moves from db (Data) to web (Platform) and becomes SEV1.
    await db.deleteFrom('incident_services').where('incident_id', '=', b).execute();
    await db.insertInto('incident_services').values({ incident_id: b, service_id: catalog.web.id }).execute();
    await db
      .updateTable('incidents')
      .set({ severity: 'SEV1', updated_at: now })
      .where('id', '=', b)
      .execute();
    // Counted before the next refresh: the new pages, from their rows.
    const read = await getReliabilityMetrics(ctx, period);
    expect(read.oncall.map(({ user: _user, ...load }) => load)).toEqual([
      { timeZone: 'America/New_York', pages: 4, outOfHoursPages: 3, sleepInterruptions: 2 },
    ]);
    await refreshMetricRollups(ctx);
    const incremental = await loadRows(db);

    await db.deleteFrom('oncall_load_days').execute();
    await db.deleteFrom('follow_up_metric_days').execute();
    await db.deleteFrom('follow_up_metric_marks').execute();
    await db.deleteFrom('incident_metric_state').execute();
    await refreshMetricRollups(ctx);
    expect(incremental).toEqual(await loadRows(db));

    const after = await getReliabilityMetrics(ctx, period);
    expect(after.oncall.map(({ user: _user, ...load }) => load)).toEqual([
      { timeZone: 'America/New_York', pages: 4, outOfHoursPages: 3, sleepInterruptions: 2 },
    ]);
    // stays (open), finished (done), moved (done, now due 12 Feb); dropped is gone.
    expect(after.followUps?.byState).toEqual({ open: 1, inProgress: 0, done: 2, wontDo: 0 });
    const data = await getReliabilityMetrics(ctx, { ...period, team: catalog.data.id });
    expect(data.followUps?.total).toBe(0);
    const platform = await getReliabilityMetrics(ctx, { ...period, team: catalog.platform.id });
    expect(platform.followUps?.byState).toEqual({ open: 1, inProgress: 0, done: 2, wontDo: 0 });
    const sev2 = await getReliabilityMetrics(ctx, { ...period, severity: ['SEV2'] });
    expect(sev2.followUps?.total).toBe(0);
    const either = await getReliabilityMetrics(ctx, { ...period, severity: ['SEV1', 'SEV2'] });
    expect(either.followUps?.total).toBe(3);
    expect(stays).toBeGreaterThan(0);
  });

  it('counts a follow-up due today as overdue only once its due time has passed', async () => {
    const { ctx, clock } = database();
    const db = ctx.store.db;
    const incident = await insertIncident(db, { at: '2026-02-03T10:00:00Z', severity: 'SEV2' });
    clock.advance(12 * 60 * MIN);
    const today = new Date(clock.now()).toISOString().slice(0, 10);
    const later = new Date(clock.now() + 30 * MIN).toISOString();
    const earlier = new Date(clock.now() - 30 * MIN).toISOString();
    await insertFollowUp(db, { due: later, state: 'open', incidentIds: [incident] });
    await insertFollowUp(db, { due: earlier, state: 'in_progress', incidentIds: [incident] });
    await refreshMetricRollups(ctx);
    const period = { from: today, to: today };
    expect((await getReliabilityMetrics(ctx, period)).followUps).toMatchObject({ total: 2, overdue: 1 });
    clock.advance(31 * MIN);
    expect((await getReliabilityMetrics(ctx, period)).followUps).toMatchObject({ total: 2, overdue: 2 });
  });
});
