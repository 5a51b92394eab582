import { expect, it } from 'vitest';
import type { Service, Team } from '../../../core/schemas/catalog.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  act,
  createService,
  createTeam,
  declare,
  expectProblem,
  ok,
  readIncident,
} from '../../../../test/support/server/http/api-test-helpers.js';

describeEachDialect('services API', (dialect) => {
  const api = useApiHarness(dialect);
  const services = async () =>
    ok<{ items: Service[] }>(await api().call('GET', '/api/v1/services', { as: 'viewer' })).items;
  const patch = (id: number, body: Record<string, unknown>) =>
    api().call('PATCH', `/api/v1/services/${id}`, { as: 'responder', body });

  it('creates, reads, changes and deletes a service', async () => {
    const team = await createTeam(api(), 'Platform');
    const db = await createService(api(), 'database');
    const web = await createService(api(), 'web', {
      description: 'Storefront',
      tier: 1,
      ownerTeamId: team.id,
      dependsOnIds: [db.id],
    });
    expect(web).toMatchObject({
      name: 'web',
      description: 'Storefront',
      tier: 1,
      ownerTeam: { id: team.id, name: 'Platform' },
      dependsOn: [{ id: db.id, name: 'database' }],
      openIncidents: 0,
    });
    expect(ok<Service>(await api().call('GET', `/api/v1/services/${web.id}`, { as: 'viewer' }))).toEqual(web);
    expect((await services()).map((s) => s.name)).toEqual(['database', 'web']);
    api().clock.advance(1000);
    const changed = ok<Service>(await patch(web.id, { name: 'storefront', tier: null, ownerTeamId: null }));
    expect(changed).toMatchObject({
      name: 'storefront',
      tier: null,
      ownerTeam: null,
      description: 'Storefront',
    });
    expect(changed.updatedAt > web.updatedAt).toBe(true);
    expect((await api().call('DELETE', `/api/v1/services/${web.id}`)).statusCode).toBe(204);
    expectProblem(await api().call('GET', `/api/v1/services/${web.id}`, { as: 'viewer' }), 404);
    expectProblem(await api().call('DELETE', `/api/v1/services/${web.id}`), 404);
    expectProblem(await patch(web.id, { name: 'ghost' }), 404);
  });

  it('rejects a duplicate name with 409 naming name, changing nothing', async () => {
    await createService(api(), 'web');
    const api2 = await createService(api(), 'api');
    const before = await services();
    expectProblem(
      await api().call('POST', '/api/v1/services', { as: 'responder', body: { name: 'web' } }),
      409,
      'name',
    );
    expectProblem(await patch(api2.id, { name: 'web' }), 409, 'name');
    expect(await services()).toEqual(before);
  });

  it('rejects bad services naming the field, changing nothing', async () => {
    const web = await createService(api(), 'web');
    const before = await services();
    for (const [body, field] of [
      [{ name: '' }, 'name'],
      [{ name: 'x', tier: 5 }, 'tier'],
      [{ name: 'x', ownerTeamId: 99 }, 'ownerTeamId'],
      [{ name: 'x', dependsOnIds: [99] }, 'dependsOnIds'],
    ] as const) {
      expectProblem(await api().call('POST', '/api/v1/services', { as: 'responder', body }), 400, field);
    }
    expectProblem(await patch(web.id, { ownerTeamId: 99 }), 400, 'ownerTeamId');
    expectProblem(await patch(web.id, { colour: 'blue' }), 400, 'colour');
    expect(await services()).toEqual(before);
  });

  it('refuses dependencies that would form a cycle, naming dependsOnIds', async () => {
    const c = await createService(api(), 'c');
    const b = await createService(api(), 'b', { dependsOnIds: [c.id] });
    const a = await createService(api(), 'a', { dependsOnIds: [b.id] });
    const before = await services();
    expectProblem(await patch(c.id, { dependsOnIds: [a.id] }), 400, 'dependsOnIds');
    expectProblem(await patch(c.id, { dependsOnIds: [c.id] }), 400, 'dependsOnIds');
    expectProblem(await patch(b.id, { dependsOnIds: [a.id] }), 400, 'dependsOnIds');
    expect(await services()).toEqual(before);
    expect(ok<Service>(await patch(a.id, { dependsOnIds: [c.id] })).dependsOn).toEqual([
      { id: c.id, name: 'c' },
    ]);
    expect(ok<Service>(await patch(b.id, { dependsOnIds: [a.id] })).dependsOn).toEqual([
      { id: a.id, name: 'a' },
    ]);
  });

  it('counts open incidents per service', async () => {
    const web = await createService(api(), 'web');
    await declare(api(), { serviceIds: [web.id] });
    await declare(api(), { serviceIds: [web.id] });
    await declare(api(), { serviceIds: [web.id], status: 'triage' });
    expect((await services())[0]?.openIncidents).toBe(3);
    ok(await act(api(), 'INC-1', 'resolve', { resolutionSummary: 'Fixed' }));
    ok(await act(api(), 'INC-3', 'decline'));
    expect((await services())[0]?.openIncidents).toBe(1);
  });

  it('deletes a service that incidents and other services refer to; they stay', async () => {
    const db = await createService(api(), 'database');
    const web = await createService(api(), 'web', { dependsOnIds: [db.id] });
    await declare(api(), { serviceIds: [db.id, web.id] });
    expectProblem(await api().call('DELETE', `/api/v1/services/${db.id}`, { as: 'responder' }), 403);
    expect((await api().call('DELETE', `/api/v1/services/${db.id}`)).statusCode).toBe(204);
    expect((await readIncident(api(), 'INC-1')).services).toEqual([{ id: web.id, name: 'web' }]);
    expect((await services()).map((s) => [s.name, s.dependsOn])).toEqual([['web', []]]);
  });
});

