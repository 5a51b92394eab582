import { expect, it } from 'vitest';
import type { AlertEvent } from '../../../core/alerts/alert-event.js';
import type { AlertRules } from '../../../core/alerts/grouping.js';
import { labelFingerprint } from '../../../core/alerts/fingerprint.js';
import { describeEachDialect, useTestDatabase } from '../../../../test/support/server/test-database.js';
import { alertEvent } from '../../../../test/support/server/alert-events.js';
import { findIncidents } from '../read-incidents.js';
import { getTimeline } from '../read-incidents.js';
import { createService } from '../services.js';
import { ingestAlertBatch } from './ingest-alerts.js';
import { getAlerts } from './read-alerts.js';
import { sweepAlerts } from './sweep-alerts.js';
import { updateAlertRules } from './update-alert-rules.js';
import { scheduleMaintenance } from './maintenance.js';

const MINUTE = 60_000;

const event = (key: string, action: AlertEvent['action'] = 'trigger', extra: Partial<AlertEvent> = {}) =>
  alertEvent(key, action, { payload: { key }, ...extra });

describeEachDialect('alert pipeline', (dialect) => {
  const database = useTestDatabase(dialect);

  // These tests group a service's alerts into one incident unless they say otherwise.
  async function setup(rules: Partial<AlertRules> = {}) {
    const { ctx, clock } = database();
    const service = await createService(ctx, { name: 'Checkout' });
    await updateAlertRules(ctx, service.id, { grouping: 'service', ...rules });
    const origin = { serviceId: service.id, integrationId: null, name: 'test' };
    const send = async (...events: AlertEvent[]) => {
      const [result] = await ingestAlertBatch(ctx, [{ origin, events }]);
      if (!Array.isArray(result)) throw result ?? new Error('no result');
      return result;
    };
    const incidents = async () => (await findIncidents(ctx, { sort: 'oldest', limit: 200 })).items;
    const alerts = async () => (await getAlerts(ctx, { limit: 200 })).items;
    return { ctx, clock, service, send, incidents, alerts };
  }

  it('turns a storm of 10,000 events over 1,000 label sets into 1,000 alerts and 1 incident', async () => {
    const { ctx, service, incidents, alerts } = await setup();
    const origin = { serviceId: service.id, integrationId: null, name: 'storm' };
    for (let round = 0; round < 10; round++) {
      const events = Array.from({ length: 1000 }, (_, i) => {
        const labels = { alertname: 'HighErrorRate', pod: `checkout-${i}` };
        return event(labelFingerprint(labels), 'trigger', {
          labels,
          severity: i === 0 ? 'critical' : 'warning',
        });
      });
      await ingestAlertBatch(ctx, [{ origin, events }]);
    }
    const all = await getAlerts(ctx, { limit: 200, status: 'open' });
    expect(all.items.length).toBe(200);
    const rows = await ctx.store.db
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(1000);
    const list = await incidents();
    expect(list.length).toBe(1);
    expect(list[0]?.severity).toBe('SEV1');
    expect((await alerts()).every((a) => a.incident?.ref === 'INC-1')).toBe(true);
  }, 120_000);

  it('treats a re-sent firing alert as a no-op', async () => {
    const { send, alerts } = await setup();
    expect((await send(event('a')))[0]?.result).toBe('created');
    expect((await send(event('a')))[0]?.result).toBe('unchanged');
    const [alert] = await alerts();
    expect(alert?.eventCount).toBe(1);
  });

  it('auto-resolves the incident when every alert has resolved, and says why', async () => {
    const { ctx, send, incidents } = await setup();
    await send(event('a'), event('b'));
    await send(event('a', 'resolve'));
    expect((await incidents())[0]?.status).toBe('triggered');
    await send(event('b', 'resolve'));
    const [incident] = await incidents();
    expect(incident?.status).toBe('resolved');
    expect(incident?.resolutionSummary).toMatch(/All 2 alerts resolved/);
    const timeline = await getTimeline(ctx, 'INC-1');
    expect(timeline.at(-1)).toMatchObject({
      kind: 'resolved',
      actor: { type: 'system' },
      body: 'All 2 alerts resolved',
    });
  });

  it('ends a resolved alert now, whatever expiry it was sent with', async () => {
    const { send, alerts, clock } = await setup();
    const start = clock.now();
    await send(event('a', 'trigger', { endsAt: start + 30 * MINUTE }));
    clock.advance(MINUTE);
    await send(event('a', 'resolve'));
    const [alert] = await alerts();
    expect(alert?.status).toBe('resolved');
    expect(alert?.endsAt).toBe(new Date(start + MINUTE).toISOString());
  });

  it('moves to monitoring instead when the service says so', async () => {
    const { send, incidents } = await setup({ autoResolve: 'monitoring' });
    await send(event('a'));
    await send(event('a', 'resolve'));
    expect((await incidents())[0]?.status).toBe('monitoring');
  });

  it('drops acknowledge and resolve for unknown keys; a trigger after resolve opens a new alert', async () => {
    const { send, alerts } = await setup();
    expect((await send(event('x', 'resolve')))[0]?.result).toBe('dropped');
    expect((await send(event('x', 'acknowledge')))[0]?.result).toBe('dropped');
    await send(event('x'));
    await send(event('x', 'resolve'));
    expect((await send(event('x', 'resolve')))[0]?.result).toBe('dropped');
    expect((await send(event('x')))[0]?.result).toBe('created');
    expect((await alerts()).length).toBe(2);
  });

  it('within one batch, sees each event the previous ones wrote', async () => {
    const { ctx, service, alerts } = await setup();
    const origin = { serviceId: service.id, integrationId: null, name: 'batch' };
    await ingestAlertBatch(ctx, [{ origin, events: [event('old')] }]);
    const results = await ingestAlertBatch(ctx, [
      { origin, events: [event('x'), event('x'), event('old'), event('x', 'resolve')] },
      {
        origin,
        events: [event('x', 'resolve'), event('x'), event('old', 'acknowledge'), event('old', 'acknowledge')],
      },
      { origin, events: [event('x', 'trigger', { summary: 'changed' }), event('old', 'resolve')] },
    ]);
    expect(results.map((r) => (Array.isArray(r) ? r.map((o) => o.result) : r.message))).toEqual([
      ['created', 'unchanged', 'unchanged', 'resolved'],
      ['dropped', 'created', 'acknowledged', 'unchanged'],
      ['updated', 'resolved'],
    ]);
    const all = await alerts();
    expect(all.map((a) => [a.dedupKey, a.status, a.summary]).sort()).toEqual([
      ['old', 'resolved', 'Alert old'],
      ['x', 'firing', 'changed'],
      ['x', 'resolved', 'Alert x'],
    ]);
  });

  it('acknowledging an alert acknowledges its triggered incident', async () => {
    const { send, incidents } = await setup();
    await send(event('a'));
    await send(event('a', 'acknowledge'));
    expect((await incidents())[0]).toMatchObject({ status: 'investigating' });
    expect((await incidents())[0]?.acknowledgedAt).not.toBeNull();
  });

  it('groups by chosen labels, or one incident per alert', async () => {
    const byLabels = await setup({ grouping: 'labels', groupBy: ['cluster'] });
    const labelled = (key: string, cluster: string) => event(key, 'trigger', { labels: { cluster } });
    await byLabels.send(labelled('a', 'eu'), labelled('b', 'eu'), labelled('c', 'us'));
    expect((await byLabels.incidents()).length).toBe(2);
  });

  it('groups by label values of any length: long group keys keep a prefix and a hash', async () => {
    const byLabels = await setup({ grouping: 'labels', groupBy: ['cluster'] });
    // A 4,000-character value (~12 KB in UTF-8) would exceed PostgreSQL's index entry limit.
    const long = (tail: string) => `${'€'.repeat(4000)}${tail}`;
    const labelled = (key: string, cluster: string) => event(key, 'trigger', { labels: { cluster } });
    await byLabels.send(labelled('a', long('x')), labelled('b', long('x')), labelled('c', long('y')));
    expect((await byLabels.incidents()).length).toBe(2);
  });

  it('opens one incident per alert in alert grouping', async () => {
    const { send, incidents } = await setup({ grouping: 'alert' });
    await send(event('a'), event('b'), event('a'));
    expect((await incidents()).length).toBe(2);
  });

  it('starts a new incident after the group window, and never feeds a resolved one after its reopen window', async () => {
    const { send, incidents, clock } = await setup({ groupWindowMinutes: 60, reopenWindowMinutes: 10 });
    await send(event('a'));
    clock.advance(61 * MINUTE);
    await send(event('b'));
    expect((await incidents()).map((i) => i.number)).toEqual([1, 2]);
    await send(event('a', 'resolve'), event('b', 'resolve'));
    clock.advance(5 * MINUTE);
    await send(event('c'));
    // Within the reopen window the resolved incident takes the alert again, reopened.
    expect((await incidents()).map((i) => [i.number, i.status])).toEqual([
      [1, 'resolved'],
      [2, 'triggered'],
    ]);
    await send(event('c', 'resolve'));
    clock.advance(11 * MINUTE);
    await send(event('d'));
    expect((await incidents()).map((i) => [i.number, i.status])).toEqual([
      [1, 'resolved'],
      [2, 'resolved'],
      [3, 'triggered'],
    ]);
  });

  it('opens only after N alerts in M minutes when a threshold is set', async () => {
    const { send, incidents, clock } = await setup({ thresholdCount: 3, thresholdMinutes: 5 });
    expect((await send(event('a')))[0]?.result).toBe('pending');
    clock.advance(6 * MINUTE);
    expect((await send(event('b')))[0]?.result).toBe('pending');
    expect((await send(event('c')))[0]?.result).toBe('pending');
    expect(await incidents()).toEqual([]);
    clock.advance(MINUTE);
    const [outcome] = await send(event('d'));
    expect(outcome?.result).toBe('created');
    const [incident] = await incidents();
    // b, c and d arrived within 5 minutes; a is older and stays out.
    const { items } = await getAlerts(database().ctx, { limit: 50, incident: incident?.ref ?? '' });
    expect(items.map((a) => a.dedupKey).sort()).toEqual(['b', 'c', 'd']);
  });

  it('marks an alert flapping after K state changes in W minutes and pages no more', async () => {
    const { send, incidents, alerts, clock } = await setup({
      flapChanges: 4,
      flapWindowMinutes: 30,
      reopenWindowMinutes: 0,
    });
    const results: string[] = [];
    for (let i = 0; i < 3; i++) {
      results.push((await send(event('f')))[0]?.result ?? '');
      clock.advance(MINUTE);
      await send(event('f', 'resolve'));
      clock.advance(MINUTE);
    }
    expect(results).toEqual(['created', 'created', 'flapping']);
    // The flapping alert joined the last incident quietly: no new incident, no reopen.
    const before = await incidents();
    expect(before.length).toBe(2);
    expect(before.every((i) => i.status === 'resolved')).toBe(true);
    expect((await alerts())[0]?.isFlapping).toBe(true);
  });

  it('keeps alerts inside a maintenance window suppressed and opens them when it ends', async () => {
    const { ctx, send, incidents, alerts, clock, service } = await setup();
    const caller = { userId: 1, name: 'Ops', email: 'ops@example.com', role: 'admin' as const };
    await ctx.store.db
      .insertInto('users')
      .values({
        email: 'ops@example.com',
        name: 'Ops',
        role: 'admin',
        password_hash: 'x',
        disabled_at: null,
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    const now = clock.now();
    await scheduleMaintenance(ctx, caller, service.id, {
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 30 * MINUTE).toISOString(),
      reason: 'database upgrade',
    });
    expect((await send(event('still-firing')))[0]?.result).toBe('suppressed');
    expect((await send(event('recovers')))[0]?.result).toBe('suppressed');
    await send(event('recovers', 'resolve'));
    expect(await incidents()).toEqual([]);
    expect((await alerts()).find((a) => a.dedupKey === 'still-firing')?.isSuppressed).toBe(true);
    clock.advance(31 * MINUTE);
    expect(await sweepAlerts(ctx)).toBe(1);
    const opened = await incidents();
    expect(opened.length).toBe(1);
    const { items } = await getAlerts(ctx, { limit: 10, incident: 'INC-1' });
    expect(items.map((a) => a.dedupKey)).toEqual(['still-firing']);
    expect(await sweepAlerts(ctx)).toBe(0);
  });

  it('resolves an alert whose endsAt passed without a re-send (Alertmanager resolve timeout)', async () => {
    const { send, incidents, clock } = await setup();
    const now = clock.now();
    await send(event('am', 'trigger', { endsAt: now + 5 * MINUTE }));
    clock.advance(4 * MINUTE);
    // A re-send pushes endsAt on: stored only once less than half the new lifetime is left,
    // and never counted as a new event.
    const stored = async () =>
      database()
        .ctx.store.db.selectFrom('alerts')
        .select(['ends_at', 'event_count'])
        .executeTakeFirstOrThrow();
    clock.advance(-3 * MINUTE);
    expect((await send(event('am', 'trigger', { endsAt: clock.now() + 5 * MINUTE })))[0]?.result).toBe(
      'unchanged',
    );
    expect((await stored()).ends_at).toBe(now + 5 * MINUTE);
    clock.advance(3 * MINUTE);
    expect((await send(event('am', 'trigger', { endsAt: clock.now() + 5 * MINUTE })))[0]?.result).toBe(
      'unchanged',
    );
    expect(await stored()).toEqual({ ends_at: now + 9 * MINUTE, event_count: 1 });
    clock.advance(4 * MINUTE);
    expect(await sweepAlerts(database().ctx)).toBe(0);
    clock.advance(2 * MINUTE);
    expect(await sweepAlerts(database().ctx)).toBe(1);
    expect((await incidents())[0]?.status).toBe('resolved');
  });

  it('survives concurrent batches for the same alerts: one alert per key, one incident', async () => {
    const { ctx, service, incidents } = await setup();
    const origin = { serviceId: service.id, integrationId: null, name: 'race' };
    const batch = () => ingestAlertBatch(ctx, [{ origin, events: ['a', 'b', 'c'].map((k) => event(k)) }]);
    await Promise.all([batch(), batch(), batch(), batch()]);
    const rows = await ctx.store.db.selectFrom('alerts').select('dedup_key').execute();
    expect(rows.map((r) => r.dedup_key).sort()).toEqual(['a', 'b', 'c']);
    expect((await incidents()).length).toBe(1);
  });
});
