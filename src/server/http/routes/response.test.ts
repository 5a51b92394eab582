import { expect, it } from 'vitest';
import type {
  AttachedPlan,
  IncidentRoles,
  IncidentTask,
  ResponsePlan,
} from '../../../core/schemas/response.js';
import type { ApiHarness } from '../../../../test/support/server/api-harness.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  createService,
  declare,
  expectProblem,
  ok,
  readIncident,
  readTimeline,
} from '../../../../test/support/server/http/api-test-helpers.js';

const MAJOR_PLAN = {
  name: 'Major incident',
  description: 'For SEV1s',
  tasks: [
    { title: 'Open a bridge', role: 'commander', dueMinutes: 5 },
    { title: 'Post a status update', role: 'communications', dueMinutes: 15 },
    { title: 'Keep notes' },
  ],
  match: { severities: ['SEV1'] },
};

async function createPlan(api: ApiHarness, body: Record<string, unknown> = MAJOR_PLAN) {
  return ok<ResponsePlan>(await api.call('POST', '/api/v1/response-plans', { as: 'responder', body }), 201);
}

async function tasksOf(api: ApiHarness, ref: string) {
  return ok<{ items: IncidentTask[] }>(
    await api.call('GET', `/api/v1/incidents/${ref}/tasks`, { as: 'viewer' }),
  ).items;
}

describeEachDialect('response API: plans', (dialect) => {
  const api = useApiHarness(dialect);

  it('creates, reads, changes and deletes a plan with the roles each needs', async () => {
    const plan = await createPlan(api());
    expect(plan).toMatchObject({
      name: 'Major incident',
      tasks: [
        { title: 'Open a bridge', role: 'commander', dueMinutes: 5 },
        { title: 'Post a status update', role: 'communications', dueMinutes: 15 },
        { title: 'Keep notes', role: null, dueMinutes: null },
      ],
      match: { severities: ['SEV1'], categories: [], serviceIds: [] },
    });
    const url = `/api/v1/response-plans/${plan.id}`;
    expect(ok<ResponsePlan>(await api().call('GET', url, { as: 'viewer' })).name).toBe('Major incident');
    const list = ok<{ items: ResponsePlan[] }>(
      await api().call('GET', '/api/v1/response-plans', { as: 'viewer' }),
    );
    expect(list.items.map((p) => p.id)).toEqual([plan.id]);

    expectProblem(
      await api().call('POST', '/api/v1/response-plans', { as: 'viewer', body: MAJOR_PLAN }),
      403,
    );
    expectProblem(await api().call('PATCH', url, { as: 'viewer', body: { name: 'x' } }), 403);
    const changed = ok<ResponsePlan>(
      await api().call('PATCH', url, {
        as: 'responder',
        body: { name: 'SEV1 plan', tasks: [{ title: 'Page' }] },
      }),
    );
    expect(changed).toMatchObject({
      name: 'SEV1 plan',
      tasks: [{ title: 'Page' }],
      description: 'For SEV1s',
    });

    expectProblem(await api().call('DELETE', url, { as: 'responder' }), 403);
    expect((await api().call('DELETE', url, { as: 'admin' })).statusCode).toBe(204);
    expectProblem(await api().call('GET', url, { as: 'viewer' }), 404);
    expectProblem(await api().call('PATCH', url, { as: 'responder', body: { name: 'y' } }), 404);
    expectProblem(await api().call('DELETE', url, { as: 'admin' }), 404);
  });

  it('rejects bad plans naming the field', async () => {
    const post = (body: unknown) => api().call('POST', '/api/v1/response-plans', { as: 'responder', body });
    expectProblem(await post({ name: ' ' }), 400, 'name');
    expectProblem(await post({ name: 'P', tasks: [{ title: '' }] }), 400, 'tasks.0.title');
    expectProblem(await post({ name: 'P', tasks: [{ title: 'T', role: 'chef' }] }), 400, 'tasks.0.role');
    expectProblem(
      await post({ name: 'P', tasks: [{ title: 'T', dueMinutes: -1 }] }),
      400,
      'tasks.0.dueMinutes',
    );
    expectProblem(await post({ name: 'P', match: { severities: ['SEV9'] } }), 400, 'match.severities.0');
    expectProblem(await post({ name: 'P', match: { serviceIds: [99] } }), 400, 'match.serviceIds');
    expectProblem(await post({ name: 'P', match: { categories: ['weather'] } }), 400, 'match.categories');
    await createPlan(api());
    expectProblem(await post(MAJOR_PLAN), 409, 'name');
  });
});

