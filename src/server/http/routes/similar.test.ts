import { expect, it } from 'vitest';
import type {
  RecurrenceMark,
  ServiceRepeatRate,
  SimilarIncidentList,
} from '../../../core/schemas/similar.js';
import { insertFollowUp, linkFollowUpIncidents } from '../../store/queries/follow-ups.js';
import { type ApiHarness, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  act,
  createService,
  declare,
  expectProblem,
  ok,
  readTimeline,
} from '../../../../test/support/server/http/api-test-helpers.js';

const DAY = 86_400_000;

const similarOf = async (api: ApiHarness, ref: string, as: 'viewer' | 'responder' = 'viewer') =>
  ok<SimilarIncidentList>(await api.call('GET', `/api/v1/incidents/${ref}/similar`, { as }));

async function resolveWith(api: ApiHarness, ref: string, rootCause: string, resolutionSummary: string) {
  const incident = ok<{ version: number }>(
    await api.call('GET', `/api/v1/incidents/${ref}`, { as: 'viewer' }),
  );
  ok(await act(api, ref, 'resolve', { rootCause, resolutionSummary, version: incident.version }));
}

/** The resolution record's category and two follow-ups (one done), as the close flow writes them. */
async function addResolutionRecord(api: ApiHarness, incidentId: number) {
  const db = api.db.ctx.store.db;
  await db
    .updateTable('incidents')
    .set({ root_cause_category: 'capacity' })
    .where('id', '=', incidentId)
    .execute();
  const now = api.clock.now();
  for (const [title, state] of [
    ['Alert on disk usage at 80%', 'open'],
    ['Drop unused replication slots', 'done'],
  ] as const) {
    const followUp = await insertFollowUp(db, {
      title,
      description: '',
      owner_id: api.users.responder.userId,
      team_id: null,
      due_at: Date.parse('2026-04-01T00:00:00Z'),
      priority: 'high',
      state,
      wont_do_reason: null,
      external_url: null,
      created_by: api.users.responder.userId,
      created_at: now,
      updated_at: now,
      done_at: state === 'done' ? now : null,
      version: 1,
      reminded_at: null,
    });
    await linkFollowUpIncidents(db, followUp.id, [incidentId]);
  }
}

