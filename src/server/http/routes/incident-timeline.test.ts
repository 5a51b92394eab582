import { expect, it } from 'vitest';
import type { TimelineEntry } from '../../../core/schemas/timeline.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  act,
  declare,
  expectProblem,
  ok,
  readTimeline,
} from '../../../../test/support/server/http/api-test-helpers.js';

describeEachDialect('incidents API: timeline', (dialect) => {
  const api = useApiHarness(dialect);

  it('appends exactly one entry per change, with actor, kind and before/after', async () => {
    // This SEV2 closes without a post-incident review (reviews.test.ts covers that requirement).
    ok(await api().call('PATCH', '/api/v1/settings', { body: { reviewRequiredSeverities: [] } }));
    await declare(api(), { status: 'triggered', severity: 'SEV2' });
    const steps: {
      run: () => Promise<unknown>;
      kind: string;
      changes?: Record<string, unknown>;
      body?: string | null;
    }[] = [
      {
        run: () => act(api(), 'INC-1', 'acknowledge'),
        kind: 'acknowledged',
        changes: { status: { before: 'triggered', after: 'investigating' } },
      },
      {
        run: () =>
          api().call('PATCH', '/api/v1/incidents/INC-1', { as: 'admin', body: { summary: 'EU only' } }),
        kind: 'updated',
        changes: { summary: { before: '', after: 'EU only' } },
      },
      {
        run: () =>
          api().call('POST', '/api/v1/incidents/INC-1/notes', {
            as: 'responder',
            body: { body: 'Paged the DB team' },
          }),
        kind: 'note',
        body: 'Paged the DB team',
      },
      {
        run: () => act(api(), 'INC-1', 'status', { status: 'identified', message: 'Found it' }),
        kind: 'status_changed',
        body: 'Found it',
      },
      {
        run: () => act(api(), 'INC-1', 'resolve', { resolutionSummary: 'Fixed' }),
        kind: 'resolved',
        changes: { resolutionSummary: { before: null, after: 'Fixed' } },
      },
      {
        run: () => act(api(), 'INC-1', 'close', { rootCause: 'Disk full' }),
        kind: 'closed',
        changes: { rootCause: { before: null, after: 'Disk full' } },
      },
      {
        run: () => act(api(), 'INC-1', 'reopen'),
        kind: 'reopened',
        changes: { status: { before: 'closed', after: 'investigating' } },
      },
    ];
    const first = await readTimeline(api(), 'INC-1');
    expect(first).toEqual([
      expect.objectContaining({
        kind: 'declared',
        incidentRef: 'INC-1',
        actor: { type: 'user', id: api().users.responder.userId, name: 'Responder' },
        changes: {
          status: { before: null, after: 'triggered' },
          severity: { before: null, after: 'SEV2' },
          priority: { before: null, after: 'P2' },
        },
      }),
    ]);
    let length = first.length;
    for (const step of steps) {
      api().clock.advance(60_000);
      const res = (await step.run()) as { statusCode: number; body: string };
      expect(res.statusCode, res.body).toBeLessThan(300);
      const timeline = await readTimeline(api(), 'INC-1');
      expect(timeline, step.kind).toHaveLength(++length);
      const last = timeline.at(-1) as TimelineEntry;
      expect(last.kind).toBe(step.kind);
      expect(last.at).toBe(new Date(api().clock.now()).toISOString());
      expect(last.actor.type).toBe('user');
      expect(last.actor.id).not.toBeNull();
      if (step.changes) expect(last.changes).toMatchObject(step.changes);
      if (step.body !== undefined) expect(last.body).toBe(step.body);
    }
    expect((await readTimeline(api(), 'INC-1')).find((e) => e.kind === 'updated')?.actor.name).toBe('Admin');
  });

  it('adds notes as the caller, and rejects an empty note without adding anything', async () => {
    await declare(api());
    const note = ok<TimelineEntry>(
      await api().call('POST', '/api/v1/incidents/INC-1/notes', {
        as: 'admin',
        body: { body: '  Customers notified ' },
      }),
      201,
    );
    expect(note).toMatchObject({
      kind: 'note',
      body: 'Customers notified',
      incidentRef: 'INC-1',
      actor: { name: 'Admin' },
    });
    expect((await readTimeline(api(), 'INC-1')).at(-1)).toEqual(note);
    expectProblem(
      await api().call('POST', '/api/v1/incidents/INC-1/notes', { as: 'responder', body: { body: '  ' } }),
      400,
      'body',
    );
    expectProblem(
      await api().call('POST', '/api/v1/incidents/INC-1/notes', { as: 'responder', body: {} }),
      400,
      'body',
    );
    expectProblem(
      await api().call('POST', '/api/v1/incidents/INC-9/notes', { as: 'responder', body: { body: 'x' } }),
      404,
    );
    expect(await readTimeline(api(), 'INC-1')).toHaveLength(2);
  });

  it('has no route to edit or delete a timeline entry', async () => {
    await declare(api());
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await api().call(method, '/api/v1/incidents/INC-1/timeline/1', {
        as: 'admin',
        body: { body: 'rewritten' },
      });
      expectProblem(res, 404);
    }
    expect((await readTimeline(api(), 'INC-1'))[0]?.body).toBe('Checkout is failing');
  });

  it('is append-only in the database itself: updates and deletes throw', async () => {
    await declare(api());
    const db = api().db.ctx.store.db;
    await expect(db.updateTable('timeline_entries').set({ body: 'rewritten' }).execute()).rejects.toThrow(
      /immutable/,
    );
    await expect(db.deleteFrom('timeline_entries').execute()).rejects.toThrow(/immutable/);
    const timeline = await readTimeline(api(), 'INC-1');
    expect(timeline).toHaveLength(1);
    expect(timeline[0]?.body).toBe('Checkout is failing');
  });

  it('404s the timeline of an unknown incident', async () => {
    expectProblem(await api().call('GET', '/api/v1/incidents/INC-3/timeline', { as: 'viewer' }), 404);
  });
});
