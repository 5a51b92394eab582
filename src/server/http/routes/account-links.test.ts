import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { INVITE_TTL_MS, RESET_TTL_MS } from '../../../core/auth/account-links.js';
import type { AccountLinkInfo } from '../../../core/schemas/account-links.js';
import type { AuditEntry, User } from '../../../core/schemas/access.js';
import { TEST_PASSWORD, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  type Paging,
  type SmtpSink,
  pagingEngine,
  startSmtpSink,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';
import { expectProblem, ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { listenOnLoopback, loopbackRequest } from '../../../../test/support/server/http/loopback-client.js';

const NEW_PASSWORD = 'lantern-orchid-gravel-9';

describeEachDialect('invitations and password resets by email', (dialect) => {
  const api = useApiHarness(dialect);
  let smtp: SmtpSink;
  let mail: Paging;
  let baseUrl = '';
  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await smtp.close();
  });
  beforeEach(async () => {
    smtp.messages.length = 0;
    baseUrl = await listenOnLoopback(api().app);
    mail = pagingEngine(api().db.ctx, smtp.url, { baseUrl });
  });
  afterEach(async () => {
    await mail.close();
  });

  const post = (path: string, body: unknown, from = '127.0.0.1') =>
    loopbackRequest(baseUrl, 'POST', path, { body, from });
  const signIn = (email: string, password: string) => post('/api/v1/session', { email, password });
  const users = async () => ok<{ items: User[] }>(await api().call('GET', '/api/v1/users')).items;
  const auditActions = async () =>
    ok<{ items: AuditEntry[] }>(await api().call('GET', '/api/v1/audit?limit=100')).items.map(
      (e) => e.action,
    );

  /** Send what the outbox holds, then the link of the newest mail to `to`, as a user would click it. */
  async function linkMailedTo(to: string): Promise<{ token: string; subject: string }> {
    await mail.deliver();
    const mails = smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes(to));
    const last = mails.at(-1);
    expect(last, `no mail to ${to}`).toBeDefined();
    const url = /(\S+\/set-password#token=\S+)/.exec(last?.text ?? '')?.[1] ?? '';
    expect(url.startsWith(`${baseUrl}/set-password#token=`), last?.text).toBe(true);
    expect(last?.html || '').toContain(url);
    return { token: new URL(url).hash.slice('#token='.length), subject: last?.subject ?? '' };
  }

  it('invites by email: pending until the link sets a name and password, then the link is spent', async () => {
    const invited = ok<User>(
      await api().call('POST', '/api/v1/users/invite', {
        body: { email: 'Nia@Example.com', role: 'responder' },
      }),
      201,
    );
    expect(invited).toMatchObject({ email: 'nia@example.com', role: 'responder', disabled: false });
    expect(invited.invitation?.expiresAt).toBe(new Date(api().clock.now() + INVITE_TTL_MS).toISOString());
    expect((await users()).find((u) => u.id === invited.id)?.invitation).not.toBeNull();
    expect((await signIn('nia@example.com', 'any-password-at-all')).status).toBe(401);

    const { token, subject } = await linkMailedTo('nia@example.com');
    expect(subject).toBe('[Beacon] You are invited to Beacon');
    const raw = await api().db.ctx.store.db.selectFrom('account_links').selectAll().execute();
    expect(JSON.stringify(raw)).not.toContain(token);
    const outbox = await api().db.ctx.store.db.selectFrom('outbox').selectAll().execute();
    expect(JSON.stringify(outbox)).not.toContain(token);

    const check = await post('/api/v1/account-links/check', { token });
    expect(check.status, check.body).toBe(200);
    expect(check.json<AccountLinkInfo>()).toMatchObject({ purpose: 'invite', email: 'nia@example.com' });
    const weak = await post('/api/v1/account-links/redeem', { token, password: 'password1234', name: 'Nia' });
    expect(weak.status, weak.body).toBe(400);
    expect(weak.body).toContain('"field":"password"');

    const accepted = await post('/api/v1/account-links/redeem', {
      token,
      password: NEW_PASSWORD,
      name: 'Nia Long',
    });
    expect(accepted.status, accepted.body).toBe(204);
    expect((await signIn('nia@example.com', NEW_PASSWORD)).status).toBe(200);
    expect((await users()).find((u) => u.id === invited.id)).toMatchObject({
      name: 'Nia Long',
      invitation: null,
    });
    const again = await post('/api/v1/account-links/redeem', {
      token,
      password: 'another-long-passphrase-7',
    });
    expect(again.status).toBe(400);
    expect(again.body).toContain('"field":"token"');
    expect(await auditActions()).toEqual(expect.arrayContaining(['user.invite', 'user.invite_accept']));
  });

  it('invitation links expire; resending replaces the link, revoking ends it', async () => {
    const invited = ok<User>(
      await api().call('POST', '/api/v1/users/invite', {
        body: { email: 'omar@example.com', role: 'viewer' },
      }),
      201,
    );
    const first = (await linkMailedTo('omar@example.com')).token;
    api().clock.advance(INVITE_TTL_MS);
    expect((await post('/api/v1/account-links/check', { token: first })).status).toBe(400);
    expectProblem(
      await api().call('POST', '/api/v1/users/invite', {
        body: { email: 'omar@example.com', role: 'viewer' },
      }),
      409,
      'email',
    );

    ok<User>(await api().call('POST', `/api/v1/users/${invited.id}/invitation`));
    const second = (await linkMailedTo('omar@example.com')).token;
    expect(second).not.toBe(first);
    expect((await post('/api/v1/account-links/check', { token: second })).status).toBe(200);

    const revoked = ok<User>(await api().call('DELETE', `/api/v1/users/${invited.id}/invitation`));
    expect(revoked.disabled).toBe(true);
    const refused = await post('/api/v1/account-links/redeem', { token: second, password: NEW_PASSWORD });
    expect(refused.status).toBe(400);
    expect((await signIn('omar@example.com', NEW_PASSWORD)).status).toBe(401);
    expectProblem(await api().call('POST', `/api/v1/users/${api().users.viewer.userId}/invitation`), 409);
    expectProblem(
      await api().call('POST', '/api/v1/users/invite', {
        as: 'responder',
        body: { email: 'x@example.com', role: 'viewer' },
      }),
      403,
    );
  });

  it('forgot password: the same answer for every email, a one-time link that ends the old password', async () => {
    const known = await post('/api/v1/password-reset', { email: 'Responder@example.com' });
    const unknown = await post('/api/v1/password-reset', { email: 'nobody@example.com' });
    expect(known.status, known.body).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toBe(known.body);
    const { token, subject } = await linkMailedTo('responder@example.com');
    expect(subject).toBe('[Beacon] Reset your password');
    expect(smtp.messages).toHaveLength(1);

    const old = await signIn('responder@example.com', TEST_PASSWORD);
    expect(old.status).toBe(200);
    expect((await post('/api/v1/account-links/redeem', { token, password: NEW_PASSWORD })).status).toBe(204);
    expect((await signIn('responder@example.com', TEST_PASSWORD)).status).toBe(401);
    expect((await signIn('responder@example.com', NEW_PASSWORD)).status).toBe(200);
    expect(
      (await post('/api/v1/account-links/redeem', { token, password: 'another-long-passphrase-7' })).status,
    ).toBe(400);
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['user.password_reset_request', 'user.password_reset']),
    );
  });

  it('reset links last an hour; an account gets 3 mails an hour; an address asking too often waits', async () => {
    expect((await post('/api/v1/password-reset', { email: 'viewer@example.com' })).status).toBe(202);
    const { token } = await linkMailedTo('viewer@example.com');
    api().clock.advance(RESET_TTL_MS);
    expect((await post('/api/v1/account-links/redeem', { token, password: NEW_PASSWORD })).status).toBe(400);
    api().clock.advance(60_000);

    for (let i = 0; i < 5; i += 1) {
      expect(
        (await post('/api/v1/password-reset', { email: 'viewer@example.com' }, '127.0.0.2')).status,
      ).toBe(202);
    }
    await mail.deliver();
    expect(smtp.messages).toHaveLength(1 + 3);

    for (let i = 0; i < 5; i += 1) {
      expect((await post('/api/v1/password-reset', { email: `n${i}@example.com` }, '127.0.0.2')).status).toBe(
        202,
      );
    }
    const throttled = await post('/api/v1/password-reset', { email: 'viewer@example.com' }, '127.0.0.2');
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('3600');
    expect((await post('/api/v1/password-reset', { email: 'viewer@example.com' }, '127.0.0.3')).status).toBe(
      202,
    );
  });

  it('admins rename people and send them a reset link', async () => {
    const id = api().users.viewer.userId;
    expect(
      ok<User>(await api().call('PATCH', `/api/v1/users/${id}`, { body: { name: 'Vera Viewer' } })).name,
    ).toBe('Vera Viewer');
    expect((await api().call('POST', `/api/v1/users/${id}/password-reset`)).statusCode).toBe(204);
    const { token } = await linkMailedTo('viewer@example.com');
    expect((await post('/api/v1/account-links/redeem', { token, password: NEW_PASSWORD })).status).toBe(204);
    expect((await signIn('viewer@example.com', NEW_PASSWORD)).status).toBe(200);
    expectProblem(await api().call('POST', `/api/v1/users/${id}/password-reset`, { as: 'responder' }), 403);
    expectProblem(await api().call('POST', '/api/v1/users/999/password-reset'), 404);
  });
});
