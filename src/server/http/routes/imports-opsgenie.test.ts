import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ImportSetup } from '../../../core/schemas/import.js';
import { EscalationEngine } from '../../engine/escalation/escalation-engine.js';
import { OpsgenieClient } from '../../import/opsgenie/opsgenie-client.js';
import { readOpsgenieSetup } from '../../import/opsgenie/read-opsgenie.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  beaconState,
  planThenApply,
  postImport,
} from '../../../../test/support/server/import/import-test-helpers.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { send } from '../../../../test/support/server/ingest/inbound-test-helpers.js';
import { type FakeOpsgenie, startFakeOpsgenie } from '../../../../test/support/fakes/opsgenie-api.js';
import { OLD_API_KEY, opsgenieAccount } from '../../../../test/support/fakes/opsgenie-fixtures.js';
import { renderTimeline } from '../../../../test/support/fakes/opsgenie-timeline.js';

const quietLog = { error: () => undefined, warn: () => undefined };
const START = Date.parse('2026-03-01T12:00:00Z');

describeEachDialect('import from Opsgenie', (dialect) => {
  const api = useApiHarness(dialect);
  let fake: FakeOpsgenie;
  const waits: number[] = [];

  beforeEach(async () => {
    waits.length = 0;
    api().clock.set(START);
    fake = await startFakeOpsgenie(opsgenieAccount(api().clock.now()), () => api().clock.now());
  });
  afterEach(async () => {
    await fake.close();
  });

  async function read() {
    const client = new OpsgenieClient({
      apiKey: fake.apiKey,
      apiUrl: fake.url,
      pageSize: 2,
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    return readOpsgenieSetup(client, { now: api().clock.now() });
  }
  const readSetup = async (): Promise<ImportSetup> => (await read()).setup;

  const run = (setup: ImportSetup, apply: boolean) => postImport(api(), setup, apply);

  it('plans exactly what it applies, and a second apply changes nothing', async () => {
    const { setup, notes } = await read();
    expect(waits).toEqual([1000]);
    expect(notes).toEqual([
      'integration "Checkout API" goes to "Checkout API", the first service of its team',
      'integration "Alertmanager" goes to "Checkout API", the first service of its team',
      'integration "Heartbeats" is not imported: it belongs to no team',
      'maintenance "Database upgrade" also pauses policy p-auto-close; Beacon pauses services only',
    ]);
    const { applied } = await planThenApply(api(), setup);
    const action = (kind: string, sourceId: string) =>
      applied.items.find((i) => i.kind === kind && i.sourceId === sourceId);
    expect(action('schedule', 's-ny')).toMatchObject({ action: 'create' });
    expect(action('schedule', 's-pairs')).toMatchObject({
      action: 'skip',
      reason: expect.stringContaining('two people on call'),
    });
    expect(action('escalation_policy', 'e-platform')).toMatchObject({ action: 'create' });
    expect(action('escalation_policy', 'e-ops')).toMatchObject({
      action: 'skip',
      reason: expect.stringContaining('next on-call'),
    });
    expect(action('integration', 'i-api')).toMatchObject({ action: 'create' });
    expect(action('integration', 'i-jira')).toMatchObject({ action: 'skip' });
    expect(action('override', 's-ny/swap-dee')).toMatchObject({ action: 'create' });
    expect(action('override', 's-ny/past-dee')).toMatchObject({ action: 'skip' });
    expect(action('maintenance', 'm-upgrade/svc-checkout')).toMatchObject({ action: 'create' });
    expect(action('maintenance', 'm-upgrade/svc-batch')).toMatchObject({ action: 'create' });
    expect(action('maintenance', 'm-past/svc-checkout')).toBeUndefined();
    expect(applied.items.filter((i) => i.action !== 'skip').every((i) => i.beaconId !== null)).toBe(true);

    const policies = ok<{ items: Array<{ name: string; repeatCount: number; steps: unknown[] }> }>(
      await api().call('GET', '/api/v1/escalation-policies'),
    ).items;
    expect(policies.find((p) => p.name === 'Platform_escalation')).toMatchObject({ repeatCount: 2 });
    expect(policies.find((p) => p.name === 'Platform_escalation')?.steps).toHaveLength(3);
    const users = ok<{ items: Array<{ email: string; role: string }> }>(
      await api().call('GET', '/api/v1/users'),
    ).items;
    expect(users.find((u) => u.email === 'dee@acme.test')?.role).toBe('viewer');
    expect(users.find((u) => u.email === 'eve@acme.test')?.role).toBe('admin');

    const afterFirst = await beaconState(api());
    const again = await run(await readSetup(), true);
    expect(again.items.map((i) => i.action).every((a) => a === 'skip')).toBe(true);
    const made = applied.integrations.find((i) => i.sourceId === 'i-api');
    expect(made?.key).toMatch(/^[0-9a-f]{32}$/);
    expect(again.integrations.find((i) => i.sourceId === 'i-api')).toEqual({
      ...made,
      key: null,
      keyPrefix: made?.key?.slice(0, 8),
    });
    expect(await beaconState(api())).toEqual(afterFirst);
  });

  it('puts the same person on call as Opsgenie at every handoff of the next 8 weeks, across DST', async () => {
    for (const at of ['2026-03-01T12:00:00Z', '2026-10-20T12:00:00Z']) {
      api().clock.set(Date.parse(at));
      await fake.close();
      fake = await startFakeOpsgenie(opsgenieAccount(api().clock.now()), () => api().clock.now());
      const result = await run(await readSetup(), false);
      expect(result.comparisons.map((c) => c.sourceId)).toEqual(['s-ny', 's-berlin', 's-sun']);
      for (const comparison of result.comparisons) {
        expect(comparison.differences).toEqual([]);
        expect(comparison.handoffs).toBeGreaterThan(20);
      }
    }
  });

  it('reports a handoff where Beacon would differ', async () => {
    const setup = await readSetup();
    const entry = setup.schedules[0]?.rendered?.entries[3];
    if (!entry) throw new Error('fixture has no timeline');
    entry.userSourceId = entry.userSourceId === 'u-ana' ? 'u-ben' : 'u-ana';
    const result = await run(setup, false);
    expect(result.comparisons[0]?.differences).toEqual([
      expect.objectContaining({ at: new Date(entry.start).toISOString(), source: entry.userSourceId }),
    ]);
  });

  it('pages, for an Opsgenie Alert API alert sent to Beacon with the new key, whom Opsgenie would page', async () => {
    const applied = await run(await readSetup(), true);
    const integration = applied.integrations.find((i) => i.sourceId === 'i-api');
    expect(integration).toMatchObject({ oldKey: OLD_API_KEY, beaconType: 'opsgenie' });
    const key = integration?.key;
    if (!key) throw new Error('no new key');
    // Now (Sunday morning in New York: after hours), and ten and a half days on: the override.
    for (const days of [0, 10.5]) {
      api().clock.set(START + days * 86_400_000);
      const now = api().clock.now();
      const account = opsgenieAccount(START);
      const schedule = account.schedules[0];
      if (!schedule) throw new Error('no schedule');
      const timeline = renderTimeline(schedule, account.overrides['s-ny'] ?? [], now, now + 1);
      const onCall = timeline.finalTimeline.rotations.flatMap((r) => r.periods ?? [])[0]?.recipient.id;
      const email = account.users.find((u) => u.id === onCall)?.username;
      const reply = await send(
        api(),
        'POST',
        '/v2/alerts',
        { message: 'Disk full on db-1', alias: `disk-${days}`, priority: 'P1', source: 'db-1' },
        { authorization: `GenieKey ${key}` },
      );
      expect(reply.statusCode, reply.body).toBe(202);
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
      expect(email).toBe(days === 0 ? 'cy@acme.test' : 'dee@acme.test');
      expect(paged.map((p) => p.email)).toEqual([email]);
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
