import { beforeEach, expect, it } from 'vitest';
import type { Session } from '../../../core/schemas/access.js';
import type {
  RecoveryCodes,
  SignInChallenge,
  TotpEnrolment,
  TwoFactorSession,
  TwoFactorStatus,
} from '../../../core/schemas/two-factor.js';
import { TEST_PASSWORD, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  type LoopbackReply,
  cookieFrom,
  listenOnLoopback,
  loopbackRequest,
} from '../../../../test/support/server/http/loopback-client.js';
import { totpCodeAt } from '../../commands/totp.js';

const EMAIL = 'responder@example.com';

describeEachDialect('two-factor authentication', (dialect) => {
  const api = useApiHarness(dialect);
  let baseUrl = '';
  beforeEach(async () => {
    baseUrl = await listenOnLoopback(api().app);
  });
  const call = (
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ) => loopbackRequest(baseUrl, method, path, options);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- callers name the body they expect
  const expectStatus = <T>(reply: LoopbackReply, status: number): T => {
    expect(reply.status, reply.body).toBe(status);
    return reply.json<T>();
  };
  const expectProblemField = (reply: LoopbackReply, status: number, field: string) => {
    expect(reply.status, reply.body).toBe(status);
    expect(reply.headers['content-type'], reply.body).toMatch(/^application\/problem\+json/);
    expect(reply.json<{ errors?: { field: string }[] }>().errors?.map((e) => e.field)).toContain(field);
  };
  const passwordStep = (password = TEST_PASSWORD) =>
    call('POST', '/api/v1/session', { body: { email: EMAIL, password } });
  const codeStep = (token: string, code: string) =>
    call('POST', '/api/v1/session/two-factor', { body: { token, code } });
  /** A signed-in browser: cookie and CSRF headers for writes. */
  const browserOf = (reply: LoopbackReply) => {
    const cookie = cookieFrom(reply, 'beacon_session');
    if (!cookie) throw new Error(`no session cookie: ${reply.body}`);
    return { cookie, 'x-csrf-token': reply.json<Session>().csrfToken ?? '' };
  };
  /** Sign in with the password only, then turn two-factor on; returns the secret and recovery codes. */
  const enrol = async () => {
    const headers = browserOf(await passwordStep());
    const { secret, uri } = expectStatus<TotpEnrolment>(
      await call('POST', '/api/v1/me/two-factor/setup', { headers }),
      200,
    );
    expect(uri).toMatch(/^otpauth:\/\/totp\/Beacon:responder%40example\.com\?.*secret=/);
    const { recoveryCodes } = expectStatus<RecoveryCodes>(
      await call('POST', '/api/v1/me/two-factor/confirm', {
        headers,
        body: { code: totpCodeAt(secret, api().clock.now()) },
      }),
      200,
    );
    return { secret, recoveryCodes, headers };
  };

  it('enrols with a code, then asks for a code after the password; the session exists only after it', async () => {
    const { secret, recoveryCodes, headers } = await enrol();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(
      expectStatus<TwoFactorStatus>(await call('GET', '/api/v1/me/two-factor', { headers }), 200),
    ).toEqual({
      enabled: true,
      required: false,
      recoveryCodesLeft: 10,
    });
    api().clock.advance(60_000);
    const first = await passwordStep();
    const { challenge } = expectStatus<SignInChallenge>(first, 202);
    expect(challenge.step).toBe('code');
    expect(cookieFrom(first, 'beacon_session')).toBeUndefined();
    expectProblemField(await codeStep(challenge.token, '000000'), 400, 'code');
    const done = await codeStep(challenge.token, totpCodeAt(secret, api().clock.now()));
    expect(expectStatus<TwoFactorSession>(done, 200).user.email).toBe(EMAIL);
    expect(await call('GET', '/api/v1/session', { headers: browserOf(done) })).toMatchObject({ status: 200 });
    // The challenge is used up.
    expect((await codeStep(challenge.token, totpCodeAt(secret, api().clock.now()))).status).toBe(401);
  });

  it('refuses a code used once already within its window (replay)', async () => {
    const { secret } = await enrol();
    api().clock.advance(30_000);
    const code = totpCodeAt(secret, api().clock.now());
    const one = expectStatus<SignInChallenge>(await passwordStep(), 202).challenge.token;
    expectStatus(await codeStep(one, code), 200);
    const two = expectStatus<SignInChallenge>(await passwordStep(), 202).challenge.token;
    expectProblemField(await codeStep(two, code), 400, 'code');
    api().clock.advance(30_000);
    expectStatus(await codeStep(two, totpCodeAt(secret, api().clock.now())), 200);
  });

  it('accepts each recovery code once', async () => {
    const { recoveryCodes, headers } = await enrol();
    const code = recoveryCodes[0] ?? '';
    const one = expectStatus<SignInChallenge>(await passwordStep(), 202).challenge.token;
    expectStatus(await codeStep(one, code.toUpperCase()), 200);
    const two = expectStatus<SignInChallenge>(await passwordStep(), 202).challenge.token;
    expectProblemField(await codeStep(two, code), 400, 'code');
    expect(
      expectStatus<TwoFactorStatus>(await call('GET', '/api/v1/me/two-factor', { headers }), 200)
        .recoveryCodesLeft,
    ).toBe(9);
  });

  it('ends a challenge after five wrong codes, and expires it after five minutes', async () => {
    const { secret } = await enrol();
    const token = expectStatus<SignInChallenge>(await passwordStep(), 202).challenge.token;
    for (let i = 0; i < 5; i += 1) expectProblemField(await codeStep(token, '000000'), 400, 'code');
    expect((await codeStep(token, totpCodeAt(secret, api().clock.now()))).status).toBe(401);
    api().clock.advance(60_000); // past the throttle's wait after those failures
    const late = expectStatus<SignInChallenge>(await passwordStep(), 202).challenge.token;
    api().clock.advance(5 * 60_000);
    expect((await codeStep(late, totpCodeAt(secret, api().clock.now()))).status).toBe(401);
  });

  it('turns off only with the password or a current code', async () => {
    const { secret, headers } = await enrol();
    expectProblemField(
      await call('DELETE', '/api/v1/me/two-factor', { headers, body: { password: 'wrong-password' } }),
      400,
      'password',
    );
    expectProblemField(await call('DELETE', '/api/v1/me/two-factor', { headers, body: {} }), 400, 'password');
    api().clock.advance(30_000);
    expect(
      (
        await call('DELETE', '/api/v1/me/two-factor', {
          headers,
          body: { code: totpCodeAt(secret, api().clock.now()) },
        })
      ).status,
    ).toBe(204);
    expect(expectStatus<Session>(await passwordStep(), 200).user.email).toBe(EMAIL);
  });

  it('makes everyone enrol at their next sign-in when admins require it', async () => {
    expectStatus(
      await call('PATCH', '/api/v1/settings', {
        headers: { authorization: `Bearer ${api().tokens.admin}` },
        body: { requireTwoFactor: true },
      }),
      200,
    );
    const { challenge } = expectStatus<SignInChallenge>(await passwordStep(), 202);
    expect(challenge.step).toBe('enrol');
    const secret = challenge.enrolment?.secret ?? '';
    expect(challenge.enrolment?.uri).toContain(`secret=${secret}`);
    expectProblemField(await codeStep(challenge.token, '123456'), 400, 'code');
    const done = expectStatus<TwoFactorSession>(
      await codeStep(challenge.token, totpCodeAt(secret, api().clock.now())),
      200,
    );
    expect(done.recoveryCodes).toHaveLength(10);
    api().clock.advance(30_000);
    expect(expectStatus<SignInChallenge>(await passwordStep(), 202).challenge.step).toBe('code');
  });
});
