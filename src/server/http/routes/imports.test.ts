import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ImportSetup } from '../../../core/schemas/import.js';
import { EscalationEngine } from '../../engine/escalation/escalation-engine.js';
import { PagerDutyClient } from '../../import/pagerduty/pagerduty-client.js';
import { readPagerDutySetup } from '../../import/pagerduty/read-pagerduty.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  beaconState,
  planThenApply,
  postImport,
} from '../../../../test/support/server/import/import-test-helpers.js';
import { expectProblem, ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { send } from '../../../../test/support/server/ingest/inbound-test-helpers.js';
import { type FakePagerDuty, startFakePagerDuty } from '../../../../test/support/fakes/pagerduty-api.js';
import { OLD_EVENTS_KEY, pagerDutyAccount } from '../../../../test/support/fakes/pagerduty-fixtures.js';
import { renderFinalSchedule } from '../../../../test/support/fakes/pagerduty-render.js';

const quietLog = { error: () => undefined, warn: () => undefined };

describeEachDialect('import from PagerDuty', (dialect) => {
  const api = useApiHarness(dialect);
  let fake: FakePagerDuty;
  const waits: number[] = [];

  beforeEach(async () => {
    waits.length = 0;
    fake = await startFakePagerDuty(pagerDutyAccount(api().clock.now()), () => api().clock.now());
  });
  afterEach(async () => {
    await fake.close();
  });

  async function readSetup(): Promise<ImportSetup> {
    const client = new PagerDutyClient({
      token: fake.token,
      apiUrl: fake.url,
      pageSize: 2,
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    return readPagerDutySetup(client, { now: api().clock.now() });
  }

  const run = (setup: ImportSetup, apply: boolean) => postImport(api(), setup, apply);

  it('plans exactly what it applies, and a second apply changes nothing', async () => {
    const setup = await readSetup();
    expect(waits).toEqual([1000]);
    const { dryRun, applied } = await planThenApply(api(), setup);
    const action = (kind: string, sourceId: string) =>
      applied.items.find((i) => i.kind === kind && i.sourceId === sourceId);
    expect(action('schedule', 'PSCHNY1')).toMatchObject({ action: 'create' });
    expect(action('schedule', 'PSCHOD3')).toMatchObject({
      action: 'skip',
      reason: expect.stringContaining('5400 seconds'),
    });
    expect(action('escalation_policy', 'PEP0002')).toMatchObject({ action: 'skip' });
    expect(action('integration', 'PINT003')).toMatchObject({ action: 'skip' });
    expect(action('override', 'POVR001')).toMatchObject({ action: 'create' });
    expect(action('override', 'POVR000')?.action).toBeUndefined();
    expect(action('maintenance', 'PMW0001/PSVC001')).toMatchObject({ action: 'create' });
    expect(applied.items.filter((i) => i.action !== 'skip').every((i) => i.beaconId !== null)).toBe(true);

    const afterFirst = await beaconState(api());
    const users = ok<{ items: Array<{ email: string; role: string; isPending?: boolean }> }>(
      await api().call('GET', '/api/v1/users'),
    ).items;
    expect(users.find((u) => u.email === 'dee@acme.test')?.role).toBe('viewer');
    expect(users.find((u) => u.email === 'eve@acme.test')?.role).toBe('admin');

    const again = await run(await readSetup(), true);
    expect(again.items.map((i) => i.action).every((a) => a === 'skip')).toBe(true);
    const made = applied.integrations.find((i) => i.sourceId === 'PINT001');
    expect(dryRun.integrations.find((i) => i.sourceId === 'PINT001')).toMatchObject({
      beaconId: null,
      key: null,
    });
    expect(made?.key).toMatch(/^[0-9a-f]{32}$/);
    expect(again.integrations.find((i) => i.sourceId === 'PINT001')).toEqual({
      ...made,
      key: null,
      keyPrefix: made?.key?.slice(0, 8),
    });
    expect(await beaconState(api())).toEqual(afterFirst);
  });

  it('puts the same person on call as PagerDuty at every handoff of the next 8 weeks, across DST', async () => {
    for (const at of ['2026-03-01T12:00:00Z', '2026-10-20T12:00:00Z']) {
      api().clock.set(Date.parse(at));
      await fake.close();
      fake = await startFakePagerDuty(pagerDutyAccount(api().clock.now()), () => api().clock.now());
      const result = await run(await readSetup(), false);
      expect(result.comparisons.map((c) => c.sourceId)).toEqual(['PSCHNY1', 'PSCHLN2']);
      for (const comparison of result.comparisons) {
        expect(comparison.differences).toEqual([]);
        expect(comparison.handoffs).toBeGreaterThan(20);
      }
    }
  });

  it('reports every handoff where Beacon would differ', async () => {
    const setup = await readSetup();
    const schedule = setup.schedules[0];
    const entry = schedule?.rendered?.entries[3];
    if (!schedule?.rendered || !entry) throw new Error('fixture has no rendered schedule');
    entry.userSourceId = entry.userSourceId === 'PANA001' ? 'PBEN002' : 'PANA001';
    const result = await run(setup, false);
    expect(result.comparisons[0]?.differences).toEqual([
      expect.objectContaining({ at: new Date(entry.start).toISOString(), source: entry.userSourceId }),
    ]);
  });

  it('pages, for an alert sent to the new /v2/enqueue with the new key, whom PagerDuty would page', async () => {
    const applied = await run(await readSetup(), true);
    const events = applied.integrations.find((i) => i.sourceId === 'PINT001');
    expect(events).toMatchObject({ oldKey: OLD_EVENTS_KEY, beaconType: 'pagerduty' });
    const key = events?.key;
    if (!key) throw new Error('no new key');
    // Now (a Sunday: the weekend layer), and ten and a half days on: inside the fixture's override.
    for (const days of [0, 10.5]) {
      api().clock.set(Date.parse('2026-03-01T12:00:00Z') + days * 86_400_000);
      const now = api().clock.now();
      const account = pagerDutyAccount(Date.parse('2026-03-01T12:00:00Z'));
      const primary = account.schedules[0];
      if (!primary) throw new Error('no schedule');
      const [onCall] = renderFinalSchedule(primary, account.overrides.PSCHNY1 ?? [], now, now + 1);
      const email = account.users.find((u) => u.id === onCall?.user?.id)?.email;
      const reply = await send(api(), 'POST', '/v2/enqueue', {
        routing_key: key,
        event_action: 'trigger',
        dedup_key: `disk-${days}`,
        payload: { summary: 'Disk full', source: 'db-1', severity: 'critical' },
      });
      expect(reply.statusCode).toBe(202);
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
      expect(email).toBe(days === 0 ? 'eve@acme.test' : 'dee@acme.test');
      expect(paged.map((p) => p.email)).toEqual([email]);
    }
  });

  it('is for admins, and refuses a set-up naming a bad field without changing anything', async () => {
    const setup = await readSetup();
    expect(
      (await api().call('POST', '/api/v1/imports', { as: 'responder', body: { setup } })).statusCode,
    ).toBe(403);
    const before = await beaconState(api());
    const bad = { ...setup, users: [{ ...setup.users[0], role: 'owner' }] };
    expectProblem(await api().call('POST', '/api/v1/imports', { body: { setup: bad, apply: true } }), 400);
    expect(await beaconState(api())).toEqual(before);
  });
});
