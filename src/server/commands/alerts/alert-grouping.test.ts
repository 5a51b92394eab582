import { expect, it } from 'vitest';
import type { AlertEvent } from '../../../core/alerts/alert-event.js';
import type { PagePayload } from '../../../core/schemas/oncall.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { alertEvent } from '../../../../test/support/server/alert-events.js';
import {
  outboxRows,
  serviceWithPolicy,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { escalateDueIncidents } from '../oncall/fire-escalations.js';
import { findIncidents, getTimeline } from '../read-incidents.js';
import { createService } from '../services.js';
import { ingestAlertBatch } from './ingest-alerts.js';
import { getAlertRules, updateAlertRules } from './update-alert-rules.js';

const MINUTE = 60_000;

/** A Prometheus-style alert: `name` on `instance`. */
const named = (name: string, instance: string, action: AlertEvent['action'] = 'trigger') =>
  alertEvent(`${name}/${instance}`, action, {
    summary: `${name === 'DiskFull' ? 'Disk full' : 'Slow checkout'} on ${instance}`,
    labels: { alertname: name, instance },
  });

describeEachDialect('alert grouping by alert name', (dialect) => {
  const api = useApiHarness(dialect);

  async function setup(serviceId?: number, name = 'Checkout') {
    const { ctx } = api().db;
    const id = serviceId ?? (await createService(ctx, { name })).id;
    const origin = { serviceId: id, integrationId: null, name: 'Prometheus' };
    const send = async (...events: AlertEvent[]) => {
      const [result] = await ingestAlertBatch(ctx, [{ origin, events }]);
      if (!Array.isArray(result)) throw result ?? new Error('no result');
      return result;
    };
    const incidents = async () =>
      (await findIncidents(ctx, { sort: 'oldest', limit: 50 })).items.map((i) => [i.ref, i.status, i.title]);
    return { ctx, serviceId: id, send, incidents };
  }

  it('never reopens a resolved incident for an unrelated alert of the same service', async () => {
    const { send, incidents } = await setup();
    await send(named('SlowCheckout', 'web-1'));
    await send(named('SlowCheckout', 'web-1', 'resolve'));
    api().clock.advance(5 * MINUTE);
    await send(named('DiskFull', 'db-1'));
    expect(await incidents()).toEqual([
      ['INC-1', 'resolved', 'Slow checkout on web-1'],
      ['INC-2', 'triggered', 'Disk full on db-1'],
    ]);
  });

  it('keeps unrelated open alerts apart and groups the same alert name together', async () => {
    const { send, incidents } = await setup();
    await send(named('DiskFull', 'db-1'), named('SlowCheckout', 'web-1'), named('DiskFull', 'db-2'));
    expect(await incidents()).toEqual([
      ['INC-1', 'triggered', 'Disk full on db-1'],
      ['INC-2', 'triggered', 'Slow checkout on web-1'],
    ]);
  });

  it('reopens within its own group, and the reopen entry names the alert that fired', async () => {
    const { ctx, send, incidents } = await setup();
    await send(named('DiskFull', 'db-1'));
    await send(named('DiskFull', 'db-1', 'resolve'));
    api().clock.advance(5 * MINUTE);
    await send(named('DiskFull', 'db-2'));
    expect(await incidents()).toEqual([['INC-1', 'triggered', 'Disk full on db-1']]);
    const timeline = await getTimeline(ctx, 'INC-1');
    expect(timeline.find((e) => e.kind === 'reopened')?.body).toBe(
      'Reopened by alert DiskFull: Disk full on db-2',
    );
  });

  it('names the alert that joins an incident on its timeline and in the pages', async () => {
    const { users } = api();
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 5, targets: [{ type: 'user', id: users.responder.userId }] },
      { delayMinutes: 5, targets: [{ type: 'user', id: users.viewer.userId }] },
    ]);
    const { ctx, send } = await setup(serviceId);
    const reasons = async () =>
      (await outboxRows(ctx)).map((row) => (JSON.parse(row.payload) as PagePayload).items[0]?.reason);
    await send(named('DiskFull', 'db-1'));
    await escalateDueIncidents(ctx, { bundleMs: 0 });
    expect(await reasons()).toEqual(['escalation step 1 · alert DiskFull: Disk full on db-1']);
    api().clock.advance(MINUTE);
    await send(named('DiskFull', 'db-2'));
    const bodies = (await getTimeline(ctx, 'INC-1'))
      .filter((e) => e.kind === 'alert_attached')
      .map((e) => e.body);
    expect(bodies).toEqual([
      'Opened by alert [warning] DiskFull: Disk full on db-1',
      'Alert joined: [warning] DiskFull: Disk full on db-2',
    ]);
    api().clock.advance(5 * MINUTE);
    await escalateDueIncidents(ctx, { bundleMs: 0 });
    expect((await reasons())[1]).toBe(
      'escalation step 2 · alert DiskFull: Disk full on db-2 (+1 more firing)',
    );
  });

  it('keeps the grouping a service saved; rules never saved follow the defaults', async () => {
    const { ctx } = api().db;
    const kept = await setup();
    await updateAlertRules(ctx, kept.serviceId, { grouping: 'service' });
    await kept.send(named('DiskFull', 'db-1'), named('SlowCheckout', 'web-1'));
    expect((await kept.incidents()).length).toBe(1);
    // Saving one rule stores that rule only: the grouping still follows the default.
    const other = await setup(undefined, 'Payments');
    await updateAlertRules(ctx, other.serviceId, { thresholdMinutes: 10 });
    const stored = await ctx.store.db
      .selectFrom('services')
      .select('alert_rules')
      .where('id', '=', other.serviceId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.alert_rules ?? 'null')).toEqual({ thresholdMinutes: 10 });
    expect(await getAlertRules(ctx, other.serviceId)).toMatchObject({
      grouping: 'alertname',
      thresholdMinutes: 10,
    });
  });
});