describeEachDialect('response API: attaching plans and tasks', (dialect) => {
  const api = useApiHarness(dialect);

  it('attaches a SEV1 plan when a SEV1 is declared, due from now, owned by the commander', async () => {
    const plan = await createPlan(api());
    const commanderId = api().users.responder.userId;
    const incident = await declare(api(), { severity: 'SEV1', commanderId });
    const tasks = await tasksOf(api(), incident.ref);
    expect(tasks.map((t) => [t.title, t.role, t.owner?.id ?? null, t.planId])).toEqual([
      ['Open a bridge', 'commander', commanderId, plan.id],
      ['Post a status update', 'communications', null, plan.id],
      ['Keep notes', null, null, plan.id],
    ]);
    expect(tasks[0]?.dueAt).toBe('2026-03-01T12:05:00.000Z');
    expect(tasks[2]?.dueAt).toBeNull();
    const timeline = await readTimeline(api(), incident.ref);
    expect(timeline.map((e) => e.kind)).toEqual(['declared', 'plan_attached']);
    expect(timeline[1]?.body).toContain('Major incident');

    const sev3 = await declare(api(), { severity: 'SEV3' });
    expect(await tasksOf(api(), sev3.ref)).toEqual([]);
  });

  it('attaches when severity is raised to SEV1, once only', async () => {
    await createPlan(api());
    const incident = await declare(api(), { severity: 'SEV3' });
    const patch = (body: unknown) =>
      api().call('PATCH', `/api/v1/incidents/${incident.ref}`, { as: 'responder', body });
    ok(await patch({ severity: 'SEV1' }));
    expect(await tasksOf(api(), incident.ref)).toHaveLength(3);
    ok(await patch({ severity: 'SEV2' }));
    ok(await patch({ severity: 'SEV1' }));
    expect(await tasksOf(api(), incident.ref)).toHaveLength(3);
    const kinds = (await readTimeline(api(), incident.ref)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'plan_attached')).toHaveLength(1);
  });

  it('attaches by service and category rules, and by hand once', async () => {
    const db = await createService(api(), 'Database');
    const dbPlan = await createPlan(api(), {
      name: 'Database outage',
      tasks: [{ title: 'Check replicas' }],
      match: { serviceIds: [db.id], categories: ['outage'] },
    });
    const manual = await createPlan(api(), { name: 'Security', tasks: [{ title: 'Rotate keys' }] });
    const incident = await declare(api(), { serviceIds: [db.id] });
    expect(await tasksOf(api(), incident.ref)).toEqual([]);
    ok(await api().call('PATCH', `/api/v1/incidents/${incident.ref}`, { body: { category: 'outage' } }));
    expect((await tasksOf(api(), incident.ref)).map((t) => t.title)).toEqual(['Check replicas']);

    const attach = (planId: number, as: 'viewer' | 'responder' = 'responder') =>
      api().call('POST', `/api/v1/incidents/${incident.ref}/plans`, { as, body: { planId } });
    expectProblem(await attach(manual.id, 'viewer'), 403);
    expect(ok<AttachedPlan>(await attach(manual.id), 201).name).toBe('Security');
    expectProblem(await attach(manual.id), 409, 'planId');
    expectProblem(await attach(dbPlan.id), 409, 'planId');
    expectProblem(await attach(999), 400, 'planId');
    expectProblem(
      await api().call('POST', '/api/v1/incidents/INC-99/plans', { body: { planId: manual.id } }),
      404,
    );
    expect((await tasksOf(api(), incident.ref)).map((t) => t.title)).toEqual([
      'Check replicas',
      'Rotate keys',
    ]);
    const plans = ok<{ items: AttachedPlan[] }>(
      await api().call('GET', `/api/v1/incidents/${incident.ref}/plans`, { as: 'viewer' }),
    );
    expect(plans.items.map((p) => p.name)).toEqual(['Database outage', 'Security']);
  });

  it('adds, edits, ticks off and removes tasks, each on the timeline', async () => {
    const incident = await declare(api());
    const base = `/api/v1/incidents/${incident.ref}/tasks`;
    expectProblem(await api().call('POST', base, { as: 'viewer', body: { title: 'x' } }), 403);
    expectProblem(await api().call('POST', base, { as: 'responder', body: { title: '' } }), 400, 'title');
    expectProblem(
      await api().call('POST', base, { as: 'responder', body: { title: 'x', ownerId: 999 } }),
      400,
      'ownerId',
    );
    const task = ok<IncidentTask>(
      await api().call('POST', base, {
        as: 'responder',
        body: { title: 'Roll back', dueAt: '2026-03-01T12:30:00Z' },
      }),
      201,
    );
    expect(task).toMatchObject({ title: 'Roll back', owner: null, doneAt: null, position: 1 });
    const url = `${base}/${task.id}`;
    const responder = api().users.responder;
    const edited = ok<IncidentTask>(
      await api().call('PATCH', url, {
        as: 'responder',
        body: { title: 'Roll back v42', ownerId: responder.userId },
      }),
    );
    expect(edited.owner?.id).toBe(responder.userId);
    api().clock.advance(60_000);
    const done = ok<IncidentTask>(await api().call('PATCH', url, { as: 'responder', body: { done: true } }));
    expect(done).toMatchObject({ doneAt: '2026-03-01T12:01:00.000Z', doneBy: { id: responder.userId } });
    const undone = ok<IncidentTask>(
      await api().call('PATCH', url, { as: 'responder', body: { done: false } }),
    );
    expect(undone.doneAt).toBeNull();
    expectProblem(await api().call('PATCH', url, { as: 'viewer', body: { done: true } }), 403);
    expectProblem(await api().call('PATCH', `${base}/999`, { as: 'responder', body: { done: true } }), 404);
    expectProblem(await api().call('PATCH', url, { as: 'responder', body: { colour: 'red' } }), 400);
    expect((await api().call('DELETE', url, { as: 'responder' })).statusCode).toBe(204);
    expectProblem(await api().call('DELETE', url, { as: 'responder' }), 404);
    expectProblem(await api().call('GET', '/api/v1/incidents/INC-99/tasks', { as: 'viewer' }), 404);

    const entries = (await readTimeline(api(), incident.ref)).slice(1);
    expect(entries.map((e) => [e.kind, e.changes])).toEqual([
      ['task_added', { dueAt: { before: null, after: '2026-03-01T12:30:00.000Z' } }],
      [
        'task_updated',
        {
          title: { before: 'Roll back', after: 'Roll back v42' },
          owner: { before: null, after: 'Responder' },
        },
      ],
      ['task_updated', { done: { before: false, after: true } }],
      ['task_updated', { done: { before: true, after: false } }],
      ['task_removed', null],
    ]);
    expect(entries.at(-1)?.body).toBe('Roll back v42');
  });
});

