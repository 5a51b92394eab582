import { expect, it } from 'vitest';
import type { ReliabilityMetrics } from '../../../core/schemas/metrics.js';
import { type ApiHarness, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  createService,
  createTeam,
  expectProblem,
  ok,
} from '../../../../test/support/server/http/api-test-helpers.js';
import { refreshMetricRollups } from '../../commands/metrics/metric-rollups.js';
import {
  insertFollowUp,
  insertIncident,
  insertPage,
  insertSchedule,
} from '../../../../test/support/server/metrics/metric-fixtures.js';

const MIN = 60_000;
const PERIOD = 'from=2026-02-02&to=2026-02-15';

/**
 * Two weeks (Mon 2 Feb – Sun 15 Feb 2026). Counted: A B C D (week of 2 Feb) and G H (week of
 * 9 Feb). Left out: a declined, a merged and a triage incident inside the period, and one
 * incident on each side of it. Milestones in minutes after detection:
 *
 *   id  severity category     services   detect ack mitigate resolve
 *   A   SEV1     outage       web, db    10     2   30       60
 *   B   SEV2     outage       web        0      4   20       90
 *   C   SEV3     degradation  db         5      10  –        –
 *   D   SEV2     –            –          20     6   10       40
 *   G   SEV1     outage       api        1      8   15       120
 *   H   SEV3     degradation  web, api   0      1   5        10
 *
 * Teams: Platform owns web and api, Data owns db.
 */
async function seed(api: ApiHarness) {
  const db = api.db.ctx.store.db;
  const platform = await createTeam(api, 'Platform');
  const data = await createTeam(api, 'Data');
  const web = await createService(api, 'web', { ownerTeamId: platform.id });
  const dbService = await createService(api, 'db', { ownerTeamId: data.id });
  const apiService = await createService(api, 'api', { ownerTeamId: platform.id });
  const a = await insertIncident(db, {
    at: '2026-02-02T10:00:00Z',
    severity: 'SEV1',
    category: 'outage',
    detectMin: 10,
    ackMin: 2,
    mitigateMin: 30,
    resolveMin: 60,
    serviceIds: [web.id, dbService.id],
  });
  const b = { at: '2026-02-03T10:00:00Z', severity: 'SEV2', category: 'outage', serviceIds: [web.id] };
  await insertIncident(db, { ...b, detectMin: 0, ackMin: 4, mitigateMin: 20, resolveMin: 90 });
  await insertIncident(db, {
    at: '2026-02-05T10:00:00Z',
    severity: 'SEV3',
    category: 'degradation',
    detectMin: 5,
    ackMin: 10,
    serviceIds: [dbService.id],
  });
  const d = { at: '2026-02-06T10:00:00Z', severity: 'SEV2', detectMin: 20 };
  await insertIncident(db, { ...d, ackMin: 6, mitigateMin: 10, resolveMin: 40 });
  for (const status of ['declined', 'merged', 'triage'])
    await insertIncident(db, { at: '2026-02-04T10:00:00Z', severity: 'SEV1', category: 'outage', status });
  const g = { at: '2026-02-10T10:00:00Z', severity: 'SEV1', category: 'outage', serviceIds: [apiService.id] };
  await insertIncident(db, { ...g, detectMin: 1, ackMin: 8, mitigateMin: 15, resolveMin: 120 });
  const h = { at: '2026-02-15T23:00:00Z', severity: 'SEV3', category: 'degradation' };
  await insertIncident(db, {
    ...h,
    ackMin: 1,
    mitigateMin: 5,
    resolveMin: 10,
    serviceIds: [web.id, apiService.id],
  });
  await insertIncident(db, { at: '2026-02-01T23:59:00Z', severity: 'SEV1', ackMin: 99 });
  await insertIncident(db, { at: '2026-02-16T00:00:00Z', severity: 'SEV1', ackMin: 99 });
  await refreshMetricRollups(api.db.ctx);
  return { a, web, dbService, apiService, platform, data };
}

