import { ChangePasswordBody, Session, SignInBody } from '../../../core/schemas/access.js';
import type { AppContext } from '../../commands/context.js';
import { signIn, signOut } from '../../commands/sessions.js';
import { changeOwnPassword, getOwnUser, viewUser } from '../../commands/users.js';
import type { Config } from '../../config.js';
import { SESSION_COOKIE, callerOf } from '../auth.js';
import { NoContent, type ZodApp, replies } from '../zod-app.js';

const tags = ['session'];

/** Sign in and out with email and password (browser sessions), and the caller's own account. */
export function sessionRoutes(app: ZodApp, ctx: AppContext, config: Config): void {
  const secure = config.baseUrl.startsWith('https://');

  app.post('/api/v1/session', {
    config: { access: { isPublic: true } },
    schema: {
      tags,
      summary: 'Sign in; sets the session cookie',
      body: SignInBody,
      response: replies({ 200: Session }),
    },
    handler: async (request, reply) => {
      const { sessionToken, csrfToken, user } = await signIn(
        ctx,
        request.body.email,
        request.body.password,
        config.sessionHours,
      );
      reply.setCookie(SESSION_COOKIE, sessionToken, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: '/',
        maxAge: config.sessionHours * 3600,
      });
      return { user: viewUser(user), csrfToken };
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
      body: ChangePasswordBody,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await changeOwnPassword(ctx, callerOf(request), request.body.currentPassword, request.body.newPassword);
      return reply.code(204).send(null);
    },
  });
}
