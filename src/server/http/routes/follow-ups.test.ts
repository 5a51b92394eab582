import { expect, it } from 'vitest';
import type { FollowUp, FollowUpPage, IncidentFollowUps } from '../../../core/schemas/follow-ups.js';
import type { Incident } from '../../../core/schemas/incident.js';
import type { ResolutionRecord } from '../../../core/schemas/resolution.js';
import { type ApiHarness, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  act,
  declare,
  expectProblem,
  ok,
  readTimeline,
  snapshot,
} from '../../../../test/support/server/http/api-test-helpers.js';

const DAY = 86_400_000;

function add(api: ApiHarness, body: Record<string, unknown>, ref?: string) {
  const url = ref ? `/api/v1/incidents/${ref}/follow-ups` : '/api/v1/follow-ups';
  return api.call('POST', url, { as: 'responder', body });
}

describeEachDialect('follow-up actions API', (dialect) => {
  const api = useApiHarness(dialect);

  it('creates, moves through its states, notes it on linked incidents, and refuses bad input naming the field', async () => {
    const a = await declare(api(), { title: 'Checkout down' });
    const b = await declare(api(), { title: 'Checkout slow' });
    const created = ok<FollowUp>(
      await add(
        api(),
        { title: 'Add disk alert', incidentRefs: [b.ref], dueAt: '2030-01-02', priority: 'high' },
        a.ref,
      ),
      201,
    );
    expect(created).toMatchObject({
      ref: `FU-${created.id}`,
      state: 'open',
      priority: 'high',
      dueAt: '2030-01-02T23:59:59.999Z',
    });
    expect(created.incidents.map((i) => i.ref)).toEqual([a.ref, b.ref]);
    for (const ref of [a.ref, b.ref]) {
      const lines = (await readTimeline(api(), ref)).filter((e) => e.kind === 'follow_up_added');
      expect(lines.map((e) => e.body)).toEqual([`Follow-up FU-${created.id} "Add disk alert" added`]);
    }
    const url = `/api/v1/follow-ups/${created.id}`;
    // Bad input: each problem names its field, and nothing changes.
    const before = ok<FollowUp>(await api().call('GET', url, { as: 'viewer' }));
    expectProblem(
      await api().call('PATCH', url, { as: 'responder', body: { state: 'wont_do' } }),
      400,
      'wontDoReason',
    );
    expectProblem(
      await api().call('PATCH', url, { as: 'responder', body: { externalUrl: 'ftp://x.example/1' } }),
      400,
      'externalUrl',
    );
    expectProblem(
      await api().call('PATCH', url, { as: 'responder', body: { ownerId: 999 } }),
      400,
      'ownerId',
    );
    expectProblem(
      await api().call('PATCH', url, { as: 'responder', body: { incidentRefs: ['INC-99'] } }),
      400,
      'incidentRefs',
    );
    expectProblem(
      await api().call('PATCH', url, { as: 'responder', body: { title: 'x', version: 9 } }),
      409,
      'version',
    );
    expectProblem(await add(api(), { title: '' }), 400, 'title');
    expectProblem(await api().call('PATCH', url, { as: 'viewer', body: { state: 'done' } }), 403);
    expect(ok<FollowUp>(await api().call('GET', url, { as: 'viewer' }))).toEqual(before);

    const moving = ok<FollowUp>(
      await api().call('PATCH', url, {
        as: 'responder',
        body: { state: 'in_progress', externalUrl: 'https://tickets.example.com/OPS-1', version: 1 },
      }),
    );
    expect(moving).toMatchObject({
      state: 'in_progress',
      externalUrl: 'https://tickets.example.com/OPS-1',
      version: 2,
    });
    const wontDo = ok<FollowUp>(
      await api().call('PATCH', url, {
        as: 'responder',
        body: { state: 'wont_do', wontDoReason: 'Replaced by OPS-2' },
      }),
    );
    expect(wontDo).toMatchObject({ state: 'wont_do', wontDoReason: 'Replaced by OPS-2' });
    expect(wontDo.doneAt).not.toBeNull();
    expectProblem(
      await api().call('PATCH', url, { as: 'responder', body: { state: 'in_progress' } }),
      409,
      'status',
    );
    const lines = (await readTimeline(api(), a.ref)).filter((e) => e.kind === 'follow_up_done');
    expect(lines.map((e) => e.body)).toEqual([
      `Follow-up FU-${created.id} "Add disk alert" will not be done: Replaced by OPS-2`,
    ]);
    const reopened = ok<FollowUp>(
      await api().call('PATCH', url, { as: 'responder', body: { state: 'open' } }),
    );
    expect(reopened).toMatchObject({ state: 'open', wontDoReason: null, doneAt: null });
    expect((await api().call('DELETE', url, { as: 'responder' })).statusCode).toBe(204);
    expectProblem(await api().call('GET', url, { as: 'viewer' }), 404);
  });

  it('lists across incidents with filters and cursor pages', async () => {
    const me = api().users.responder.userId;
    const other = api().users.admin.userId;
    const service = ok<{ id: number }>(
      await api().call('POST', '/api/v1/services', { as: 'responder', body: { name: 'payments' } }),
      201,
    );
    const team = ok<{ id: number }>(
      await api().call('POST', '/api/v1/teams', { body: { name: 'SRE' } }),
      201,
    );
    const inc = await declare(api(), { title: 'Payments down', serviceIds: [service.id] });
    const now = api().clock.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const late = ok<FollowUp>(
      await add(api(), { title: 'Late', ownerId: me, dueAt: iso(now - DAY) }, inc.ref),
      201,
    );
    const soon = ok<FollowUp>(
      await add(api(), { title: 'Soon', ownerId: other, teamId: team.id, dueAt: iso(now + DAY) }),
      201,
    );
    const done = ok<FollowUp>(
      await add(api(), { title: 'Done', ownerId: me, dueAt: iso(now - 2 * DAY) }),
      201,
    );
    ok(
      await api().call('PATCH', `/api/v1/follow-ups/${done.id}`, {
        as: 'responder',
        body: { state: 'done' },
      }),
    );
    const list = async (query: string, as: 'viewer' | 'responder' = 'viewer') =>
      ok<FollowUpPage>(await api().call('GET', `/api/v1/follow-ups?${query}`, { as })).items.map(
        (f) => f.title,
      );

    expect(await list('overdue=true')).toEqual(['Late']);
    const overdue = ok<FollowUpPage>(
      await api().call('GET', '/api/v1/follow-ups?overdue=true', { as: 'viewer' }),
    );
    expect(overdue.items[0]?.isOverdue).toBe(true);
    expect(await list('mine=true', 'responder')).toEqual(['Done', 'Late']);
    expect(await list('mine=true&open=true', 'responder')).toEqual(['Late']);
    expect(await list(`teamId=${team.id}`)).toEqual(['Soon']);
    expect(await list(`serviceId=${service.id}`)).toEqual(['Late']);
    expect(await list('state=done')).toEqual(['Done']);
    expect(await list(`incident=${inc.ref}`)).toEqual(['Late']);
    expect(await list('sort=due')).toEqual(['Done', 'Late', 'Soon']);
    const first = ok<FollowUpPage>(await api().call('GET', '/api/v1/follow-ups?limit=2', { as: 'viewer' }));
    expect(first.items.map((f) => f.id)).toEqual([done.id, soon.id]);
    const second = ok<FollowUpPage>(
      await api().call('GET', `/api/v1/follow-ups?limit=2&cursor=${first.nextCursor ?? ''}`, {
        as: 'viewer',
      }),
    );
    expect(second.items.map((f) => f.id)).toEqual([late.id]);
    expect(second.nextCursor).toBeNull();
    expectProblem(
      await api().call('GET', '/api/v1/follow-ups?state=later', { as: 'viewer' }),
      400,
      'state.0',
    );
    expectProblem(await api().call('GET', '/api/v1/follow-ups?cursor=zzz', { as: 'viewer' }), 400, 'cursor');
    const ofIncident = ok<IncidentFollowUps>(
      await api().call('GET', `/api/v1/incidents/${inc.ref}/follow-ups`, { as: 'viewer' }),
    );
    expect(ofIncident.openCount).toBe(1);
  });

  it('closes an incident with open follow-ups and says how many in the reply and the timeline', async () => {
    const inc = await declare(api(), { title: 'Search down' });
    ok(await add(api(), { title: 'Add search alert' }, inc.ref), 201);
    ok(await add(api(), { title: 'Shard the index' }, inc.ref), 201);
    ok(await act(api(), inc.ref, 'resolve', { resolutionSummary: 'Restarted search.' }));
    const closed = ok<Incident>(await act(api(), inc.ref, 'close', { rootCause: 'Heap exhausted.' }));
    expect(closed).toMatchObject({ status: 'closed', openFollowUps: 2 });
    const line = (await readTimeline(api(), inc.ref)).find((e) => e.kind === 'closed');
    expect(line?.body).toBe('Closed with 2 open follow-ups.');
  });
});

