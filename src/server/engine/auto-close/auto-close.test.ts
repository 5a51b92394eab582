import { expect, it } from 'vitest';
import type { AppContext } from '../../commands/context.js';
import type { ResolutionRecord } from '../../../core/schemas/resolution.js';
import {
  act,
  declare,
  ok,
  readIncident,
  readTimeline,
} from '../../../../test/support/server/http/api-test-helpers.js';
import { type ApiHarness, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { AutoClose } from './auto-close.js';
import { useSecondProcess } from '../../../../test/support/server/second-process.js';

const DAY = 86_400_000;

/** Run one auto-close round on `ctx` (a process) and expect it to log no error. */
async function round(ctx: AppContext): Promise<void> {
  const errors: unknown[] = [];
  const job = new AutoClose(ctx, { error: (context: unknown) => errors.push(context) });
  expect(await job.runOnce()).toBe(1);
  expect(errors).toEqual([]);
}

async function autoCloseAfter(api: ApiHarness, days: number): Promise<void> {
  ok(await api.call('PUT', '/api/v1/settings/resolution', { body: { autoCloseDays: days } }));
}

async function resolved(api: ApiHarness, body: Record<string, unknown> = {}) {
  const incident = await declare(api, { severity: 'SEV3' });
  ok(await act(api, incident.ref, 'resolve', { resolutionSummary: 'Rolled back.', ...body }));
  return incident;
}

describeEachDialect('auto-close', (dialect) => {
  const api = useApiHarness(dialect);
  /** A second Beacon process on the same database: its own context and connections. */
  const secondProcess = useSecondProcess(api);

  it('closes a resolved incident N days after it was resolved, with a timeline line saying so', async () => {
    const ctx = api().db.ctx;
    const incident = await resolved(api(), { rootCause: 'A bad deploy.' });
    await round(ctx); // off by default (0 days)
    api().clock.advance(30 * DAY);
    await round(ctx);
    expect((await readIncident(api(), incident.ref)).status).toBe('resolved');

    await autoCloseAfter(api(), 3);
    const fresh = await resolved(api(), { rootCause: 'Disk full.' });
    await round(ctx);
    // The old one was resolved 30 days ago: closed at once; the fresh one waits 3 days.
    expect((await readIncident(api(), incident.ref)).status).toBe('closed');
    expect((await readIncident(api(), fresh.ref)).status).toBe('resolved');
    const record = ok<ResolutionRecord>(await api().call('GET', `/api/v1/incidents/${fresh.ref}/resolution`));
    expect(record.autoClose?.dueAt).toBe(new Date(api().clock.now() + 3 * DAY).toISOString());
    api().clock.advance(3 * DAY - 1);
    await round(ctx);
    expect((await readIncident(api(), fresh.ref)).status).toBe('resolved');
    api().clock.advance(1);
    await round(ctx);
    expect((await readIncident(api(), fresh.ref)).status).toBe('closed');
    const closed = (await readTimeline(api(), fresh.ref)).filter((entry) => entry.kind === 'closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]?.actor).toEqual({ type: 'system', id: null, name: 'Beacon auto-close' });
    expect(closed[0]?.body).toBe('Closed automatically after 3 days.');
    await round(ctx);
    expect((await readTimeline(api(), fresh.ref)).filter((entry) => entry.kind === 'closed')).toHaveLength(1);
  });

  it('leaves an incident resolved while it lacks what closing requires, says why once, and closes it once fixed', async () => {
    const ctx = api().db.ctx;
    await autoCloseAfter(api(), 1);
    const incident = await resolved(api());
    ok(
      await api().call('POST', `/api/v1/incidents/${incident.ref}/follow-ups`, {
        as: 'responder',
        body: { title: 'Alert on disk usage' },
      }),
      201,
    );
    api().clock.advance(DAY);
    await round(ctx);
    expect((await readIncident(api(), incident.ref)).status).toBe('resolved');
    const skipped = () =>
      readTimeline(api(), incident.ref).then((t) => t.filter((entry) => entry.kind === 'auto_close_skipped'));
    expect((await skipped()).map((entry) => entry.body)).toEqual([
      'Not closed automatically after 1 day: Root cause is required to close.',
    ]);
    const record = ok<ResolutionRecord>(
      await api().call('GET', `/api/v1/incidents/${incident.ref}/resolution`),
    );
    expect(record.autoClose?.blockedReason).toBe('Root cause is required to close');
    // Checked again a day later: the same reason is not written twice.
    api().clock.advance(DAY);
    await round(ctx);
    expect(await skipped()).toHaveLength(1);

    ok(
      await api().call('PUT', `/api/v1/incidents/${incident.ref}/resolution`, {
        as: 'responder',
        body: { rootCause: 'The disk filled up.' },
      }),
    );
    await round(ctx);
    const after = await readIncident(api(), incident.ref);
    expect(after.status).toBe('closed');
    expect(after.openFollowUps).toBe(1);
    const closed = (await readTimeline(api(), incident.ref)).find((entry) => entry.kind === 'closed');
    expect(closed?.body).toBe('Closed automatically after 1 day.\n\n1 open follow-up remains.');
  });

  it('closes what fell due while no process ran after a restart, once', async () => {
    await autoCloseAfter(api(), 2);
    const incident = await resolved(api(), { rootCause: 'Expired certificate.' });
    api().clock.advance(5 * DAY);
    const restarted = await secondProcess();
    await round(restarted);
    await round(api().db.ctx);
    await round(restarted);
    const timeline = await readTimeline(api(), incident.ref);
    expect(timeline.filter((entry) => entry.kind === 'closed')).toHaveLength(1);
    expect((await readIncident(api(), incident.ref)).status).toBe('closed');
  });

  it.skipIf(dialect !== 'postgres')('two processes closing together close each incident once', async () => {
    await autoCloseAfter(api(), 1);
    const refs: string[] = [];
    for (let n = 1; n <= 60; n++) refs.push((await resolved(api(), { rootCause: `Cause ${n}` })).ref);
    const second = await secondProcess();
    api().clock.advance(DAY);
    await Promise.all([api().db.ctx, second, api().db.ctx, second].map(round));
    const lines = await api()
      .db.ctx.store.db.selectFrom('timeline_entries')
      .select('incident_id')
      .where('kind', '=', 'closed')
      .execute();
    expect(lines).toHaveLength(60);
    expect(new Set(lines.map((line) => line.incident_id)).size).toBe(60);
  });
});
