import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ImportSetup } from '../../../core/schemas/import.js';
import { EscalationEngine } from '../../engine/escalation/escalation-engine.js';
import { GrafanaOnCallClient } from '../../import/grafana-oncall/grafana-oncall-client.js';
import { readGrafanaOnCallSetup } from '../../import/grafana-oncall/read-grafana-oncall.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  beaconState,
  planThenApply,
  postImport,
} from '../../../../test/support/server/import/import-test-helpers.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { send } from '../../../../test/support/server/ingest/inbound-test-helpers.js';
import {
  type FakeGrafanaOnCall,
  startFakeGrafanaOnCall,
} from '../../../../test/support/fakes/grafana-oncall-api.js';
import {
  OLD_ALERTMANAGER_LINK,
  grafanaOnCallAccount,
} from '../../../../test/support/fakes/grafana-oncall-fixtures.js';
import { finalShifts } from '../../../../test/support/fakes/grafana-oncall-final-shifts.js';

const quietLog = { error: () => undefined, warn: () => undefined };
const START = Date.parse('2026-03-01T12:00:00Z');

describeEachDialect('import from Grafana OnCall', (dialect) => {
  const api = useApiHarness(dialect);
  let fake: FakeGrafanaOnCall;
  const waits: number[] = [];

  beforeEach(async () => {
    waits.length = 0;
    api().clock.set(START);
    fake = await startFakeGrafanaOnCall(grafanaOnCallAccount(api().clock.now()));
  });
  afterEach(async () => {
    await fake.close();
  });

  async function read() {
    const client = new GrafanaOnCallClient({
      token: fake.token,
      apiUrl: fake.url,
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    return readGrafanaOnCallSetup(client, { now: api().clock.now() });
  }
  const readSetup = async (): Promise<ImportSetup> => (await read()).setup;

  const run = (setup: ImportSetup, apply: boolean) => postImport(api(), setup, apply);

  it('plans exactly what it applies, and a second apply changes nothing', async () => {
    const { setup, notes } = await read();
    expect(waits).toEqual([1000]);
    expect(notes).toEqual([
      'chain "Mail" step 2 notifies as important; Beacon pages with each person\'s rules',
      'chain "Mail" waits 1 minutes before its first step; Beacon pages at once',
    ]);
    const { applied } = await planThenApply(api(), setup);
    const action = (kind: string, sourceId: string) =>
      applied.items.find((i) => i.kind === kind && i.sourceId === sourceId);
    for (const id of ['SNY', 'SLON', 'SBER'])
      expect(action('schedule', id)).toMatchObject({ action: 'create' });
    expect(action('schedule', 'SICAL')).toMatchObject({
      action: 'skip',
      reason: expect.stringContaining('iCal feed'),
    });
    expect(action('schedule', 'SPAIRS')).toMatchObject({
      action: 'skip',
      reason: expect.stringContaining('2 people on call at once'),
    });
    expect(action('override', 'ONYSWAP')).toMatchObject({ action: 'create' });
    expect(action('override', 'ONYPAST')).toMatchObject({ action: 'skip' });
    expect(action('escalation_policy', 'EPLAT')).toMatchObject({ action: 'create' });
    expect(action('escalation_policy', 'EOPS')).toMatchObject({
      action: 'skip',
      reason: expect.stringContaining('notify_person_next_each_time'),
    });
    expect(action('service', 'team/TPLAT')).toMatchObject({ action: 'create', name: 'Platform' });
    expect(action('service', 'no-team')).toMatchObject({ action: 'create', name: 'No team' });
    expect(action('integration', 'IAM')).toMatchObject({ action: 'create' });
    expect(action('integration', 'IWH')).toMatchObject({ action: 'create' });
    expect(action('integration', 'IMAIL')).toMatchObject({ action: 'create' });
    expect(action('integration', 'IZBX')).toMatchObject({
      action: 'skip',
      reason: expect.stringContaining('zabbix'),
    });
    expect(applied.items.filter((i) => i.action !== 'skip').every((i) => i.beaconId !== null)).toBe(true);
    expect(applied.integrations.find((i) => i.sourceId === 'IAM')).toMatchObject({
      beaconType: 'alertmanager',
      oldAddress: OLD_ALERTMANAGER_LINK,
    });

    const policies = ok<{
      items: Array<{ name: string; repeatCount: number; steps: Array<{ delayMinutes: number }> }>;
    }>(await api().call('GET', '/api/v1/escalation-policies')).items;
    const platform = policies.find((p) => p.name === 'Platform escalation');
    expect(platform).toMatchObject({ repeatCount: 5 });
    expect(platform?.steps.map((s) => s.delayMinutes)).toEqual([5, 15]);
    const users = ok<{ items: Array<{ email: string; role: string }> }>(
      await api().call('GET', '/api/v1/users'),
    ).items;
    expect(users.find((u) => u.email === 'dee@acme.test')?.role).toBe('viewer');
    expect(users.find((u) => u.email === 'ben@acme.test')?.role).toBe('responder');
    expect(users.find((u) => u.email === 'ana@acme.test')?.role).toBe('admin');

    const afterFirst = await beaconState(api());
    const again = await run(await readSetup(), true);
    expect(again.items.map((i) => i.action).every((a) => a === 'skip')).toBe(true);
    expect(await beaconState(api())).toEqual(afterFirst);
  });

  it('puts the same person on call as Grafana OnCall at every handoff of the next 8 weeks, across DST', async () => {
    for (const at of ['2026-03-01T12:00:00Z', '2026-10-20T12:00:00Z']) {
      api().clock.set(Date.parse(at));
      await fake.close();
      fake = await startFakeGrafanaOnCall(grafanaOnCallAccount(api().clock.now()));
      const result = await run(await readSetup(), false);
      expect(result.comparisons.map((c) => c.sourceId)).toEqual(['SNY', 'SLON', 'SBER']);
      for (const comparison of result.comparisons) {
        expect(comparison.differences, comparison.name).toEqual([]);
        expect(comparison.handoffs).toBeGreaterThan(20);
      }
    }
  });

  it('reports a handoff where Beacon would differ', async () => {
    const setup = await readSetup();
    const entry = setup.schedules[0]?.rendered?.entries[3];
    if (!entry) throw new Error('fixture has no final shifts');
    entry.userSourceId = entry.userSourceId === 'UANA' ? 'UBEN' : 'UANA';
    const result = await run(setup, false);
    expect(result.comparisons[0]?.differences).toEqual([
      expect.objectContaining({ at: new Date(entry.start).toISOString(), source: entry.userSourceId }),
    ]);
  });

  it('pages, for an alert sent to the printed Alertmanager address, whom Grafana OnCall would page', async () => {
    const applied = await run(await readSetup(), true);
    const key = applied.integrations.find((i) => i.sourceId === 'IAM')?.key;
    if (!key) throw new Error('no new key');
    // Now (Sunday morning in New York: after hours), and ten and a half days on: the override.
    for (const days of [0, 10.5]) {
      api().clock.set(START + days * 86_400_000);
      const now = api().clock.now();
      const account = grafanaOnCallAccount(START);
      const schedule = account.schedules[0];
      if (!schedule) throw new Error('no schedule');
      const own = account.shifts.filter((s) => s.schedule === schedule.id);
      const onCall = finalShifts(schedule, own, account.users, now, now + 1).map((s) => s.user_email);
      const reply = await send(api(), 'POST', `/integrations/alertmanager/${key}/api/v2/alerts`, [
        { labels: { alertname: 'DiskFull', severity: 'critical', instance: `db-${days}` }, annotations: {} },
      ]);
      expect(reply.statusCode, reply.body).toBe(200);
      const engine = new EscalationEngine(api().db.ctx, { notifyBundleSeconds: 0 }, quietLog);
      await engine.tick();
      await engine.close();
      const db = api().db.ctx.store.db;
      const incident = await db
        .selectFrom('incidents')
        .select('id')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const paged = await db
        .selectFrom('incident_pages')
        .innerJoin('users', 'users.id', 'incident_pages.user_id')
        .select('users.email')
        .where('incident_pages.incident_id', '=', incident.id)
        .execute();
      expect(onCall).toEqual([days === 0 ? 'cy@acme.test' : 'eve@acme.test']);
      expect(paged.map((p) => p.email)).toEqual(onCall);
    }
  });

  it('is for admins only', async () => {
    const setup = await readSetup();
    const before = await beaconState(api());
    const reply = await api().call('POST', '/api/v1/imports', {
      as: 'responder',
      body: { setup, apply: true },
    });
    expect(reply.statusCode).toBe(403);
    expect(await beaconState(api())).toEqual(before);
  });
});
