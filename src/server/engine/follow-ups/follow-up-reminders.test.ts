import { expect, it } from 'vitest';
import type { AppContext } from '../../commands/context.js';
import type { FollowUp } from '../../../core/schemas/follow-ups.js';
import { declare, ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { type ApiHarness, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  pagingEngine,
  useSmtpSink,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';
import { FollowUpReminders } from './follow-up-reminders.js';
import { useSecondProcess } from '../../../../test/support/server/second-process.js';

const DAY = 86_400_000;

/** Run one reminder round on `ctx` (a process); it must log no error. */
async function round(ctx: AppContext): Promise<void> {
  const errors: unknown[] = [];
  const job = new FollowUpReminders(ctx, { error: (context: unknown) => errors.push(context) });
  expect(await job.runOnce()).toBe(1);
  expect(errors).toEqual([]);
}

async function queuedReminders(ctx: AppContext): Promise<number> {
  const rows = await ctx.store.db
    .selectFrom('outbox')
    .select('id')
    .where('kind', '=', 'follow_up_overdue')
    .execute();
  return rows.length;
}

function createFollowUp(api: ApiHarness, body: Record<string, unknown>): Promise<FollowUp> {
  return api
    .call('POST', '/api/v1/follow-ups', {
      as: 'responder',
      body: { ownerId: api.users.responder.userId, ...body },
    })
    .then((res) => ok<FollowUp>(res, 201));
}

describeEachDialect('overdue follow-up reminders', (dialect) => {
  const api = useApiHarness(dialect);
  const smtp = useSmtpSink();
  /** A second Beacon process on the same database: its own context and connections. */
  const secondProcess = useSecondProcess(api);

  it('mails the owner once per reminder period while the follow-up is overdue, and stops when done', async () => {
    const ctx = api().db.ctx;
    const incident = await declare(api(), { title: 'Checkout is down' });
    const due = new Date(api().clock.now() + DAY).toISOString();
    const followUp = await createFollowUp(api(), {
      title: 'Alert on disk usage',
      dueAt: due,
      incidentRefs: [incident.ref],
      externalUrl: 'https://tickets.example.com/OPS-7',
    });
    await round(ctx);
    api().clock.advance(DAY);
    await round(ctx);
    expect(await queuedReminders(ctx)).toBe(0); // due now, not yet past due
    api().clock.advance(1);
    await round(ctx);
    await round(ctx);
    expect(await queuedReminders(ctx)).toBe(1);
    const engine = pagingEngine(ctx, smtp().url);
    await engine.tick();
    expect(smtp().messages).toHaveLength(1);
    const mail = smtp().messages[0];
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toBe('responder@example.com');
    expect(mail?.subject).toBe(`[Beacon] Follow-up overdue: ${followUp.ref} Alert on disk usage`);
    expect(mail?.text).toContain(`It came out of ${incident.ref} Checkout is down.`);
    expect(mail?.text).toContain('Ticket: https://tickets.example.com/OPS-7');
    expect(mail?.text).toContain(`http://beacon.test/follow-ups?focus=${followUp.id}`);

    // The default period is a day.
    api().clock.advance(DAY - 2);
    await round(ctx);
    expect(await queuedReminders(ctx)).toBe(1);
    api().clock.advance(2);
    await round(ctx);
    expect(await queuedReminders(ctx)).toBe(2);

    ok(
      await api().call('PATCH', `/api/v1/follow-ups/${followUp.id}`, {
        as: 'responder',
        body: { state: 'done' },
      }),
    );
    api().clock.advance(3 * DAY);
    await round(ctx);
    expect(await queuedReminders(ctx)).toBe(2);
    await engine.tick();
    await engine.close();
    expect(smtp().messages).toHaveLength(2);
  });

  it('follows the period of the settings; 0 turns reminders off', async () => {
    const ctx = api().db.ctx;
    ok(await api().call('PUT', '/api/v1/settings/resolution', { body: { followUpReminderDays: 0 } }));
    await createFollowUp(api(), { title: 'Write the runbook', dueAt: '2020-01-01' });
    await round(ctx);
    expect(await queuedReminders(ctx)).toBe(0);
    ok(await api().call('PUT', '/api/v1/settings/resolution', { body: { followUpReminderDays: 7 } }));
    await round(ctx);
    api().clock.advance(6 * DAY);
    await round(ctx);
    expect(await queuedReminders(ctx)).toBe(1);
    api().clock.advance(DAY);
    await round(ctx);
    expect(await queuedReminders(ctx)).toBe(2);
  });

  it('sends what fell due while no process ran once, after a restart', async () => {
    await createFollowUp(api(), {
      title: 'Rotate the keys',
      dueAt: new Date(api().clock.now() + DAY).toISOString(),
    });
    api().clock.advance(10 * DAY);
    const restarted = await secondProcess();
    await round(restarted);
    await round(api().db.ctx);
    await round(restarted);
    expect(await queuedReminders(restarted)).toBe(1);
  });

  it.skipIf(dialect !== 'postgres')('two processes reminding together send each reminder once', async () => {
    const past = new Date(api().clock.now() - DAY).toISOString();
    for (let n = 1; n <= 120; n++) await createFollowUp(api(), { title: `Fix shard ${n}`, dueAt: past });
    const second = await secondProcess();
    await Promise.all([api().db.ctx, second, api().db.ctx, second].map(round));
    const rows = await second.store.db
      .selectFrom('outbox')
      .select('payload')
      .where('kind', '=', 'follow_up_overdue')
      .execute();
    expect(rows).toHaveLength(120);
    const ids = rows.map(
      (row) => (JSON.parse(row.payload) as { followUp: { followUpId: number } }).followUp.followUpId,
    );
    expect(new Set(ids).size).toBe(120);
  });
});