describeEachDialect('similar incidents API', (dialect) => {
  const api = useApiHarness(dialect);

  it('ranks earlier incidents, explains why, and shows how they ended', async () => {
    const db = await createService(api(), 'payments-db');
    const search = await createService(api(), 'search');
    const disk = await declare(api(), {
      title: 'Payments database out of disk space',
      summary: 'Writes fail with no space left on device.',
      serviceIds: [db.id],
      category: 'outage',
    });
    await resolveWith(
      api(),
      disk.ref,
      'A stale replication slot kept WAL until the disk filled.',
      'Dropped the slot.',
    );
    await addResolutionRecord(api(), disk.id);
    await declare(api(), { title: 'Search slow under heap pressure', serviceIds: [search.id] });
    const lagging = await declare(api(), { title: 'Payments replica lagging', serviceIds: [db.id] });
    api().clock.advance(30 * DAY);
    const again = await declare(api(), {
      title: 'Disk full on the payments Postgres primary',
      summary: 'Inserts rejected: no space left on device.',
      serviceIds: [db.id],
      category: 'outage',
    });
    const later = await declare(api(), { title: 'Payments disk full once more', serviceIds: [db.id] });

    const list = await similarOf(api(), again.ref);
    expect(list.items.map((item) => item.ref)).not.toContain(later.ref);
    const [first] = list.items;
    expect(first).toMatchObject({
      ref: disk.ref,
      title: 'Payments database out of disk space',
      status: 'resolved',
      rootCause: 'A stale replication slot kept WAL until the disk filled.',
      resolution: 'Dropped the slot.',
      rootCauseCategory: 'capacity',
      // Resolving it started its review: the link goes to the review's page.
      reviewUrl: `/incidents/${disk.ref}/review`,
      openFollowUps: [
        { title: 'Alert on disk usage at 80%', owner: 'Responder', dueAt: '2026-04-01T00:00:00.000Z' },
      ],
      isRecurrenceOf: false,
    });
    expect(first?.why.sharedTerms).toEqual(expect.arrayContaining(['disk', 'payments']));
    expect(first?.why.sharedServices).toEqual([{ id: db.id, name: 'payments-db' }]);
    expect(first?.why.sameCategory).toBe(true);
    expect(first?.why.score).toBeGreaterThan(list.items[1]?.why.score ?? 0);
    expect(list.items.some((item) => item.title.startsWith('Search'))).toBe(false);
    // Never resolved, so no review: the link goes to the incident.
    expect(list.items.find((item) => item.ref === lagging.ref)?.reviewUrl).toBe(`/incidents/${lagging.ref}`);
    expect(list).toMatchObject({ recurrenceOf: null, recurrences: [] });

    // Declared a moment ago: the later incident already finds the earlier ones.
    expect((await similarOf(api(), later.ref)).items[0]?.ref).toBe(again.ref);
  });

  it('keeps the index fresh: edits, merges and new incidents show at the next lookup', async () => {
    const first = await declare(api(), { title: 'Login fails with expired certificate' });
    const other = await declare(api(), { title: 'Queue backlog in webhooks' });
    const asking = await declare(api(), { title: 'Certificate expired on login endpoint' });
    expect((await similarOf(api(), asking.ref)).items.map((item) => item.ref)).toEqual([first.ref]);

    ok(
      await api().call('PATCH', `/api/v1/incidents/${other.ref}`, {
        as: 'responder',
        body: { title: 'Login certificate expired again', version: other.version },
      }),
    );
    const edited = await similarOf(api(), asking.ref);
    expect(edited.items.map((item) => item.ref).sort()).toEqual([first.ref, other.ref].sort());

    ok(await act(api(), other.ref, 'merge', { into: first.ref, version: 2 }));
    expect((await similarOf(api(), asking.ref)).items.map((item) => item.ref)).toEqual([first.ref]);
  });

  it('refuses unknown incidents, bad limits and callers without a session', async () => {
    const incident = await declare(api());
    expectProblem(await api().call('GET', '/api/v1/incidents/INC-999/similar', { as: 'viewer' }), 404);
    expectProblem(
      await api().call('GET', `/api/v1/incidents/${incident.ref}/similar?limit=0`, { as: 'viewer' }),
      400,
      'limit',
    );
    expectProblem(await api().call('GET', `/api/v1/incidents/${incident.ref}/similar`, { as: null }), 401);
    expect((await similarOf(api(), incident.ref, 'responder')).items).toEqual([]);
  });

  it('marks a recurrence with lines on both timelines, refuses bad marks, and undoes it', async () => {
    const earlier = await declare(api(), { title: 'Checkout 500s after release' });
    const recurring = await declare(api(), { title: 'Checkout errors after deploy' });
    const url = `/api/v1/incidents/${recurring.ref}/recurrence`;
    const body = { recurrenceOf: earlier.ref };
    expectProblem(await api().call('POST', url, { as: 'viewer', body }), 403);
    expectProblem(await api().call('POST', url, { as: 'responder', body: {} }), 400, 'recurrenceOf');
    expectProblem(
      await api().call('POST', url, { as: 'responder', body: { recurrenceOf: 'INC-99' } }),
      400,
      'recurrenceOf',
    );
    expectProblem(
      await api().call('POST', url, { as: 'responder', body: { recurrenceOf: recurring.ref } }),
      400,
      'recurrenceOf',
    );
    expectProblem(
      await api().call('POST', `/api/v1/incidents/${earlier.ref}/recurrence`, {
        as: 'responder',
        body: { recurrenceOf: recurring.ref },
      }),
      400,
      'recurrenceOf',
    );
    expectProblem(await api().call('DELETE', url, { as: 'responder' }), 409, 'ref');
    expect((await readTimeline(api(), recurring.ref)).map((entry) => entry.kind)).toEqual(['declared']);

    const mark = ok<RecurrenceMark>(await api().call('POST', url, { as: 'responder', body }), 201);
    expect(mark).toMatchObject({
      incident: { ref: recurring.ref },
      recurrenceOf: { ref: earlier.ref, title: 'Checkout 500s after release' },
      markedBy: 'Responder',
    });
    expectProblem(await api().call('POST', url, { as: 'responder', body }), 409, 'recurrenceOf');
    const own = (await readTimeline(api(), recurring.ref)).at(-1);
    expect(own).toMatchObject({
      kind: 'recurrence_marked',
      body: `Marked as a recurrence of ${earlier.ref} by Responder`,
    });
    expect((await readTimeline(api(), earlier.ref)).at(-1)).toMatchObject({
      kind: 'recurrence_marked',
      body: `${recurring.ref} marked as a recurrence of this incident by Responder`,
    });
    const list = await similarOf(api(), recurring.ref);
    expect(list.recurrenceOf?.recurrenceOf.ref).toBe(earlier.ref);
    expect(list.items.find((item) => item.ref === earlier.ref)?.isRecurrenceOf).toBe(true);
    expect((await similarOf(api(), earlier.ref)).recurrences).toEqual([
      { ref: recurring.ref, title: 'Checkout errors after deploy' },
    ]);

    expectProblem(await api().call('DELETE', url, { as: 'viewer' }), 403);
    expect((await api().call('DELETE', url, { as: 'responder' })).statusCode).toBe(204);
    expect((await readTimeline(api(), recurring.ref)).at(-1)?.kind).toBe('recurrence_unmarked');
    expect((await readTimeline(api(), earlier.ref)).at(-1)?.kind).toBe('recurrence_unmarked');
    expect((await similarOf(api(), recurring.ref)).recurrenceOf).toBeNull();
  });

  it("gives a service's repeat rate: marked recurrences and similar repeats within 90 days", async () => {
    const db = await createService(api(), 'payments-db');
    const other = await createService(api(), 'search');
    const old = await declare(api(), { title: 'Payments database disk full', serviceIds: [db.id] });
    api().clock.advance(200 * DAY);
    // Over 90 days after the first: not a repeat by similarity.
    const first = await declare(api(), { title: 'Payments database disk full', serviceIds: [db.id] });
    api().clock.advance(10 * DAY);
    const repeat = await declare(api(), { title: 'Payments database disk full again', serviceIds: [db.id] });
    const unrelated = await declare(api(), { title: 'Replica lag on reporting', serviceIds: [db.id] });
    const marked = await declare(api(), { title: 'Slow invoices page', serviceIds: [db.id] });
    await declare(api(), { title: 'Search heap pressure', serviceIds: [other.id] });
    ok(
      await api().call('POST', `/api/v1/incidents/${marked.ref}/recurrence`, {
        as: 'responder',
        body: { recurrenceOf: unrelated.ref },
      }),
      201,
    );
    const rate = ok<ServiceRepeatRate>(
      await api().call('GET', `/api/v1/services/${db.id}/repeats?days=30`, { as: 'viewer' }),
    );
    expect(rate).toMatchObject({
      serviceId: db.id,
      days: 30,
      incidents: 4,
      repeats: 2,
      rate: 0.5,
      repeatWindowDays: 90,
    });
    expect(rate.items.map((item) => [item.incident.ref, item.repeatOf.ref, item.reason])).toEqual([
      [marked.ref, unrelated.ref, 'marked'],
      [repeat.ref, first.ref, 'similar'],
    ]);
    expect(rate.items[1]?.score).toBeGreaterThanOrEqual(0.5);
    const year = ok<ServiceRepeatRate>(
      await api().call('GET', `/api/v1/services/${db.id}/repeats?days=365`, { as: 'viewer' }),
    );
    expect(year).toMatchObject({ incidents: 5, repeats: 2 });
    expect(year.items.some((item) => item.incident.ref === first.ref || item.repeatOf.ref === old.ref)).toBe(
      false,
    );

    expectProblem(await api().call('GET', '/api/v1/services/999/repeats', { as: 'viewer' }), 404);
    expectProblem(
      await api().call('GET', `/api/v1/services/${db.id}/repeats?days=0`, { as: 'viewer' }),
      400,
      'days',
    );
    expectProblem(await api().call('GET', `/api/v1/services/${db.id}/repeats`, { as: null }), 401);
  });
});
