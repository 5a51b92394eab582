import { expect, it } from 'vitest';
import type { Incident } from '../../../core/schemas/incident.js';
import type { Review, ReviewSummary } from '../../../core/schemas/reviews.js';
import type { ApiHarness } from '../../../../test/support/server/api-harness.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  act,
  declare,
  expectProblem,
  ok,
  readIncident,
  readTimeline,
} from '../../../../test/support/server/http/api-test-helpers.js';
import { integrationFor, send } from '../../../../test/support/server/ingest/inbound-test-helpers.js';
import { insertIncidentPage } from '../../store/queries/notifications.js';
import {
  insertFollowUp,
  linkFollowUpIncidents,
  updateFollowUpAtVersion,
} from '../../store/queries/follow-ups.js';

const MINUTE = 60_000;

function reviewOf(api: ApiHarness, ref: string, as: 'viewer' | 'responder' | 'admin' = 'viewer') {
  return api.call('GET', `/api/v1/incidents/${ref}/review`, { as });
}

async function save(
  api: ApiHarness,
  ref: string,
  body: string,
  version: number,
  as: 'responder' | 'admin' = 'responder',
) {
  return api.call('PUT', `/api/v1/incidents/${ref}/review`, { as, body: { body, version } });
}

/**
 * A SEV1 opened by an alert, paged, acknowledged, updated inside and in public, reported by a
 * customer and resolved: the facts a review is drafted from, made through the API.
 */
async function fixtureIncident(api: ApiHarness): Promise<Incident> {
  ok(await api.call('PATCH', '/api/v1/settings', { as: 'admin', body: { timeZone: 'Europe/Berlin' } }));
  const { key } = await integrationFor(api, 'generic', 'payments');
  const alert = { summary: 'Payments time out', dedupKey: 'pay-timeout', severity: 'critical' };
  expect(
    (await send(api, 'POST', '/api/v1/events', alert, { authorization: `Bearer ${key}` })).statusCode,
  ).toBe(202);
  const incident = ok<{ items: Incident[] }>(await api.call('GET', '/api/v1/incidents', { as: 'viewer' }))
    .items[0];
  if (!incident) throw new Error('the alert opened no incident');
  ok(
    await api.call('PATCH', `/api/v1/incidents/${incident.ref}`, {
      as: 'responder',
      body: { severity: 'SEV1' },
    }),
  );
  await insertIncidentPage(api.db.ctx.store.db, {
    incident_id: incident.id,
    user_id: api.users.responder.userId,
    outbox_id: null,
    reason: 'escalation step 1',
    paged_at: api.clock.now() + MINUTE,
  });
  api.clock.advance(3 * MINUTE);
  ok(await act(api, incident.ref, 'acknowledge'));
  api.clock.advance(2 * MINUTE);
  ok(
    await api.call('POST', `/api/v1/incidents/${incident.ref}/updates`, {
      as: 'responder',
      body: { message: 'Rolling back the payments deploy' },
    }),
    201,
  );
  ok(
    await api.call('POST', `/api/v1/incidents/${incident.ref}/public-updates`, {
      as: 'responder',
      body: {
        status: 'identified',
        message: 'Card payments fail; a fix is on its way.',
        publicTitle: 'Card payments failing',
      },
    }),
    201,
  );
  const report = ok<{ ref: string }>(
    await api.call('POST', '/api/v1/reports', {
      as: 'support',
      body: { name: 'Kim', email: 'kim@example.com', message: 'My card payment fails' },
    }),
    201,
  );
  // The report's words match the incident, so intake links it by itself.
  const linked = ok<{ incident: { ref: string } | null }>(
    await api.call('GET', `/api/v1/reports/${report.ref}`, { as: 'support' }),
  );
  expect(linked.incident?.ref).toBe(incident.ref);
  api.clock.advance(10 * MINUTE);
  // The alert fires again with new words: its last time moves, its first stays.
  const worse = { ...alert, summary: 'Payments time out (p99 30 s)' };
  expect(
    (await send(api, 'POST', '/api/v1/events', worse, { authorization: `Bearer ${key}` })).statusCode,
  ).toBe(202);
  api.clock.advance(25 * MINUTE);
  ok(
    await act(api, incident.ref, 'resolve', {
      resolutionSummary: 'Rolled the deploy back',
      rootCause: 'A bad retry setting',
    }),
  );
  return readIncident(api, incident.ref);
}

