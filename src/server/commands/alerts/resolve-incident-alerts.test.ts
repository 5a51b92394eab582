import { expect, it } from 'vitest';
import type { AlertEvent } from '../../../core/alerts/alert-event.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { alertEvent } from '../../../../test/support/server/alert-events.js';
import {
  outboxRows,
  serviceWithPolicy,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { changeIncidentStatus } from '../change-incident-status.js';
import { declareIncident } from '../declare-incident.js';
import { mergeIncident } from '../merge-incident.js';
import { escalateDueIncidents } from '../oncall/fire-escalations.js';
import { findIncidents, getIncident, getTimeline } from '../read-incidents.js';
import { ingestAlertBatch } from './ingest-alerts.js';
import { processAlertEvents } from './process-alert-events.js';
import { lockNamed } from '../../store/queries/locks.js';
import type { AppContext } from '../context.js';
import { sql } from 'kysely';
import { getAlerts } from './read-alerts.js';

const MINUTE = 60_000;

const diskFull = (action: AlertEvent['action'] = 'trigger') =>
  alertEvent('disk/db-1', action, {
    summary: 'Disk full on db-1',
    labels: { alertname: 'DiskFull', instance: 'db-1' },
  });

describeEachDialect('resolving an incident by hand', (dialect) => {
  const api = useApiHarness(dialect);

  async function setup() {
    const { users } = api();
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 5, targets: [{ type: 'user', id: users.responder.userId }] },
    ]);
    const { ctx } = api().db;
    const origin = { serviceId, integrationId: null, name: 'Prometheus' };
    const send = async (...events: AlertEvent[]) => {
      const [result] = await ingestAlertBatch(ctx, [{ origin, events }]);
      if (!Array.isArray(result)) throw result ?? new Error('no result');
      return result.map((outcome) => outcome.result);
    };
    const resolve = (ref: string) =>
      changeIncidentStatus(ctx, users.responder, ref, {
        status: 'resolved',
        resolutionSummary: 'Cleaned up',
      });
    const statuses = async () =>
      (await findIncidents(ctx, { sort: 'oldest', limit: 50 })).items.map((i) => [i.ref, i.status]);
    const pages = async () => (await outboxRows(ctx)).filter((row) => row.kind === 'page').length;
    return { ctx, origin, send, resolve, statuses, pages };
  }

  it('resolves its open alerts and says so on its timeline', async () => {
    const { ctx, send, resolve } = await setup();
    await send(diskFull());
    await resolve('INC-1');
    const { items } = await getAlerts(ctx, { limit: 10, incident: 'INC-1' });
    expect(items.map((a) => a.status)).toEqual(['resolved']);
    const line = (await getTimeline(ctx, 'INC-1')).find((e) => e.kind === 'alerts_resolved');
    expect(line).toMatchObject({ actor: { name: 'Responder' } });
    expect(line?.body).toMatch(/^Resolved its open alert: DiskFull: Disk full on db-1\./);
  });

  it('reopens and pages when the source keeps sending the alert as firing', async () => {
    const { ctx, send, resolve, statuses, pages } = await setup();
    await send(diskFull());
    await escalateDueIncidents(ctx, { bundleMs: 0 });
    expect(await pages()).toBe(1);
    await resolve('INC-1');
    api().clock.advance(MINUTE);
    // Prometheus re-sends every firing alert: not absorbed by the resolved incident.
    expect(await send(diskFull())).toEqual(['created']);
    expect(await statuses()).toEqual([['INC-1', 'triggered']]);
    await escalateDueIncidents(ctx, { bundleMs: 0 });
    expect(await pages()).toBe(2);
  });

  it('moves the open alerts of a merged incident to the one it joined, where re-sends land', async () => {
    const { ctx, send, statuses } = await setup();
    await send(diskFull());
    const target = await declareIncident(ctx, api().users.responder, {
      title: 'Storage outage',
      severity: 'SEV2',
      status: 'investigating',
    });
    await mergeIncident(ctx, api().users.responder, 'INC-1', target.ref);
    const moved = await getAlerts(ctx, { limit: 10, incident: target.ref });
    expect(moved.items.map((a) => a.status)).toEqual(['firing']);
    const line = (await getTimeline(ctx, target.ref)).find((e) => e.kind === 'merged_from');
    expect(line?.body).toMatch(/its open alert moved here$/);
    api().clock.advance(MINUTE);
    // The re-send joins the open alert on the incident that carries on, not the merged one.
    expect(await send(diskFull())).not.toEqual(['created']);
    expect((await getAlerts(ctx, { limit: 10, incident: 'INC-1' })).items).toEqual([]);
    expect(await statuses()).toEqual([
      ['INC-1', 'merged'],
      [target.ref, 'investigating'],
    ]);
  });

  it('opens a new incident after a close, and the closed one shows the alert still firing', async () => {
    const { ctx, send, resolve, statuses, pages } = await setup();
    await send(diskFull());
    await resolve('INC-1');
    await changeIncidentStatus(ctx, api().users.responder, 'INC-1', { status: 'closed', rootCause: 'Logs' });
    expect((await getIncident(ctx, 'INC-1')).stillFiring).toEqual([]);
    api().clock.advance(MINUTE);
    await send(diskFull());
    expect(await statuses()).toEqual([
      ['INC-1', 'closed'],
      ['INC-2', 'triggered'],
    ]);
    await escalateDueIncidents(ctx, { bundleMs: 0 });
    expect(await pages()).toBe(1);
    const closed = await getIncident(ctx, 'INC-1');
    expect(closed.stillFiring).toEqual([
      expect.objectContaining({
        caption: 'DiskFull: Disk full on db-1',
        incident: expect.objectContaining({ ref: 'INC-2' }),
      }),
    ]);
    expect((await getIncident(ctx, 'INC-2')).stillFiring).toEqual([]);
  });

  it.skipIf(dialect !== 'postgres')(
    'waits for an alert batch of its service, so an alert being attached is resolved too',
    async () => {
      const { ctx, origin, send, resolve } = await setup();
      await send(diskFull());
      let release = () => {};
      const gate = new Promise<void>((done) => (release = done));
      let attached = () => {};
      const isAttached = new Promise<void>((done) => (attached = done));
      // Another process's batch attaches a second alert and has not committed yet.
      const batch = ctx.store.transaction(async (tx) => {
        await lockNamed(tx, `alerts:${origin.serviceId}`);
        const other = alertEvent('disk/db-2', 'trigger', {
          labels: { alertname: 'DiskFull', instance: 'db-2' },
        });
        await processAlertEvents(tx, origin, [other], ctx.clock.now());
        attached();
        await gate;
      });
      await isAttached;
      const resolving = resolve('INC-1');
      // The resolve either finishes at once (it does not wait) or waits for the batch's lock.
      await Promise.race([resolving.then(() => undefined), lockWaiter(ctx)]);
      release();
      await batch;
      await resolving;
      const { items } = await getAlerts(ctx, { limit: 10, incident: 'INC-1' });
      expect(items.map((a) => [a.dedupKey, a.status])).toEqual([
        ['disk/db-2', 'resolved'],
        ['disk/db-1', 'resolved'],
      ]);
    },
  );
});

/** Resolves once a PostgreSQL session waits for an advisory lock. */
async function lockWaiter(ctx: AppContext): Promise<void> {
  const waiting = async () => {
    const { rows } = await sql<{ n: number | string }>`
      SELECT count(*) AS n FROM pg_stat_activity
      WHERE wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock%'`.execute(ctx.store.db);
    return Number(rows[0]?.n ?? 0);
  };
  await expect.poll(waiting, { timeout: 30_000, interval: 20 }).toBeGreaterThan(0);
}
