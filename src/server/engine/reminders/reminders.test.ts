import { expect, it } from 'vitest';
import type { TimelineEntry } from '../../../core/schemas/timeline.js';
import type { AppContext } from '../../commands/context.js';
import { declare, ok, readTimeline } from '../../../../test/support/server/http/api-test-helpers.js';
import { type ApiHarness, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  pagingEngine,
  serviceWithPolicy,
  useSmtpSink,
  startWebhookReceiver,
  notifyAtOnce,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';
import { Worker } from '../worker.js';
import { UpdateReminders } from './update-reminders.js';
import { useSecondProcess } from '../../../../test/support/server/second-process.js';

const MINUTE = 60_000;
const HOOK_SECRET = 'reminder-webhook-secret-0123456789';

function remindersIn(timeline: TimelineEntry[]): TimelineEntry[] {
  return timeline.filter((entry) => entry.kind === 'reminder_sent');
}

/** How many reminders the timeline says were sent, over every incident. */
async function remindersSent(ctx: AppContext): Promise<number> {
  const lines = await ctx.store.db
    .selectFrom('timeline_entries')
    .select('id')
    .where('kind', '=', 'reminder_sent')
    .execute();
  return lines.length;
}

/** An update-reminder job on `ctx` and the errors it logged. */
function reminderJob(ctx: AppContext): { job: UpdateReminders; errors: unknown[] } {
  const errors: unknown[] = [];
  return { job: new UpdateReminders(ctx, { error: (context: unknown) => errors.push(context) }), errors };
}

/** Move the clock by `minutes` and run one reminder round; returns how many reminders it sent. */
async function after(api: ApiHarness, minutes: number, ctx: AppContext = api.db.ctx): Promise<number> {
  api.clock.advance(minutes * MINUTE);
  const before = await remindersSent(ctx);
  const { job, errors } = reminderJob(ctx);
  expect(await job.runOnce()).toBe(1);
  expect(errors).toEqual([]);
  return (await remindersSent(ctx)) - before;
}

describeEachDialect('update reminders', (dialect) => {
  const api = useApiHarness(dialect);
  const smtp = useSmtpSink();

  it('reminds the commander once per quiet period, and an update starts a new one', async () => {
    const commanderId = api().users.responder.userId;
    const incident = await declare(api(), { title: 'Checkout is down', severity: 'SEV1', commanderId });
    expect(await after(api(), 0)).toBe(0);
    expect(await after(api(), 29)).toBe(0);
    expect(await after(api(), 1)).toBe(1);
    const engine = pagingEngine(api().db.ctx, smtp().url);
    await engine.tick();
    expect(smtp().messages).toHaveLength(1);
    const mail = smtp().messages[0];
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toBe('responder@example.com');
    expect(mail?.subject).toBe('[Beacon] Update overdue on INC-1: Checkout is down');
    expect(mail?.text).toContain('Hi Responder, no status update has been posted on INC-1 for 30 minutes.');
    expect(mail?.text).toContain('Post an update: http://beacon.test/incidents/INC-1');
    expect(mail?.html).toContain('Post an update');

    // Once per overdue period: nothing more until another 30 quiet minutes have passed.
    expect(await after(api(), 0)).toBe(0);
    expect(await after(api(), 29)).toBe(0);
    expect(await after(api(), 1)).toBe(1);

    // A status update at minute 70 resets the period: the next reminder is due at 100.
    await after(api(), 10);
    ok(
      await api().call('POST', `/api/v1/incidents/${incident.ref}/updates`, {
        as: 'responder',
        body: { message: 'Rolling back the deploy.' },
      }),
      201,
    );
    expect(await after(api(), 29)).toBe(0);
    expect(await after(api(), 1)).toBe(1);

    // A stakeholder update counts, and so does a status change that carries a message.
    ok(await api().call('PUT', `/api/v1/incidents/${incident.ref}/subscription`, { as: 'viewer' }));
    await after(api(), 20);
    ok(
      await api().call('POST', `/api/v1/incidents/${incident.ref}/stakeholder-updates`, {
        as: 'responder',
        body: { message: 'Rollback done; watching error rates.' },
      }),
      201,
    );
    expect(await after(api(), 29)).toBe(0);
    ok(
      await api().call('POST', `/api/v1/incidents/${incident.ref}/status`, {
        as: 'responder',
        body: { status: 'monitoring', message: 'Error rates back to normal.' },
      }),
    );
    expect(await after(api(), 29)).toBe(0);
    expect(await after(api(), 1)).toBe(1);

    await engine.tick();
    await engine.close();
    const reminders = smtp().messages.filter((m) => m.subject?.startsWith('[Beacon] Update overdue'));
    expect(reminders).toHaveLength(4);
    const timeline = remindersIn(await readTimeline(api(), incident.ref));
    expect(timeline).toHaveLength(4);
    expect(timeline[0]?.actor).toEqual({ type: 'system', id: null, name: 'Beacon reminders' });
    expect(timeline[0]?.body).toBe('No update for 30 minutes: reminded Responder (commander) to post one');
  });

  it('leaves SEV3 and resolved incidents alone, and follows the minutes of the settings', async () => {
    const minor = await declare(api(), { title: 'Slow avatars', severity: 'SEV3' });
    const major = await declare(api(), { title: 'Login fails', severity: 'SEV2' });
    await after(api(), 10);
    ok(
      await api().call('POST', `/api/v1/incidents/${major.ref}/resolve`, {
        as: 'responder',
        body: { resolutionSummary: 'Restarted the identity service.' },
      }),
    );
    expect(await after(api(), 120)).toBe(0);
    // The resolved incident's reminder row is gone: the table holds open incidents only.
    const rows = await api().db.ctx.store.db.selectFrom('update_reminders').selectAll().execute();
    expect(rows).toEqual([]);
    expect(remindersIn(await readTimeline(api(), minor.ref))).toEqual([]);
    expect(remindersIn(await readTimeline(api(), major.ref))).toEqual([]);

    // SEV3 reminders switched on (every 15 minutes): the long-quiet SEV3 is overdue at once.
    ok(
      await api().call('PATCH', '/api/v1/settings', {
        body: { updateReminderMinutes: { SEV1: 30, SEV2: 30, SEV3: 15, SEV4: 0 } },
      }),
    );
    expect(await after(api(), 0)).toBe(1);
    expect(await after(api(), 14)).toBe(0);
    expect(await after(api(), 1)).toBe(1);
    // Raised to SEV1 with SEV1 reminders off (0): no more reminders.
    ok(
      await api().call('PATCH', '/api/v1/settings', {
        body: { updateReminderMinutes: { SEV1: 0, SEV2: 30, SEV3: 15, SEV4: 0 } },
      }),
    );
    ok(
      await api().call('PATCH', `/api/v1/incidents/${minor.ref}`, {
        as: 'responder',
        body: { severity: 'SEV1' },
      }),
    );
    expect(await after(api(), 60)).toBe(0);

    // Reopened, the resolved SEV2 counts its quiet time from the reopening.
    ok(await api().call('POST', `/api/v1/incidents/${major.ref}/reopen`, { as: 'responder', body: {} }));
    expect(await after(api(), 29)).toBe(0);
    expect(await after(api(), 1)).toBe(1);
    const reminded = remindersIn(await readTimeline(api(), major.ref));
    expect(reminded[0]?.body).toBe(
      'No update for 30 minutes: nobody to remind (no commander, nobody acknowledged, nobody on call)',
    );
  });

  it('reminds, without a commander, the on-call on their own channel, then whoever acknowledged', async () => {
    const hook = await startWebhookReceiver(HOOK_SECRET);
    try {
      const { users } = api();
      await notifyAtOnce(api(), 'viewer', { type: 'webhook', address: hook.url, secret: HOOK_SECRET });
      const { serviceId } = await serviceWithPolicy(api(), [
        { delayMinutes: 5, targets: [{ type: 'user', id: users.viewer.userId }] },
      ]);
      const incident = await declare(api(), {
        title: 'Queue backlog',
        severity: 'SEV2',
        status: 'triggered',
        serviceIds: [serviceId],
      });
      const engine = pagingEngine(api().db.ctx, smtp().url, { notifyBundleSeconds: 0 });
      await engine.tick(); // the page itself
      expect(hook.received).toHaveLength(1);
      expect(await after(api(), 30)).toBe(1);
      await engine.tick();
      expect(hook.received).toHaveLength(2);
      const reminder = hook.received[1]?.body as unknown as Record<string, unknown>;
      expect(hook.received[1]?.isSignatureValid).toBe(true);
      expect(reminder).toMatchObject({
        event: 'incident.update_reminder',
        incident: { ref: incident.ref, status: 'triggered', severity: 'SEV2' },
      });

      // Acknowledging leaves the incident without a commander only with this setting off.
      ok(await api().call('PATCH', '/api/v1/settings', { body: { assignCommanderOnAcknowledge: false } }));
      ok(
        await api().call('POST', `/api/v1/incidents/${incident.ref}/acknowledge`, {
          as: 'responder',
          body: {},
        }),
      );
      expect(await after(api(), 30)).toBe(1);
      await engine.tick();
      await engine.close();
      expect(smtp().messages.map((m) => m.to && 'text' in m.to && m.to.text)).toEqual([
        'responder@example.com',
      ]);
      const bodies = remindersIn(await readTimeline(api(), incident.ref)).map((e) => e.body);
      expect(bodies).toEqual([
        'No update for 30 minutes: reminded Viewer (on call) to post one',
        'No update for 30 minutes: reminded Responder (acknowledged it) to post one',
      ]);
    } finally {
      await hook.close();
    }
  });
});

describeEachDialect('update reminders in the worker', (dialect) => {
  const api = useApiHarness(dialect);

  it('run as a worker task, and remind no more once the worker has stopped', async () => {
    await declare(api(), { severity: 'SEV1', commanderId: api().users.responder.userId });
    const { job, errors } = reminderJob(api().db.ctx);
    const worker = new Worker(api().db.ctx, { error: (context: unknown) => errors.push(context) }, [
      job.task(),
    ]);
    api().clock.advance(30 * MINUTE);
    await worker.tick();
    expect(await remindersSent(api().db.ctx)).toBe(1);

    await worker.stop();
    api().clock.advance(30 * MINUTE);
    await worker.tick();
    expect(await job.runOnce()).toBe(0);
    expect(await remindersSent(api().db.ctx)).toBe(1);
    expect(errors).toEqual([]);
  });
});

describeEachDialect('update reminders across restarts and processes', (dialect) => {
  const api = useApiHarness(dialect);
  /** A second Beacon process on the same database: its own context and connections. */
  const secondProcess = useSecondProcess(api);

  it('sends a reminder that fell due while no process ran once, after the restart', async () => {
    const incident = await declare(api(), { severity: 'SEV1', commanderId: api().users.responder.userId });
    expect(await after(api(), 5)).toBe(0);
    // The only process stops; a new one starts 45 minutes later. The old one, had it lingered,
    // finds nothing left to do.
    const restarted = await secondProcess();
    expect(await after(api(), 40, restarted)).toBe(1);
    expect(await after(api(), 0)).toBe(0);
    expect(await after(api(), 0, restarted)).toBe(0);
    const reminders = remindersIn(await readTimeline(api(), incident.ref));
    expect(reminders.map((r) => r.body)).toEqual([
      'No update for 45 minutes: reminded Responder (commander) to post one',
    ]);
    expect(await after(api(), 29, restarted)).toBe(0);
    expect(await after(api(), 1)).toBe(1);
  });

  it.skipIf(dialect !== 'postgres')(
    'two processes ticking together remind about each incident once',
    async () => {
      const commanderId = api().users.responder.userId;
      for (let n = 1; n <= 30; n++)
        await declare(api(), { title: `Shard ${n} down`, severity: 'SEV1', commanderId });
      const second = await secondProcess();
      api().clock.advance(31 * MINUTE);
      // Two jobs in each process, all four taking a round at once.
      const jobs = [api().db.ctx, second, api().db.ctx, second].map(reminderJob);
      await Promise.all(jobs.map(({ job }) => job.runOnce()));
      expect(jobs.flatMap(({ errors }) => errors)).toEqual([]);
      expect(await remindersSent(second)).toBe(30);
      const entries = await api()
        .db.ctx.store.db.selectFrom('timeline_entries')
        .select('incident_id')
        .where('kind', '=', 'reminder_sent')
        .execute();
      expect(new Set(entries.map((e) => e.incident_id)).size).toBe(30);
      expect(entries).toHaveLength(30);
      const outbox = await api().db.ctx.store.db.selectFrom('outbox').select('kind').execute();
      expect(outbox).toHaveLength(30);
      expect(outbox.every((row) => row.kind === 'update_reminder')).toBe(true);
    },
  );
});