describeEachDialect('reviews API: the draft', (dialect) => {
  const api = useApiHarness(dialect);

  it('drafts the review from the incident: times in the workspace zone, durations, pages, acks, updates', async () => {
    const incident = await fixtureIncident(api());
    const review = ok<Review>(await reviewOf(api(), incident.ref));
    expect(review).toMatchObject({ state: 'draft', isDraft: true, version: 0, isRequiredToClose: true });
    expect(review.timeZone).toBe('Europe/Berlin');
    const text = review.markdown;
    // Harness clock: 2026-03-01 12:00 UTC = 13:00 CET.
    expect(text).toContain(`# ${incident.ref}: Payments time out`);
    expect(text).toContain('All times Europe/Berlin (CET).');
    expect(text).toContain('- **2026-03-01 13:00** Impact began');
    expect(text).toContain('- **13:03** Acknowledged by Responder');
    expect(text).toContain('Status update by Responder: Rolling back the payments deploy');
    expect(text).toContain('Public update:');
    expect(text).toContain('| Time to acknowledge (from detection) | 3 min | 2026-03-01 13:03 CET |');
    expect(text).toContain('| Time to resolve (from impact) | 40 min | 2026-03-01 13:40 CET |');
    expect(text).toContain('- Responder at 2026-03-01 13:01 CET');
    expect(text).toContain('Acknowledged by Responder at 2026-03-01 13:03 CET.');
    expect(text).toMatch(/\| payments \| critical \| 2026-03-01 13:00 CET \| 2026-03-01 13:15 CET \| 2 \|/);
    expect(text).toContain('- 1 customer report linked');
    expect(text).toContain('- 1 public update on the status page');
    expect(text).toContain('| Payments time out (p99 30 s) | payments | critical |');
    expect(text).toContain('- **13:40** Resolved by Responder');
    expect(text).not.toContain('Mitigated'); // mitigated when it resolved: one line says it
    expect(text).toContain('1 status update, 0 stakeholder updates, 1 public update');
    expect(text).toContain('A bad retry setting');
    expect(text).toContain('**Resolution:** Rolled the deploy back');
    expect(text).toContain('_No follow-up actions yet._');
    expect(review.body).toContain('{{follow-ups}}');

    const section = ok<{ markdown: string }>(
      await api().call('GET', `/api/v1/incidents/${incident.ref}/review/draft?section=response`, {
        as: 'viewer',
      }),
    );
    expect(section.markdown.startsWith('## Response\n')).toBe(true);
    expectProblem(
      await api().call('GET', `/api/v1/incidents/${incident.ref}/review/draft?section=nope`, {
        as: 'viewer',
      }),
      400,
      'section',
    );
    expectProblem(await reviewOf(api(), 'INC-999'), 404);
  });

  it('lists the review started when the incident resolved, and exports it as Markdown', async () => {
    const incident = await fixtureIncident(api());
    const list = ok<{ items: ReviewSummary[] }>(await api().call('GET', '/api/v1/reviews', { as: 'viewer' }));
    expect(list.items).toMatchObject([{ incident: { ref: incident.ref, severity: 'SEV1' }, state: 'draft' }]);
    expect(
      ok<{ items: ReviewSummary[] }>(await api().call('GET', '/api/v1/reviews?state=published')).items,
    ).toEqual([]);

    const file = await api().call('GET', `/api/v1/incidents/${incident.ref}/review.md`, { as: 'viewer' });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="${incident.ref}-review.md"`);
    expect(file.body).toContain('## Follow-up actions\n\n_No follow-up actions yet._');
    expect(file.body).not.toContain('{{follow-ups}}');
    expect(file.body).not.toMatch(/^"/);
    expectProblem(await api().call('GET', `/api/v1/incidents/${incident.ref}/review.md`, { as: null }), 401);
  });
});

describeEachDialect('reviews API: follow-ups', (dialect) => {
  const api = useApiHarness(dialect);

  it('shows each follow-up as it is now, in a saved review and in the export', async () => {
    const incident = await declare(api(), { severity: 'SEV3' });
    const db = api().db.ctx.store.db;
    const now = api().clock.now();
    const followUp = await insertFollowUp(db, {
      title: 'Alert on pool saturation',
      description: '',
      owner_id: api().users.responder.userId,
      team_id: null,
      due_at: Date.parse('2026-03-08T12:00:00Z'),
      priority: 'high',
      state: 'open',
      wont_do_reason: null,
      external_url: null,
      created_by: null,
      created_at: now,
      updated_at: now,
      done_at: null,
      version: 1,
      reminded_at: null,
    });
    await linkFollowUpIncidents(db, followUp.id, [incident.id]);
    const draft = ok<Review>(await reviewOf(api(), incident.ref));
    const line = `**FU-${String(followUp.id)}** Alert on pool saturation`;
    expect(draft.markdown).toContain(`- [ ] ${line} (open, owner Responder, due 2026-03-08)`);
    expect(draft.followUps).toMatchObject([{ title: 'Alert on pool saturation', isDone: false }]);

    // Saved text keeps the marker; the follow-up's later state shows without anyone editing.
    ok(
      await save(
        api(),
        incident.ref,
        draft.body.replace('_Add what could', 'Lucky: low traffic. _Add what could'),
        0,
      ),
    );
    await updateFollowUpAtVersion(db, followUp.id, 1, { state: 'done', done_at: now });
    const saved = ok<Review>(await reviewOf(api(), incident.ref));
    expect(saved.body).toContain('{{follow-ups}}');
    expect(saved.markdown).toContain(`- [x] ${line} (done, owner Responder, due 2026-03-08)`);
    const file = await api().call('GET', `/api/v1/incidents/${incident.ref}/review.md`, { as: 'viewer' });
    expect(file.body).toContain(`- [x] ${line}`);
    expect(file.body).toContain('Lucky: low traffic.');
  });
});

describeEachDialect('reviews API: editing', (dialect) => {
  const api = useApiHarness(dialect);

  it('saves versions, refuses a stale one with the current text, and keeps every version', async () => {
    const { ref } = await declare(api(), { severity: 'SEV3' });
    const first = ok<Review>(await save(api(), ref, '# Mine\n\nFirst words', 0));
    expect(first).toMatchObject({ version: 1, isDraft: false, body: '# Mine\n\nFirst words' });
    expect(first.updatedBy?.name).toBe('Responder');

    // Someone else saved version 1 while this editor still had the draft (version 0).
    const staleReply = await save(api(), ref, '# Theirs', 0, 'admin');
    expectProblem(staleReply, 409, 'version');
    const { current } = staleReply.json<{ current: Review }>();
    expect(current).toMatchObject({ version: 1, body: '# Mine\n\nFirst words' });
    expect(ok<Review>(await reviewOf(api(), ref)).body).toBe('# Mine\n\nFirst words');

    api().clock.advance(MINUTE);
    ok(await save(api(), ref, '# Mine\n\nSecond words', 1, 'admin'));
    const history = ok<{ items: { version: number; body: string; author: { name: string } | null }[] }>(
      await api().call('GET', `/api/v1/incidents/${ref}/review/versions`, { as: 'viewer' }),
    );
    expect(history.items.map((v) => [v.version, v.body, v.author?.name])).toEqual([
      [2, '# Mine\n\nSecond words', 'Admin'],
      [1, '# Mine\n\nFirst words', 'Responder'],
    ]);
  });

  it('lets viewers read and responders edit; refuses bad bodies naming the field', async () => {
    const { ref } = await declare(api());
    ok(await reviewOf(api(), ref, 'viewer'));
    expectProblem(await save(api(), ref, 'x', 0, 'viewer' as 'responder'), 403);
    expectProblem(
      await api().call('PUT', `/api/v1/incidents/${ref}/review`, {
        as: 'support',
        body: { body: 'x', version: 0 },
      }),
      403,
    );
    expectProblem(
      await api().call('PUT', `/api/v1/incidents/${ref}/review`, { as: 'responder', body: { body: 'x' } }),
      400,
      'version',
    );
    expectProblem(
      await api().call('PUT', `/api/v1/incidents/${ref}/review`, {
        as: 'responder',
        body: { body: 'x'.repeat(200_001), version: 0 },
      }),
      400,
      'body',
    );
    expect(ok<Review>(await reviewOf(api(), ref)).version).toBe(0);
  });
});

describeEachDialect('reviews API: states and closing', (dialect) => {
  const api = useApiHarness(dialect);

  async function resolvedSev1(): Promise<Incident> {
    const incident = await declare(api(), { severity: 'SEV1', commanderId: api().users.responder.userId });
    ok(await act(api(), incident.ref, 'resolve', { resolutionSummary: 'Fixed' }));
    return incident;
  }

  const move = (
    ref: string,
    body: Record<string, unknown>,
    as: 'responder' | 'admin' | 'viewer' = 'responder',
  ) => api().call('POST', `/api/v1/incidents/${ref}/review/state`, { as, body });

  it('goes draft → in review → published with every reviewer approving, on the timeline', async () => {
    const { ref } = await resolvedSev1();
    const { users } = api();
    expectProblem(await move(ref, { state: 'in_review' }), 400, 'reviewerIds');
    expectProblem(
      await move(ref, { state: 'in_review', reviewerIds: [users.viewer.userId] }),
      400,
      'reviewerIds',
    );
    expectProblem(await move(ref, { state: 'in_review', reviewerIds: [users.admin.userId] }, 'viewer'), 403);
    expectProblem(await move(ref, { state: 'published' }), 409, 'status');

    const inReview = ok<Review>(await move(ref, { state: 'in_review', reviewerIds: [users.admin.userId] }));
    expect(inReview).toMatchObject({ state: 'in_review', version: 1, isDraft: false });
    expect(inReview.reviewers).toMatchObject([{ user: { name: 'Admin' }, approvedAt: null }]);

    expectProblem(await move(ref, { state: 'published' }), 400, 'reviewers');
    expectProblem(
      await api().call('POST', `/api/v1/incidents/${ref}/review/approval`, { as: 'responder' }),
      403,
    );
    ok(await api().call('POST', `/api/v1/incidents/${ref}/review/approval`, { as: 'admin' }));

    // An edit after approval needs the approval again.
    ok(await save(api(), ref, `${inReview.body}\nOne more lesson.`, 1));
    expect(ok<Review>(await reviewOf(api(), ref)).reviewers[0]?.approvedAt).toBeNull();
    ok(await api().call('POST', `/api/v1/incidents/${ref}/review/approval`, { as: 'admin' }));

    // The commander (responder) may publish; another responder who neither owns nor leads may not.
    const published = ok<Review>(await move(ref, { state: 'published' }));
    expect(published.state).toBe('published');
    expect(published.publishedAt).not.toBeNull();
    expectProblem(await save(api(), ref, 'late edit', published.version), 409, 'status');

    const kinds = (await readTimeline(api(), ref)).filter((e) => e.kind.startsWith('review_'));
    expect(kinds.map((e) => [e.kind, e.changes?.review?.after ?? null])).toEqual([
      ['review_state_changed', 'in_review'],
      ['review_approved', null],
      ['review_approved', null],
      ['review_state_changed', 'published'],
    ]);
    expect(kinds[0]?.body).toBe('Review requested from Admin');
    const list = ok<{ items: ReviewSummary[] }>(await api().call('GET', '/api/v1/reviews?state=published'));
    expect(list.items).toMatchObject([{ incident: { ref }, reviewers: 1, approvals: 1 }]);
  });

  it('only the owner, the commander or an admin publishes', async () => {
    const incident = await declare(api(), { severity: 'SEV2' });
    ok(await act(api(), incident.ref, 'resolve', { resolutionSummary: 'Fixed' }, 'admin'));
    // Resolved by the admin, no commander: the admin owns the review.
    ok(await move(incident.ref, { state: 'in_review', reviewerIds: [api().users.responder.userId] }));
    ok(await api().call('POST', `/api/v1/incidents/${incident.ref}/review/approval`, { as: 'responder' }));
    expectProblem(await move(incident.ref, { state: 'published' }, 'responder'), 403);
    ok(
      await api().call('PUT', `/api/v1/incidents/${incident.ref}/review/owner`, {
        as: 'responder',
        body: { userId: api().users.responder.userId },
      }),
    );
    expect(ok<Review>(await move(incident.ref, { state: 'published' }, 'responder')).state).toBe('published');
  });

  it('refuses to close a SEV1 without a published review, naming review, and closes with one', async () => {
    const { ref } = await resolvedSev1();
    const before = await readIncident(api(), ref);
    const refused = expectProblem(await act(api(), ref, 'close', { rootCause: 'Bad deploy' }), 400, 'review');
    expect(refused.detail).toContain('must be published before a SEV1 incident can close');
    expect(refused.errors?.[0]?.message).toMatch(/^Review must be published/);
    expect(await readIncident(api(), ref)).toEqual(before);

    ok(await move(ref, { state: 'in_review', reviewerIds: [api().users.admin.userId] }));
    ok(await api().call('POST', `/api/v1/incidents/${ref}/review/approval`, { as: 'admin' }));
    ok(await move(ref, { state: 'published' }));
    expect(ok<Incident>(await act(api(), ref, 'close', { rootCause: 'Bad deploy' })).status).toBe('closed');
    // A closed SEV1 keeps its published review.
    expectProblem(await move(ref, { state: 'draft' }), 409, 'status');
  });

  it('closes severities outside the admin setting without a review; the setting is audited', async () => {
    const sev3 = await declare(api(), { severity: 'SEV3' });
    ok(await act(api(), sev3.ref, 'resolve', { resolutionSummary: 'Fixed' }));
    expect(ok<Incident>(await act(api(), sev3.ref, 'close', { rootCause: 'x' })).status).toBe('closed');

    const { ref } = await resolvedSev1();
    expectProblem(
      await api().call('PATCH', '/api/v1/settings', {
        as: 'responder',
        body: { reviewRequiredSeverities: [] },
      }),
      403,
    );
    expectProblem(
      await api().call('PATCH', '/api/v1/settings', {
        as: 'admin',
        body: { reviewRequiredSeverities: ['SEV9'] },
      }),
      400,
      'reviewRequiredSeverities.0',
    );
    expectProblem(
      await api().call('PATCH', '/api/v1/settings', { as: 'admin', body: { timeZone: 'Mars/Base' } }),
      400,
      'timeZone',
    );
    ok(
      await api().call('PATCH', '/api/v1/settings', {
        as: 'admin',
        body: { reviewRequiredSeverities: ['SEV2'] },
      }),
    );
    const audit = ok<{
      items: { action: string; data: { after: { reviewRequiredSeverities: string[] } } }[];
    }>(await api().call('GET', '/api/v1/audit', { as: 'admin' }));
    expect(audit.items[0]).toMatchObject({
      action: 'settings.update',
      data: { after: { reviewRequiredSeverities: ['SEV2'] } },
    });
    expect(ok<Incident>(await act(api(), ref, 'close', { rootCause: 'x' })).status).toBe('closed');
  });
});