describeEachDialect('resolution record API', (dialect) => {
  const api = useApiHarness(dialect);

  it('requires the fields the settings name per severity, naming each missing one, and writes nothing', async () => {
    // The published review SEV1 also needs to close is reviews.test.ts's subject, not this one's.
    ok(await api().call('PATCH', '/api/v1/settings', { body: { reviewRequiredSeverities: [] } }));
    ok(
      await api().call('PUT', '/api/v1/settings/resolution', {
        body: {
          requirements: {
            SEV1: {
              resolve: ['resolutionSummary', 'customerImpact'],
              close: ['resolutionSummary', 'customerImpact', 'rootCauseCategory', 'rootCause', 'fix'],
            },
          },
        },
      }),
    );
    const sev1 = await declare(api(), { severity: 'SEV1' });
    const sev4 = await declare(api(), { severity: 'SEV4' });
    const before = await snapshot(api(), sev1.ref);
    const refused = expectProblem(
      await act(api(), sev1.ref, 'resolve', { resolutionSummary: 'Rolled back.' }),
      400,
      'customerImpact',
    );
    expect(refused.errors?.map((e) => e.message)).toEqual(['Customer impact is required to resolve']);
    expect(await snapshot(api(), sev1.ref)).toEqual(before);
    // SEV4 keeps the defaults: a summary to resolve, a root cause to close.
    ok(await act(api(), sev4.ref, 'resolve', { resolutionSummary: 'Cleared the cache.' }));
    expectProblem(await act(api(), sev4.ref, 'close'), 400, 'rootCause');

    ok(
      await act(api(), sev1.ref, 'resolve', {
        resolutionSummary: 'Rolled back.',
        customerImpact: 'Checkout failed for EU customers.',
        customersAffected: 1200,
      }),
    );
    const missing = expectProblem(await act(api(), sev1.ref, 'close', { rootCause: 'Bad deploy.' }), 400);
    expect(missing.errors?.map((e) => e.field)).toEqual(['rootCauseCategory', 'fix']);
    expectProblem(
      await act(api(), sev1.ref, 'close', { rootCauseCategory: 'cosmic rays' }),
      400,
      'rootCauseCategory',
    );
    const closed = ok<Incident>(
      await act(api(), sev1.ref, 'close', {
        rootCause: 'Bad deploy.',
        rootCauseCategory: 'deployment/change',
        fix: 'Pinned the version.',
      }),
    );
    expect(closed.status).toBe('closed');
    const record = ok<ResolutionRecord>(
      await api().call('GET', `/api/v1/incidents/${sev1.ref}/resolution`, { as: 'viewer' }),
    );
    expect(record).toMatchObject({
      rootCauseCategory: 'deployment/change',
      fix: 'Pinned the version.',
      customersAffected: 1200,
      missingToClose: [],
      impactMinutes: 0,
    });
  });

  it('edits the record with a version guard and a timeline line, and counts linked customer reports', async () => {
    const inc = await declare(api(), { severity: 'SEV2' });
    const url = `/api/v1/incidents/${inc.ref}/resolution`;
    const record = ok<ResolutionRecord>(await api().call('GET', url, { as: 'viewer' }));
    expect(record.missingToResolve).toEqual([
      { field: 'resolutionSummary', message: 'is required to resolve' },
    ]);
    expectProblem(await api().call('PUT', url, { as: 'viewer', body: { fix: 'x' } }), 403);
    expectProblem(
      await api().call('PUT', url, { as: 'responder', body: { fix: 'x', version: 99 } }),
      409,
      'version',
    );
    expectProblem(
      await api().call('PUT', url, { as: 'responder', body: { customersAffected: -1 } }),
      400,
      'customersAffected',
    );
    expectProblem(
      await api().call('PUT', url, { as: 'responder', body: { impactEndedAt: '2000-01-01T00:00:00Z' } }),
      400,
      'impactEndedAt',
    );
    api().clock.advance(90 * 60_000);
    const edited = ok<ResolutionRecord>(
      await api().call('PUT', url, {
        as: 'responder',
        body: {
          workaround: 'Failed over to the standby.',
          contributingFactors: 'No alert on replication lag.',
          impactEndedAt: new Date(api().clock.now()).toISOString(),
          version: record.version,
        },
      }),
    );
    expect(edited).toMatchObject({
      workaround: 'Failed over to the standby.',
      impactMinutes: 90,
      version: record.version + 1,
    });
    const line = (await readTimeline(api(), inc.ref)).find((e) => e.kind === 'resolution_updated');
    expect(line?.changes).toMatchObject({
      workaround: { before: null, after: 'Failed over to the standby.' },
    });
    const now = api().clock.now();
    await api()
      .db.ctx.store.db.insertInto('reports')
      .values(
        [1, 2].map((n) => ({
          number: 1000 + n,
          name: 'C',
          email: `c${n}@example.com`,
          message: 'Broken',
          metadata: '{}',
          source: 'api',
          received_at: now,
          incident_id: inc.id,
        })),
      )
      .execute();
    expect(ok<ResolutionRecord>(await api().call('GET', url, { as: 'viewer' })).reportsLinked).toBe(2);
  });

  it('lets only admins change the settings, checks them, and audits the change', async () => {
    expectProblem(
      await api().call('PUT', '/api/v1/settings/resolution', { as: 'responder', body: { autoCloseDays: 3 } }),
      403,
    );
    expectProblem(
      await api().call('PUT', '/api/v1/settings/resolution', {
        body: { requirements: { SEV2: { resolve: ['fix'], close: ['rootCause'] } } },
      }),
      400,
      'requirements.SEV2.close',
    );
    expectProblem(
      await api().call('PUT', '/api/v1/settings/resolution', { body: { rootCauseCategories: ['a', 'a'] } }),
      400,
      'rootCauseCategories',
    );
    const saved = ok<{ rootCauseCategories: string[]; autoCloseDays: number }>(
      await api().call('PUT', '/api/v1/settings/resolution', {
        body: { rootCauseCategories: ['network', 'unknown'], autoCloseDays: 14 },
      }),
    );
    expect(saved).toMatchObject({ rootCauseCategories: ['network', 'unknown'], autoCloseDays: 14 });
    expect(
      ok<{ autoCloseDays: number }>(await api().call('GET', '/api/v1/settings/resolution', { as: 'viewer' }))
        .autoCloseDays,
    ).toBe(14);
    const audit = ok<{ items: Array<{ action: string }> }>(await api().call('GET', '/api/v1/audit'));
    expect(audit.items.map((e) => e.action)).toContain('settings.resolution_update');
  });
});
