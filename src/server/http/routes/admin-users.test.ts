import { expect, it } from 'vitest';
import type { Settings, User } from '../../../core/schemas/access.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { declare, expectProblem, ok } from '../../../../test/support/server/http/api-test-helpers.js';

const newUser = { email: 'Dana@Example.com', role: 'responder', password: 'a-long-password' };

describeEachDialect('users API', (dialect) => {
  const api = useApiHarness(dialect);
  const users = async () =>
    ok<{ items: User[] }>(await api().call('GET', '/api/v1/users', { as: 'viewer' })).items;
  const createUser = (body: Record<string, unknown>) => api().call('POST', '/api/v1/users', { body });
  const patchUser = (id: number, body: Record<string, unknown>) =>
    api().call('PATCH', `/api/v1/users/${id}`, { body });

  it('creates a user who can then sign in', async () => {
    const created = ok<User>(await createUser(newUser), 201);
    expect(created).toMatchObject({
      email: 'dana@example.com',
      name: 'dana',
      role: 'responder',
      disabled: false,
    });
    expect(JSON.stringify(created)).not.toMatch(/password/i);
    expect(ok<User>(await api().call('GET', `/api/v1/users/${created.id}`, { as: 'viewer' }))).toEqual(
      created,
    );
    expect((await users()).map((u) => u.email)).toContain('dana@example.com');
    const signIn = await api().call('POST', '/api/v1/session', {
      as: null,
      body: { email: 'dana@example.com', password: 'a-long-password' },
    });
    expect(signIn.statusCode).toBe(200);
    expectProblem(await api().call('GET', '/api/v1/users/999', { as: 'viewer' }), 404);
  });

  it('rejects bad new users naming the field, creating nobody', async () => {
    const before = await users();
    for (const [body, status, field] of [
      [{ ...newUser, email: 'RESPONDER@example.com' }, 409, 'email'],
      [{ ...newUser, email: 'dana' }, 400, 'email'],
      [{ ...newUser, email: '' }, 400, 'email'],
      [{ ...newUser, password: 'short' }, 400, 'password'],
      [{ ...newUser, role: 'owner' }, 400, 'role'],
      [{ email: 'dana@example.com', role: 'viewer' }, 400, 'password'],
    ] as const) {
      expectProblem(await createUser(body), status, field);
    }
    expect(await users()).toEqual(before);
  });

  it('changes name and role, and rejects unknown fields and users', async () => {
    const id = api().users.viewer.userId;
    const changed = ok<User>(await patchUser(id, { name: 'Vera', role: 'responder' }));
    expect(changed).toMatchObject({ name: 'Vera', role: 'responder' });
    const before = await users();
    expectProblem(await patchUser(id, { email: 'vera@example.com' }), 400, 'email');
    expectProblem(await patchUser(id, { name: '  ' }), 400, 'name');
    expectProblem(await patchUser(id, { role: 'root' }), 400, 'role');
    expectProblem(await patchUser(999, { name: 'Nobody' }), 404);
    expect(await users()).toEqual(before);
  });

  it('disables and re-enables a user', async () => {
    const id = api().users.responder.userId;
    expect(ok<User>(await patchUser(id, { disabled: true })).disabled).toBe(true);
    expectProblem(await api().call('GET', '/api/v1/incidents', { as: 'responder' }), 401);
    expect(ok<User>(await patchUser(id, { disabled: false })).disabled).toBe(false);
    ok(await api().call('GET', '/api/v1/incidents', { as: 'responder' }));
  });

  it('refuses to demote or disable the last active admin', async () => {
    const adminId = api().users.admin.userId;
    const before = await users();
    expectProblem(await patchUser(adminId, { role: 'responder' }), 409, 'role');
    expectProblem(await patchUser(adminId, { disabled: true }), 409, 'disabled');
    expect(await users()).toEqual(before);
    ok(await patchUser(api().users.responder.userId, { role: 'admin' }));
    expect(ok<User>(await patchUser(adminId, { role: 'viewer' })).role).toBe('viewer');
    const lastAdmin = api().users.responder.userId;
    expectProblem(
      await api().call('PATCH', `/api/v1/users/${lastAdmin}`, { as: 'responder', body: { disabled: true } }),
      409,
      'disabled',
    );
  });

  it('a disabled admin does not count as the remaining admin', async () => {
    ok(await patchUser(api().users.responder.userId, { role: 'admin' }));
    ok(await patchUser(api().users.responder.userId, { disabled: true }));
    expectProblem(await patchUser(api().users.admin.userId, { role: 'viewer' }), 409, 'role');
  });
});

describeEachDialect('settings API', (dialect) => {
  const api = useApiHarness(dialect);
  const settings = async () => ok<Settings>(await api().call('GET', '/api/v1/settings', { as: 'viewer' }));
  const patch = (body: unknown) => api().call('PATCH', '/api/v1/settings', { body });

  it('starts with default categories and a 168-hour reopen window', async () => {
    const initial = await settings();
    expect(initial.reopenWindowHours).toBe(168);
    expect(initial.categories).toContain('outage');
  });

  it('changes categories, which incidents must then use', async () => {
    const changed = ok<Settings>(await patch({ categories: ['network', 'storage'] }));
    expect(changed).toEqual({
      categories: ['network', 'storage'],
      reopenWindowHours: 168,
      updateReminderMinutes: { SEV1: 30, SEV2: 30, SEV3: 0, SEV4: 0 },
      stakeholderDefaults: [],
      requireTwoFactor: false,
      assignCommanderOnAcknowledge: true,
      reviewRequiredSeverities: ['SEV1', 'SEV2'],
      timeZone: 'UTC',
    });
    expect(await settings()).toEqual(changed);
    expect((await declare(api(), { category: 'network' })).category).toBe('network');
    expectProblem(
      await api().call('POST', '/api/v1/incidents', {
        as: 'responder',
        body: { title: 'x', category: 'outage' },
      }),
      400,
      'category',
    );
  });

  it('rejects bad settings naming the field, changing nothing', async () => {
    const before = await settings();
    for (const [body, field] of [
      [{ reopenWindowHours: -1 }, 'reopenWindowHours'],
      [{ reopenWindowHours: 1.5 }, 'reopenWindowHours'],
      [{ reopenWindowHours: '24' }, 'reopenWindowHours'],
      [{ categories: 'outage' }, 'categories'],
      [{ categories: ['ok', ' '] }, 'categories.1'],
      [{ theme: 'dark' }, 'theme'],
    ] as const) {
      expectProblem(await patch(body), 400, field);
    }
    const asResponder = await api().call('PATCH', '/api/v1/settings', {
      as: 'responder',
      body: { reopenWindowHours: 2 },
    });
    expectProblem(asResponder, 403);
    expect(await settings()).toEqual(before);
  });
});
