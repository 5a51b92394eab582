import { z } from 'zod';
import { SignInOptions } from '../../../core/schemas/two-factor.js';
import type { AppContext } from '../../commands/context.js';
import { beginOidcLogin, signInWithOidc, takeOidcLoginChecks } from '../../commands/oidc-sign-in.js';
import type { Config } from '../../config.js';
import { OidcRelyingParty } from '../oidc-client.js';
import { type ZodApp, replies } from '../zod-app.js';
import { setSessionCookie } from './session.js';

/** Cookie binding a login at the provider to the browser that started it (against login CSRF). */
const STATE_COOKIE = 'beacon_oidc_state';
const CALLBACK_PATH = '/auth/oidc/callback';

/** Only same-site paths after sign-in (never an absolute URL). */
function safeNext(next: unknown): string {
  return typeof next === 'string' &&
    next.startsWith('/') &&
    !next.startsWith('//') &&
    !next.startsWith('/login')
    ? next
    : '/';
}

/** How people can sign in (for the login page), and single sign-on through OIDC when configured. */
export function oidcRoutes(app: ZodApp, ctx: AppContext, config: Config): void {
  const settings = config.oidc;
  app.get('/api/v1/session/options', {
    config: { access: { isPublic: true } },
    schema: {
      tags: ['session'],
      summary: 'How people can sign in',
      response: replies({ 200: SignInOptions }),
    },
    handler: () => ({
      sso: settings ? { name: settings.name, loginUrl: '/auth/oidc/login' } : null,
      passwordSignIn: settings?.isSsoOnly ? ('admins' as const) : ('everyone' as const),
    }),
  });
  if (!settings) return;
  const party = new OidcRelyingParty(settings, `${config.baseUrl}${CALLBACK_PATH}`);
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.baseUrl.startsWith('https://'),
    path: '/auth/oidc',
  };
  const refuse = (reason: string) => `/login?error=${encodeURIComponent(reason)}`;

  app.get('/auth/oidc/login', {
    config: { access: { isPublic: true } },
    schema: { hide: true, querystring: z.object({ next: z.string().max(2000).optional() }) },
    handler: async (request, reply) => {
      const { checks, url } = await party.start();
      await beginOidcLogin(ctx, checks, safeNext(request.query.next));
      reply.setCookie(STATE_COOKIE, checks.state, { ...cookieOptions, maxAge: 600 });
      return reply.redirect(url);
    },
  });

  app.get(CALLBACK_PATH, {
    config: { access: { isPublic: true } },
    schema: { hide: true, querystring: z.looseObject({ state: z.string().max(500).optional() }) },
    handler: async (request, reply) => {
      const state = request.query.state;
      const cookie = request.cookies[STATE_COOKIE];
      reply.clearCookie(STATE_COOKIE, { path: cookieOptions.path });
      // The state must be the one this browser was given, and unused.
      const checks = state && cookie === state ? await takeOidcLoginChecks(ctx, state) : undefined;
      if (!checks)
        return reply.redirect(
          refuse('The single sign-on attempt expired or was not started here; try again.'),
        );
      try {
        const claims = await party.finish(new URL(request.url, config.baseUrl), checks);
        const opened = await signInWithOidc(ctx, claims, settings, config.sessionHours);
        setSessionCookie(reply, config, opened);
        return await reply.redirect(checks.nextPath);
      } catch (error) {
        request.log.warn({ err: error }, 'single sign-on refused');
        const message = error instanceof Error ? error.message : 'single sign-on failed';
        return await reply.redirect(refuse(`Single sign-on failed: ${message}`));
      }
    },
  });
}
