import { expect, it } from 'vitest';
import type { Session } from '../../../core/schemas/access.js';
import type { IncidentPage } from '../../../core/schemas/incident.js';
import {
  type ApiHarness,
  TEST_PASSWORD,
  useApiHarness,
} from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { expectProblem, ok } from '../../../../test/support/server/http/api-test-helpers.js';

/** Sign in through the API; returns the cookie header to send and the CSRF token. */
async function signIn(api: ApiHarness, email: string, password = TEST_PASSWORD) {
  const res = await api.call('POST', '/api/v1/session', { as: null, body: { email, password } });
  const session = ok<Session>(res);
  const cookie = res.cookies.find((c) => c.name === 'beacon_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `beacon_session=${cookie.value}`, csrfToken: session.csrfToken ?? '', session, res };
}

describeEachDialect('session API', (dialect) => {
  const api = useApiHarness(dialect);
  const asCookie = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    body?: unknown,
  ) => api().call(method, url, { as: null, headers, ...(body !== undefined ? { body } : {}) });
  const incidentCount = async () =>
    ok<IncidentPage>(await api().call('GET', '/api/v1/incidents')).items.length;

  it('signs in with an HttpOnly, SameSite=Lax session cookie and returns the user and CSRF token', async () => {
    const { session, res } = await signIn(api(), '  Responder@Example.com ');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^beacon_session=[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/i);
    expect(session.user).toMatchObject({
      email: 'responder@example.com',
      role: 'responder',
      disabled: false,
    });
    expect(session.csrfToken).toMatch(/^\S{16,}$/);
    expect(JSON.stringify(session)).not.toMatch(/password|hash/i);
  });

  it('refuses a wrong password, an unknown email and a disabled user alike: 401, no cookie', async () => {
    ok(await api().call('PATCH', `/api/v1/users/${api().users.viewer.userId}`, { body: { disabled: true } }));
    const details = new Set<string>();
    for (const body of [
      { email: 'responder@example.com', password: 'wrong-password' },
      { email: 'nobody@example.com', password: TEST_PASSWORD },
      { email: 'viewer@example.com', password: TEST_PASSWORD },
    ]) {
      const res = await api().call('POST', '/api/v1/session', { as: null, body });
      details.add(expectProblem(res, 401).detail);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(details.size).toBe(1);
    expectProblem(
      await api().call('POST', '/api/v1/session', {
        as: null,
        body: { email: 'not-an-email', password: 'x' },
      }),
      400,
      'email',
    );
  });

  it('requires the x-csrf-token header on cookie-authenticated writes; nothing changes without it', async () => {
    const { cookie, csrfToken } = await signIn(api(), 'responder@example.com');
    const declare = (headers: Record<string, string>) =>
      asCookie('POST', '/api/v1/incidents', { cookie, ...headers }, { title: 'From the browser' });
    expectProblem(await declare({}), 403);
    expectProblem(await declare({ 'x-csrf-token': 'guess' }), 403);
    expectProblem(await asCookie('PATCH', '/api/v1/settings', { cookie }, { reopenWindowHours: 1 }), 403);
    expect(await incidentCount()).toBe(0);
    ok(await asCookie('GET', '/api/v1/incidents', { cookie }));
    const created = ok<{ ref: string }>(await declare({ 'x-csrf-token': csrfToken }), 201);
    expect(created.ref).toBe('INC-1');
    expect(await incidentCount()).toBe(1);
  });

  it('reports the signed-in caller and CSRF token; a bearer token gets no CSRF token', async () => {
    const { cookie, csrfToken } = await signIn(api(), 'viewer@example.com');
    expect(ok<Session>(await asCookie('GET', '/api/v1/session', { cookie }))).toEqual({
      user: expect.objectContaining({ email: 'viewer@example.com', role: 'viewer' }) as unknown,
      csrfToken,
    });
    expect(ok<Session>(await api().call('GET', '/api/v1/session', { as: 'admin' }))).toMatchObject({
      user: { email: 'admin@example.com' },
      csrfToken: null,
    });
    expectProblem(await api().call('GET', '/api/v1/session', { as: null }), 401);
  });

  it('signs out: the cookie is cleared and no longer works', async () => {
    const { cookie } = await signIn(api(), 'viewer@example.com');
    const other = await signIn(api(), 'viewer@example.com');
    const res = await asCookie('DELETE', '/api/v1/session', { cookie });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(
      /^beacon_session=;.*(Expires=Thu, 01 Jan 1970|Max-Age=0)/i,
    );
    expectProblem(await asCookie('GET', '/api/v1/session', { cookie }), 401);
    ok(await asCookie('GET', '/api/v1/session', { cookie: other.cookie }));
    expect((await api().call('DELETE', '/api/v1/session', { as: null })).statusCode).toBe(204);
  });

  it('ends a session after the session lifetime', async () => {
    const { cookie } = await signIn(api(), 'viewer@example.com');
    api().clock.advance(167 * 3_600_000);
    ok(await asCookie('GET', '/api/v1/session', { cookie }));
    api().clock.advance(3_600_000);
    expectProblem(await asCookie('GET', '/api/v1/session', { cookie }), 401);
  });

  it('ends the sessions of a user who is disabled', async () => {
    const { cookie } = await signIn(api(), 'responder@example.com');
    ok(
      await api().call('PATCH', `/api/v1/users/${api().users.responder.userId}`, {
        body: { disabled: true },
      }),
    );
    expectProblem(await asCookie('GET', '/api/v1/session', { cookie }), 401);
  });

  it('changes your password only with the current one, then ends your sessions', async () => {
    const { cookie, csrfToken } = await signIn(api(), 'viewer@example.com');
    const change = (body: unknown) =>
      asCookie('POST', '/api/v1/me/password', { cookie, 'x-csrf-token': csrfToken }, body);
    expectProblem(
      await change({ currentPassword: 'not-my-password', newPassword: 'a-new-long-password' }),
      400,
      'currentPassword',
    );
    expectProblem(await change({ currentPassword: TEST_PASSWORD, newPassword: 'short' }), 400, 'newPassword');
    ok(await asCookie('GET', '/api/v1/session', { cookie }));
    await signIn(api(), 'viewer@example.com');
    expect(
      (await change({ currentPassword: TEST_PASSWORD, newPassword: 'a-new-long-password' })).statusCode,
    ).toBe(204);
    expectProblem(await asCookie('GET', '/api/v1/session', { cookie }), 401);
    const old = await api().call('POST', '/api/v1/session', {
      as: null,
      body: { email: 'viewer@example.com', password: TEST_PASSWORD },
    });
    expectProblem(old, 401);
    await signIn(api(), 'viewer@example.com', 'a-new-long-password');
  });
});
