import { afterEach, beforeEach, expect, it } from 'vitest';
import { openAppContext } from '../../app-context.js';
import type { AppContext } from '../../commands/context.js';
import { claimNotifications, recordNotificationSent } from '../../commands/outbox/notifications.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect, whileMigrating } from '../../../../test/support/server/test-database.js';
import {
  type SmtpSink,
  outboxRows,
  pagingEngine,
  serviceWithPolicy,
  startSmtpSink,
  trigger,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';

describeEachDialect('paging across restarts and processes', (dialect) => {
  const api = useApiHarness(dialect);
  let smtp: SmtpSink;
  let other: AppContext | undefined;
  beforeEach(async () => {
    smtp = await startSmtpSink();
  });
  afterEach(async () => {
    await other?.store.close();
    other = undefined;
    await smtp.close();
  });

  /** A second Beacon process on the same database: its own context and connections. */
  async function secondProcess(): Promise<AppContext> {
    const { db, clock } = api();
    other = await whileMigrating(() =>
      openAppContext({ databaseUrl: db.databaseUrl }, { clock, ...(db.schema ? { schema: db.schema } : {}) }),
    );
    return other;
  }

  /** How many escalation steps the timeline says fired. */
  async function escalatedLines(): Promise<number> {
    const lines = await api()
      .db.ctx.store.db.selectFrom('timeline_entries')
      .select('id')
      .where('kind', '=', 'escalated')
      .execute();
    return lines.length;
  }

  it('fires an overdue step once after a restart, and re-sends a message whose sender died', async () => {
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 5, targets: [{ type: 'user', id: api().users.responder.userId }] },
    ]);
    await trigger(api(), serviceId, 'Payments failing');
    const crashed = pagingEngine(api().db.ctx, smtp.url);
    // The first process dies before the step fires; a fresh one starts three minutes later.
    const restarted = pagingEngine(await secondProcess(), smtp.url);
    api().clock.advance(3 * 60_000);
    await restarted.escalate();
    expect(await outboxRows(api().db.ctx)).toHaveLength(1);
    await crashed.escalate();
    expect(await outboxRows(api().db.ctx)).toHaveLength(1);
    expect(await escalatedLines()).toBe(1);
    api().clock.advance(10_000);
    await Promise.all([restarted.tick(), crashed.tick()]);
    expect(smtp.messages).toHaveLength(1);

    // A process claims the next message and dies mid-send: after its lease, another sends it once.
    await trigger(api(), serviceId, 'Refunds failing');
    await restarted.escalate();
    api().clock.advance(10_000);
    const [orphan] = await claimNotifications(api().db.ctx, { leaseMs: 60_000, limit: 10 });
    expect(orphan).toBeDefined();
    expect(await restarted.deliver()).toBe(0);
    api().clock.advance(60_001);
    expect(await restarted.deliver()).toBe(1);
    expect(smtp.messages.map((m) => m.subject)).toEqual([
      '[Beacon] INC-1 triggered: Payments failing',
      '[Beacon] INC-2 triggered: Refunds failing',
    ]);
    // The dead process cannot record it: its lease is gone.
    if (orphan) expect(await recordNotificationSent(api().db.ctx, orphan)).toBe(false);
    const rows = await outboxRows(api().db.ctx);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 2],
    ]);
  });

  it.skipIf(dialect !== 'postgres')(
    'two processes ticking together over 50 due runs page everyone exactly once',
    async () => {
      const { users } = api();
      const { serviceId } = await serviceWithPolicy(api(), [
        {
          delayMinutes: 5,
          targets: [
            { type: 'user', id: users.responder.userId },
            { type: 'user', id: users.viewer.userId },
          ],
        },
      ]);
      for (let n = 1; n <= 50; n++) await trigger(api(), serviceId, `Node ${n} down`);
      const first = pagingEngine(api().db.ctx, smtp.url, { notifyBundleSeconds: 0 });
      const second = pagingEngine(await secondProcess(), smtp.url, { notifyBundleSeconds: 0 });
      for (let round = 0; round < 4; round++) {
        await Promise.all([first.tick(), second.tick(), first.tick(), second.tick()]);
      }
      const rows = await outboxRows(api().db.ctx);
      expect(rows).toHaveLength(100);
      expect(rows.every((row) => row.status === 'sent')).toBe(true);
      expect(smtp.messages).toHaveLength(100);
      const pages = smtp.messages.map((m) => `${m.to && 'text' in m.to ? m.to.text : ''} ${m.subject ?? ''}`);
      expect(new Set(pages).size).toBe(100);
      const timeline = await api()
        .db.ctx.store.db.selectFrom('timeline_entries')
        .select('incident_id')
        .where('kind', '=', 'escalated')
        .execute();
      expect(timeline).toHaveLength(50);
      expect(new Set(timeline.map((t) => t.incident_id)).size).toBe(50);
      const runs = ok<{ isActive: boolean }>(await api().call('GET', '/api/v1/incidents/INC-50/escalation'));
      expect(runs.isActive).toBe(false);
    },
  );
});
