import { beforeEach, expect, it } from 'vitest';
import { TEST_PASSWORD, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  type LoopbackReply,
  cookieFrom,
  listenOnLoopback,
  loopbackRequest,
} from '../../../../test/support/server/http/loopback-client.js';
import { hashPassword } from '../../commands/secrets.js';
import { ensureFirstAdmin } from '../../first-admin.js';
import { loadConfig } from '../../config.js';
import { insertUser } from '../../store/queries/users.js';

describeEachDialect('password policy', (dialect) => {
  const api = useApiHarness(dialect);
  let baseUrl = '';
  beforeEach(async () => {
    baseUrl = await listenOnLoopback(api().app);
  });
  const asAdmin = (method: string, path: string, body: unknown) =>
    loopbackRequest(baseUrl, method, path, {
      body,
      headers: { authorization: `Bearer ${api().tokens.admin}` },
    });
  const expectRefused = (reply: LoopbackReply, field: string, why: RegExp) => {
    expect(reply.status, reply.body).toBe(400);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = reply.json<{ errors: { field: string; message: string }[] }>();
    expect(problem.errors).toContainEqual({ field, message: expect.stringMatching(why) as unknown });
  };
  const userCount = async () => (await asAdmin('GET', '/api/v1/users', undefined)).json<unknown[]>().length;

  it('refuses new users with short or common passwords, naming the field and why, creating nobody', async () => {
    const before = await userCount();
    const create = (password: string) =>
      asAdmin('POST', '/api/v1/users', { email: 'dana@example.com', role: 'viewer', password });
    expectRefused(await create('eleven-char'), 'password', /at least 12 characters/);
    expectRefused(await create('password1234'), 'password', /too easy to guess.*common/i);
    expectRefused(await create('qwertyuiop123'), 'password', /too easy to guess/);
    expectRefused(await create('dana@example.com'), 'password', /too easy to guess/);
    expect(await userCount()).toBe(before);
    expect((await create('violet-kettle-sunrise')).status).toBe(201);
  });

  it('checks a password an admin resets and one a user changes', async () => {
    const id = api().users.viewer.userId;
    expectRefused(
      await asAdmin('PATCH', `/api/v1/users/${id}`, { password: 'aaaaaaaaaaaa' }),
      'password',
      /too easy/,
    );
    const signIn = await loopbackRequest(baseUrl, 'POST', '/api/v1/session', {
      body: { email: 'viewer@example.com', password: TEST_PASSWORD },
    });
    const cookie = cookieFrom(signIn, 'beacon_session') ?? '';
    const csrf = signIn.json<{ csrfToken: string }>().csrfToken;
    const change = (newPassword: string) =>
      loopbackRequest(baseUrl, 'POST', '/api/v1/me/password', {
        body: { currentPassword: TEST_PASSWORD, newPassword },
        headers: { cookie, 'x-csrf-token': csrf },
      });
    expectRefused(await change('letmein12345'), 'newPassword', /too easy to guess/);
    expect((await change('orange-glacier-pencil')).status).toBe(204);
  });

  it('lets an existing weak password keep signing in', async () => {
    const now = api().clock.now();
    await insertUser(api().db.ctx.store.db, {
      email: 'old@example.com',
      name: 'Old',
      role: 'viewer',
      password_hash: await hashPassword('weakpass'),
      disabled_at: null,
      created_at: now,
      updated_at: now,
    });
    const reply = await loopbackRequest(baseUrl, 'POST', '/api/v1/session', {
      body: { email: 'old@example.com', password: 'weakpass' },
    });
    expect(reply.status, reply.body).toBe(200);
  });

  it('refuses a weak first admin from the environment, but only when it is created', async () => {
    const config = (password: string) =>
      loadConfig({
        BEACON_DATA_DIR: '/tmp/beacon-unused',
        BEACON_ADMIN_EMAIL: 'a@example.com',
        BEACON_ADMIN_PASSWORD: password,
      });
    // Users exist: the setting is not used, so an old weak value does not stop a start.
    await ensureFirstAdmin(api().db.ctx, config('password'), () => undefined);
    const empty = api().db.ctx.store.db;
    await empty.deleteFrom('api_tokens').execute();
    await empty.deleteFrom('users').execute();
    await expect(ensureFirstAdmin(api().db.ctx, config('password'), () => undefined)).rejects.toThrow(
      /BEACON_ADMIN_PASSWORD: must be at least 12 characters/,
    );
  });
});
