import { ChangePasswordBody, Session, SignInBody } from '../../../core/schemas/access.js';
import { SignInChallenge, TwoFactorSession, TwoFactorSignInBody } from '../../../core/schemas/two-factor.js';
import type { AppContext } from '../../commands/context.js';
import { type OpenedSession, completeSignIn, signIn, signOut } from '../../commands/sessions.js';
import { changeOwnPassword, getOwnUser, viewUser } from '../../commands/users.js';
import type { Config } from '../../config.js';
import { SESSION_COOKIE, callerOf } from '../auth.js';
import { NoContent, type ZodApp, replies } from '../zod-app.js';
import type { FastifyReply } from 'fastify';

const tags = ['session'];

/** Set the session cookie of a new session. */
export function setSessionCookie(reply: FastifyReply, config: Config, opened: OpenedSession): void {
  reply.setCookie(SESSION_COOKIE, opened.sessionToken, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.baseUrl.startsWith('https://'),
    path: '/',
    maxAge: config.sessionHours * 3600,
  });
}

/** Sign in and out with email and password (browser sessions), and the caller's own account. */
export function sessionRoutes(app: ZodApp, ctx: AppContext, config: Config): void {
  // With single sign-on only, passwords still work for admins: the break-glass way in.
  const isPasswordAllowed = (user: { role: string }) => !config.oidc?.isSsoOnly || user.role === 'admin';

  app.post('/api/v1/session', {
    config: { access: { isPublic: true } },
    schema: {
      tags,
      summary: 'Sign in; sets the session cookie, or asks for a second step (202)',
      description:
        'Throttled per account and source address (429 with Retry-After). When two-factor authentication is on (or required), answers 202 with a challenge to finish at POST /api/v1/session/two-factor.',
      body: SignInBody,
      response: replies({ 200: Session, 202: SignInChallenge }),
    },
    handler: async (request, reply) => {
      const result = await signIn(
        ctx,
        { email: request.body.email, password: request.body.password, address: request.ip },
        config.sessionHours,
        isPasswordAllowed,
      );
      if ('challengeToken' in result) {
        const { challengeToken, step, enrolment } = result;
        return reply
          .code(202)
          .send({ challenge: { token: challengeToken, step, ...(enrolment ? { enrolment } : {}) } });
      }
      setSessionCookie(reply, config, result);
      return { user: viewUser(result.user), csrfToken: result.csrfToken };
    },
  });

  app.post('/api/v1/session/two-factor', {
    config: { access: { isPublic: true } },
    schema: {
      tags,
      summary: 'Finish signing in with an authenticator or recovery code; sets the session cookie',
      description:
        'For a challenge of step `enrol`, the code confirms the new secret and the reply carries the recovery codes, shown only this once.',
      body: TwoFactorSignInBody,
      response: replies({ 200: TwoFactorSession }),
    },
    handler: async (request, reply) => {
      const opened = await completeSignIn(ctx, request.body, config.sessionHours);
      setSessionCookie(reply, config, opened);
      return {
        user: viewUser(opened.user),
        csrfToken: opened.csrfToken,
        ...(opened.recoveryCodes ? { recoveryCodes: opened.recoveryCodes } : {}),
      };
    },
  });

  app.get('/api/v1/session', {
    config: { access: { role: 'viewer' } },
    schema: { tags, summary: 'The signed-in caller', response: replies({ 200: Session }) },
    handler: async (request) => {
      const user = await getOwnUser(ctx, callerOf(request));
      return { user, csrfToken: request.csrfToken ?? null };
    },
  });

  app.delete('/api/v1/session', {
    config: { access: { isPublic: true } },
    schema: { tags, summary: 'Sign out', response: replies({ 204: NoContent }) },
    handler: async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(ctx, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/me/password', {
    config: { access: { role: 'viewer' } },
    schema: {
      tags,
      summary: 'Change your password (ends your sessions)',
      description: 'The new password must be at least 12 characters and not common or easy to guess.',
      body: ChangePasswordBody,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await changeOwnPassword(ctx, callerOf(request), request.body.currentPassword, request.body.newPassword);
      return reply.code(204).send(null);
    },
  });
}