describeEachDialect('response API: roles', (dialect) => {
  const api = useApiHarness(dialect);

  it('assigns roles, keeps the commander in step and hands over unowned tasks', async () => {
    await createPlan(api());
    const incident = await declare(api(), { severity: 'SEV1' });
    const roles = (ref: string) => api().call('GET', `/api/v1/incidents/${ref}/roles`, { as: 'viewer' });
    const put = (role: string, userId: number | null, as: 'viewer' | 'responder' = 'responder') =>
      api().call('PUT', `/api/v1/incidents/${incident.ref}/roles/${role}`, { as, body: { userId } });
    expect(ok<IncidentRoles>(await roles(incident.ref)).items).toEqual([
      { role: 'commander', user: null },
      { role: 'communications', user: null },
      { role: 'scribe', user: null },
    ]);
    const { admin, responder } = api().users;
    expectProblem(await put('commander', admin.userId, 'viewer'), 403);
    expectProblem(await put('chef', admin.userId), 400, 'role');
    expectProblem(await put('scribe', 999), 400, 'userId');
    expectProblem(
      await api().call('PUT', '/api/v1/incidents/INC-9/roles/scribe', { body: { userId: null } }),
      404,
    );

    const after = ok<IncidentRoles>(await put('commander', responder.userId));
    expect(after.items[0]?.user?.id).toBe(responder.userId);
    expect((await readIncident(api(), incident.ref)).commander?.id).toBe(responder.userId);
    ok(await put('communications', admin.userId));

    const tasks = await tasksOf(api(), incident.ref);
    expect(tasks.map((t) => [t.title, t.owner?.id ?? null])).toEqual([
      ['Open a bridge', responder.userId],
      ['Post a status update', admin.userId],
      ['Keep notes', null],
    ]);
    // A new holder takes only tasks nobody owns: these now have owners.
    ok(await put('commander', admin.userId));
    expect((await tasksOf(api(), incident.ref))[0]?.owner?.id).toBe(responder.userId);

    const entries = (await readTimeline(api(), incident.ref)).filter((e) => e.kind !== 'plan_attached');
    expect(entries.map((e) => [e.kind, e.changes])).toEqual([
      ['declared', expect.anything()],
      ['role_assigned', { commander: { before: null, after: 'Responder' } }],
      ['task_updated', { owner: { before: null, after: 'Responder' } }],
      ['role_assigned', { communications: { before: null, after: 'Admin' } }],
      ['task_updated', { owner: { before: null, after: 'Admin' } }],
      ['role_assigned', { commander: { before: 'Responder', after: 'Admin' } }],
    ]);
    ok(await put('communications', null));
    expect(ok<IncidentRoles>(await roles(incident.ref)).items[1]?.user).toBeNull();
  });
});