describeEachDialect('reliability metrics API', (dialect) => {
  const harness = useApiHarness(dialect);

  it('computes medians, p90s, counts and the weekly trend of the period', async () => {
    const api = harness();
    const { web, dbService, apiService, platform, data } = await seed(api);
    const metrics = ok<ReliabilityMetrics>(
      await api.call('GET', `/api/v1/metrics?${PERIOD}`, { as: 'viewer' }),
    );
    expect(metrics.period).toEqual({ from: '2026-02-02', to: '2026-02-15', days: 14 });
    expect(metrics.incidents).toBe(6);
    // Nearest rank: median = value ⌈0.5·n⌉, p90 = value ⌈0.9·n⌉ of the sorted durations.
    // detect [0,0,1,5,10,20] n=6: rank 3 → 1 min, rank ⌈5.4⌉=6 → 20 min.
    expect(metrics.durations.detect).toEqual({ count: 6, medianMs: 1 * MIN, p90Ms: 20 * MIN });
    // acknowledge [1,2,4,6,8,10]: rank 3 → 4, rank 6 → 10.
    expect(metrics.durations.acknowledge).toEqual({ count: 6, medianMs: 4 * MIN, p90Ms: 10 * MIN });
    // mitigate [5,10,15,20,30] (C not mitigated) n=5: rank ⌈2.5⌉=3 → 15, rank ⌈4.5⌉=5 → 30.
    expect(metrics.durations.mitigate).toEqual({ count: 5, medianMs: 15 * MIN, p90Ms: 30 * MIN });
    // resolve [10,40,60,90,120]: rank 3 → 60, rank 5 → 120.
    expect(metrics.durations.resolve).toEqual({ count: 5, medianMs: 60 * MIN, p90Ms: 120 * MIN });
    expect(metrics.bySeverity).toEqual([
      { severity: 'SEV1', incidents: 2 },
      { severity: 'SEV2', incidents: 2 },
      { severity: 'SEV3', incidents: 2 },
    ]);
    expect(metrics.byCategory).toEqual([
      { category: 'outage', incidents: 3 },
      { category: 'degradation', incidents: 2 },
      { category: null, incidents: 1 },
    ]);
    // web: A B H; api: G H; db: A C.
    expect(metrics.byService).toEqual([
      { id: web.id, name: 'web', incidents: 3 },
      { id: apiService.id, name: 'api', incidents: 2 },
      { id: dbService.id, name: 'db', incidents: 2 },
    ]);
    // Platform: A B G H (H once, though two of its services); Data: A C.
    expect(metrics.byTeam).toEqual([
      { id: platform.id, name: 'Platform', incidents: 4 },
      { id: data.id, name: 'Data', incidents: 2 },
    ]);
    // Week 1: ack [2,4,6,10] rank 2 → 4; resolve [40,60,90] rank 2 → 60; detect [0,5,10,20] → 5.
    // Week 2: ack [1,8] rank 1 → 1; resolve [10,120] → 10; detect [0,1] → 0; mitigate [5,15] → 5.
    expect(metrics.weekly).toEqual([
      {
        weekStart: '2026-02-02',
        incidents: 4,
        medians: { detect: 5 * MIN, acknowledge: 4 * MIN, mitigate: 20 * MIN, resolve: 60 * MIN },
      },
      {
        weekStart: '2026-02-09',
        incidents: 2,
        medians: { detect: 0, acknowledge: 1 * MIN, mitigate: 5 * MIN, resolve: 10 * MIN },
      },
    ]);
    expect(metrics.followUps).toEqual({
      total: 0,
      done: 0,
      completionRate: null,
      overdue: 0,
      overdueRate: null,
      byState: { open: 0, inProgress: 0, done: 0, wontDo: 0 },
    });
    expect(metrics.asOf).toBe(new Date(api.clock.now()).toISOString());
  });

  it('filters by team, service, severity and category', async () => {
    const api = harness();
    const { dbService, platform, data } = await seed(api);
    const get = async (query: string) =>
      ok<ReliabilityMetrics>(await api.call('GET', `/api/v1/metrics?${PERIOD}&${query}`, { as: 'viewer' }));
    // Platform: A B G H; resolve [10,60,90,120] n=4: rank 2 → 60, rank ⌈3.6⌉=4 → 120.
    const team = await get(`team=${platform.id}`);
    expect(team.incidents).toBe(4);
    expect(team.durations.resolve).toEqual({ count: 4, medianMs: 60 * MIN, p90Ms: 120 * MIN });
    expect(team.byService.map((s) => [s.name, s.incidents])).toEqual([
      ['web', 3],
      ['api', 2],
    ]);
    expect(team.filters.team).toEqual({ id: platform.id, name: 'Platform' });
    // db: A C; owned by Data.
    const service = await get(`service=${dbService.id}`);
    expect(service.incidents).toBe(2);
    expect(service.byTeam).toEqual([{ id: data.id, name: 'Data', incidents: 2 }]);
    // SEV1: A G; ack [2,8] rank 1 → 2.
    const sev1 = await get('severity=SEV1');
    expect(sev1.incidents).toBe(2);
    expect(sev1.durations.acknowledge.medianMs).toBe(2 * MIN);
    // No category: D alone.
    const none = await get('category=none');
    expect(none.incidents).toBe(1);
    expect(none.durations.resolve).toEqual({ count: 1, medianMs: 40 * MIN, p90Ms: 40 * MIN });
    const both = await get('severity=SEV1,SEV3&category=degradation');
    expect(both.incidents).toBe(2);
  });

  it('follows later changes to incidents and to service owners', async () => {
    const api = harness();
    const { a, dbService, platform } = await seed(api);
    const read = async () =>
      ok<ReliabilityMetrics>(await api.call('GET', `/api/v1/metrics?${PERIOD}`, { as: 'viewer' }));
    expect((await read()).incidents).toBe(6);
    // A is declined an hour after the first read: five incidents remain.
    api.clock.advance(60 * MIN);
    await api.db.ctx.store.db
      .updateTable('incidents')
      .set({ status: 'declined', updated_at: api.clock.now() })
      .where('id', '=', a)
      .execute();
    // A read changes nothing: the figures move with the next refresh round.
    expect((await read()).incidents).toBe(6);
    await refreshMetricRollups(api.db.ctx);
    const after = await read();
    expect(after.incidents).toBe(5);
    // acknowledge without A: [1,4,6,8,10] rank 3 → 6.
    expect(after.durations.acknowledge.medianMs).toBe(6 * MIN);
    // db moves to Platform: Platform now counts B G H (web, api) and C (db).
    ok(
      await api.call('PATCH', `/api/v1/services/${dbService.id}`, {
        as: 'responder',
        body: { ownerTeamId: platform.id },
      }),
    );
    await refreshMetricRollups(api.db.ctx);
    const moved = await read();
    expect(moved.byTeam).toEqual([{ id: platform.id, name: 'Platform', incidents: 4 }]);
  });

  it("counts pages per person in the person's time zone", async () => {
    const api = harness();
    const { a } = await seed(api);
    const db = api.db.ctx.store.db;
    const responder = api.users.responder;
    const admin = api.users.admin;
    await insertSchedule(db, 'America/New_York', [responder.userId]);
    // New York is UTC−5 in February.
    await insertPage(db, a, responder.userId, '2026-02-03T15:00:00Z'); // Tue 10:00: working hours
    await insertPage(db, a, responder.userId, '2026-02-04T04:00:00Z'); // Tue 23:00: out of hours, asleep
    await insertPage(db, a, responder.userId, '2026-02-04T04:10:00Z'); // same quarter hour: one interruption
    await insertPage(db, a, responder.userId, '2026-02-07T16:00:00Z'); // Sat 11:00: out of hours, awake
    await insertPage(db, a, responder.userId, '2026-02-10T11:30:00Z'); // Tue 06:30: out of hours, asleep
    await insertPage(db, a, admin.userId, '2026-02-10T11:30:00Z'); // UTC Tue 11:30: working hours
    await insertPage(db, a, admin.userId, '2026-02-20T03:00:00Z'); // after the period
    const metrics = ok<ReliabilityMetrics>(
      await api.call('GET', `/api/v1/metrics?${PERIOD}`, { as: 'viewer' }),
    );
    expect(metrics.oncall.map(({ user, ...load }) => ({ id: user.id, ...load }))).toEqual([
      {
        id: responder.userId,
        timeZone: 'America/New_York',
        pages: 5,
        outOfHoursPages: 4,
        sleepInterruptions: 2,
      },
      { id: admin.userId, timeZone: 'UTC', pages: 1, outOfHoursPages: 0, sleepInterruptions: 0 },
    ]);
  });

  it('counts follow-ups due in the period: done, overdue and by state, within the filters', async () => {
    const api = harness();
    const { a, dbService, platform } = await seed(api);
    const db = api.db.ctx.store.db;
    const idAt = async (at: string) =>
      (
        await db
          .selectFrom('incidents')
          .select('id')
          .where('created_at', '=', Date.parse(at))
          .executeTakeFirstOrThrow()
      ).id;
    const [b, g] = [await idAt('2026-02-03T10:00:00Z'), await idAt('2026-02-10T10:00:00Z')];
    // The clock reads 1 March 2026: every follow-up still open from February is overdue.
    await insertFollowUp(db, { due: '2026-02-05T12:00:00Z', state: 'done', incidentIds: [a] });
    await insertFollowUp(db, { due: '2026-02-10T12:00:00Z', state: 'open', incidentIds: [g] });
    await insertFollowUp(db, { due: '2026-02-12T12:00:00Z', state: 'in_progress', incidentIds: [b] });
    await insertFollowUp(db, { due: '2026-02-14T12:00:00Z', state: 'wont_do', incidentIds: [a] });
    await insertFollowUp(db, { due: '2026-02-06T12:00:00Z', state: 'done', incidentIds: [] });
    await insertFollowUp(db, { due: '2026-02-20T12:00:00Z', state: 'open', incidentIds: [a] }); // after the period
    const get = async (query = '') =>
      ok<ReliabilityMetrics>(await api.call('GET', `/api/v1/metrics?${PERIOD}${query}`, { as: 'viewer' }))
        .followUps;
    // Due in the period: 2 done, 1 open, 1 in progress (both overdue), 1 won't do (not counted).
    expect(await get()).toEqual({
      total: 4,
      done: 2,
      completionRate: 0.5,
      overdue: 2,
      overdueRate: 0.5,
      byState: { open: 1, inProgress: 1, done: 2, wontDo: 1 },
    });
    // Platform (web, api): A's two, G's and B's; the one without an incident is left out.
    expect(await get(`&team=${platform.id}`)).toEqual({
      total: 3,
      done: 1,
      completionRate: 1 / 3,
      overdue: 2,
      overdueRate: 2 / 3,
      byState: { open: 1, inProgress: 1, done: 1, wontDo: 1 },
    });
    // db: A's two (done, won't do).
    expect(await get(`&service=${dbService.id}`)).toMatchObject({
      total: 1,
      done: 1,
      completionRate: 1,
      overdue: 0,
    });
    // SEV2: B's, in progress and overdue.
    expect(await get('&severity=SEV2')).toMatchObject({ total: 1, done: 0, overdue: 1, overdueRate: 1 });
    // Category outage: A (done, won't do), B (in progress), G (open).
    expect(await get('&category=outage')).toMatchObject({ total: 3, done: 1, overdue: 2 });
    const csv = await api.call('GET', `/api/v1/metrics.csv?${PERIOD}`, { as: 'viewer' });
    expect(csv.body.split('\r\n')).toEqual(
      expect.arrayContaining([
        'follow_ups,,completion_rate,0.5',
        'follow_ups,,overdue,2',
        'follow_ups,open,count,1',
      ]),
    );
  });

  it('exports the same figures as CSV', async () => {
    const api = harness();
    const { web } = await seed(api);
    const res = await api.call('GET', `/api/v1/metrics.csv?${PERIOD}&service=${web.id}`, { as: 'viewer' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="beacon-metrics-2026-02-02-to-2026-02-15.csv"',
    );
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('section,key,metric,value');
    // web: A B H; resolve [10,60,90] → median 60 min = 3600 s, p90 rank 3 → 90 min = 5400 s.
    expect(lines).toContain('summary,,incidents,3');
    expect(lines).toContain('duration,resolve,median_seconds,3600');
    expect(lines).toContain('duration,resolve,p90_seconds,5400');
    expect(lines).toContain('week,2026-02-09,incidents,1');
    expect(lines).toContain('service,web,incidents,3');
  });

  it('refuses bad periods and filters, naming the field, and needs a signed-in user', async () => {
    const api = harness();
    const { web, platform } = await seed(api);
    const get = (query: string) => api.call('GET', `/api/v1/metrics?${query}`, { as: 'viewer' });
    expectProblem(await get('from=2026-03-01&to=2026-02-01'), 400, 'from');
    expectProblem(await get('from=2026-02-30'), 400, 'from');
    expectProblem(await get('from=2023-01-01&to=2026-01-01'), 400, 'to');
    expectProblem(await get(`service=${web.id}&team=${platform.id}`), 400, 'team');
    expectProblem(await get('service=9999'), 400, 'service');
    expectProblem(await get('team=9999'), 400, 'team');
    expectProblem(await get('severity=SEV9'), 400, 'severity.0');
    expectProblem(await api.call('GET', `/api/v1/metrics.csv?team=abc`, { as: 'viewer' }), 400, 'team');
    expectProblem(await api.call('GET', '/api/v1/metrics', { as: null }), 401);
    expectProblem(await api.call('GET', '/api/v1/metrics.csv', { as: null }), 401);
    for (const role of ['support', 'responder', 'admin'] as const)
      ok(await api.call('GET', `/api/v1/metrics?${PERIOD}`, { as: role }));
  });

  it('defaults to the twelve weeks up to today', async () => {
    const api = harness();
    await seed(api);
    // The harness clock reads 2026-03-01 (a Sunday): 84 days from 2025-12-08.
    const metrics = ok<ReliabilityMetrics>(await api.call('GET', '/api/v1/metrics', { as: 'viewer' }));
    expect(metrics.period).toEqual({ from: '2025-12-08', to: '2026-03-01', days: 84 });
    expect(metrics.weekly).toHaveLength(12);
    expect(metrics.incidents).toBe(8);
  });
});
