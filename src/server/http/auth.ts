import '@fastify/cookie';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from '../../core/errors.js';
import { type Role, hasRole } from '../../core/roles.js';
import type { AppContext, Caller } from '../commands/context.js';
import { callerFromSession, callerFromToken } from '../commands/sessions.js';
import { safeEqual } from '../commands/secrets.js';

/** Name of the browser session cookie. */
export const SESSION_COOKIE = 'beacon_session';

/** Who may call a route: a minimum role, or anyone. */
export interface RouteAccess {
  role?: Role;
  isPublic?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
    csrfToken?: string | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolve the caller from a bearer token or the session cookie (with its CSRF check). */
async function authenticate(ctx: AppContext, request: FastifyRequest): Promise<Caller> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const found = match?.[1] ? await callerFromToken(ctx, match[1]) : undefined;
    if (!found) throw new UnauthenticatedError('the API token is missing, unknown, expired or revoked');
    request.csrfToken = null;
    return found.caller;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  const session = cookie ? await callerFromSession(ctx, cookie) : undefined;
  if (!session) throw new UnauthenticatedError('sign in or send an API token');
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
      throw new ForbiddenError('missing or wrong x-csrf-token header');
    }
  }
  request.csrfToken = session.csrfToken;
  return session.caller;
}

/**
 * Route hook: every API route must declare its access; this adds the check to each, so
 * no route can be added without one.
 */
export function enforceAccess(ctx: AppContext) {
  return (route: RouteOptions): void => {
    const access = route.config?.access;
    const isApi = route.url.startsWith('/api/v1') && !route.url.startsWith('/api/v1/openapi');
    if (!access) {
      if (isApi) throw new Error(`route ${route.method.toString()} ${route.url} declares no access`);
      return;
    }
    if (access.isPublic) return;
    const needed = access.role ?? 'admin';
    const check = async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
      request.caller = await authenticate(ctx, request);
      if (!hasRole(request.caller.role, needed)) {
        throw new ForbiddenError(`this needs the ${needed} role; you are ${request.caller.role}`);
      }
    };
    // onRequest: before the body is read and validated, so callers without access learn
    // nothing about the schema and get 401/403, never 400.
    const existing = route.onRequest;
    route.onRequest = existing ? [check, ...(Array.isArray(existing) ? existing : [existing])] : [check];
  };
}

/** The authenticated caller of a guarded route. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new UnauthenticatedError();
  return request.caller;
}