describeEachDialect('teams API', (dialect) => {
  const api = useApiHarness(dialect);
  const team = async (id: number) => ok<Team>(await api().call('GET', `/api/v1/teams/${id}`));
  const member = (teamId: number, userId: number, method: 'PUT' | 'DELETE' = 'PUT', body: unknown = {}) =>
    api().call(method, `/api/v1/teams/${teamId}/members/${userId}`, {
      as: 'responder',
      ...(method === 'PUT' ? { body } : {}),
    });

  it('creates, renames and deletes a team; its services stay without an owner', async () => {
    const platform = await createTeam(api(), 'Platform');
    expect(platform).toMatchObject({ name: 'Platform', description: '', members: [], services: [] });
    const web = await createService(api(), 'web', { ownerTeamId: platform.id });
    expect((await team(platform.id)).services).toEqual([{ id: web.id, name: 'web' }]);
    const renamed = ok<Team>(
      await api().call('PATCH', `/api/v1/teams/${platform.id}`, {
        as: 'responder',
        body: { name: 'SRE', description: 'On call' },
      }),
    );
    expect(renamed).toMatchObject({ name: 'SRE', description: 'On call' });
    ok(await member(platform.id, api().users.viewer.userId));
    expectProblem(await api().call('DELETE', `/api/v1/teams/${platform.id}`, { as: 'responder' }), 403);
    expect((await api().call('DELETE', `/api/v1/teams/${platform.id}`)).statusCode).toBe(204);
    expectProblem(await api().call('GET', `/api/v1/teams/${platform.id}`, { as: 'viewer' }), 404);
    const service = ok<Service>(await api().call('GET', `/api/v1/services/${web.id}`, { as: 'viewer' }));
    expect(service.ownerTeam).toBeNull();
  });

  it('rejects duplicate and empty team names, changing nothing', async () => {
    await createTeam(api(), 'Platform');
    const other = await createTeam(api(), 'Payments');
    const before = ok<{ items: Team[] }>(await api().call('GET', '/api/v1/teams', { as: 'viewer' }));
    expectProblem(
      await api().call('POST', '/api/v1/teams', { as: 'responder', body: { name: 'Platform' } }),
      409,
      'name',
    );
    expectProblem(
      await api().call('PATCH', `/api/v1/teams/${other.id}`, { as: 'responder', body: { name: 'Platform' } }),
      409,
      'name',
    );
    expectProblem(
      await api().call('POST', '/api/v1/teams', { as: 'responder', body: { name: ' ' } }),
      400,
      'name',
    );
    expect(ok<{ items: Team[] }>(await api().call('GET', '/api/v1/teams', { as: 'viewer' }))).toEqual(before);
  });

  it('adds members, changes their role and removes them', async () => {
    const platform = await createTeam(api(), 'Platform');
    const { responder, viewer } = api().users;
    expect(ok<Team>(await member(platform.id, responder.userId, 'PUT', { role: 'lead' })).members).toEqual([
      { user: { id: responder.userId, name: 'Responder', email: 'responder@example.com' }, role: 'lead' },
    ]);
    ok(await member(platform.id, viewer.userId));
    ok(await member(platform.id, responder.userId, 'PUT', { role: 'member' }));
    expect((await team(platform.id)).members.map((m) => [m.user.name, m.role])).toEqual([
      ['Responder', 'member'],
      ['Viewer', 'member'],
    ]);
    expect(ok<Team>(await member(platform.id, viewer.userId, 'DELETE')).members).toHaveLength(1);
    expectProblem(await member(platform.id, viewer.userId, 'DELETE'), 404);
  });

  it('refuses unknown or disabled users and unknown teams, changing nothing', async () => {
    const platform = await createTeam(api(), 'Platform');
    ok(await api().call('PATCH', `/api/v1/users/${api().users.viewer.userId}`, { body: { disabled: true } }));
    expectProblem(await member(platform.id, 999), 400, 'userId');
    expectProblem(await member(platform.id, api().users.viewer.userId), 400, 'userId');
    expectProblem(await member(platform.id, api().users.admin.userId, 'PUT', { role: 'boss' }), 400, 'role');
    expectProblem(await member(999, api().users.admin.userId), 404);
    expect((await team(platform.id)).members).toEqual([]);
  });
});
