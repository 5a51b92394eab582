import type { FastifyReply, FastifyRequest } from 'fastify';
import { privatePageHtml } from '../../../core/status/status-html.js';
import { STATUSPAGE_ENDPOINTS } from '../../../core/status/statuspage-json.js';
import type { AppContext } from '../../commands/context.js';
import { callerFromSession, callerFromToken } from '../../commands/sessions.js';
import { SESSION_COOKIE } from '../auth.js';
import { sendProblem } from '../problem.js';
import type { ZodApp } from '../zod-app.js';
import type { RenderedFile, RenderedStatus } from './rendered-status.js';
import type { StatusSnapshotCache } from './snapshot-cache.js';
import { PUBLIC_CACHE, STATUS_BASE, type StatusKind, isNotModified } from './status-reply.js';

// A private page may be cached by the reader's browser only, and checked every time.
const PRIVATE_CACHE = 'private, no-cache';
const BASE = STATUS_BASE;

const hidden = { schema: { hide: true } };

type Kind = StatusKind;

function cors(reply: FastifyReply): FastifyReply {
  return reply
    .header('access-control-allow-origin', '*')
    .header('access-control-expose-headers', 'ETag')
    .header('cross-origin-resource-policy', 'cross-origin');
}

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  page: RenderedStatus,
  file: RenderedFile,
  kind: Kind,
  code = 200,
) {
  reply
    .header('etag', file.etag)
    .header('cache-control', page.isPrivate ? PRIVATE_CACHE : PUBLIC_CACHE)
    .header('vary', 'Cookie, Authorization');
  if (kind === 'html') reply.header('content-security-policy', page.csp);
  else cors(reply);
  const ifNoneMatch = request.headers['if-none-match'];
  if (code === 200 && ifNoneMatch && isNotModified(ifNoneMatch, file.etag)) return reply.code(304).send();
  return reply.code(code).type(file.contentType).send(file.body);
}

/** Whether the request is signed in: a session cookie, or an API token for scripts. */
async function isSignedIn(ctx: AppContext, request: FastifyRequest): Promise<boolean> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (match?.[1]) return (await callerFromToken(ctx, match[1])) !== undefined;
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? (await callerFromSession(ctx, cookie)) !== undefined : false;
}

function refusePrivate(request: FastifyRequest, reply: FastifyReply, kind: Kind): FastifyReply {
  reply.header('cache-control', 'no-store').header('vary', 'Cookie, Authorization');
  if (kind !== 'html')
    return sendProblem(cors(reply), 401, 'this status page is private: sign in to read it');
  const next = encodeURIComponent(request.url.split('?')[0] ?? BASE);
  return reply
    .code(401)
    .type('text/html; charset=utf-8')
    .send(privatePageHtml(`/login?next=${next}`));
}

/**
 * The public status page beside /api/v1: the HTML pages, Statuspage's v2 JSON (with CORS) and
 * the feeds, all from the snapshot cache. A private page answers signed-in callers only.
 */
export function statusPublicRoutes(app: ZodApp, ctx: AppContext, cache: StatusSnapshotCache): void {
  const serve =
    (kind: Kind, pick: (page: RenderedStatus, request: FastifyRequest) => RenderedFile | undefined) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const page = cache.peek() ?? (await cache.current());
      if (page.isPrivate && !(await isSignedIn(ctx, request))) return refusePrivate(request, reply, kind);
      const file = pick(page, request);
      if (file) return send(request, reply, page, file, kind);
      if (kind === 'html') return send(request, reply, page, page.notFound, kind, 404);
      return sendProblem(cors(reply), 404, `no status endpoint ${request.url.split('?')[0] ?? ''}`);
    };

  app.get(
    BASE,
    hidden,
    serve('html', (page) => page.home),
  );
  app.get(
    `${BASE}/history`,
    hidden,
    serve('html', (page) => page.history),
  );
  app.get<{ Params: { id: string } }>(
    `${BASE}/incidents/:id`,
    hidden,
    serve('html', (page, request) => page.incidentPage((request.params as { id: string }).id)),
  );
  app.get<{ Params: { id: string } }>(
    `${BASE}/maintenances/:id`,
    hidden,
    serve('html', (page, request) => page.maintenancePage((request.params as { id: string }).id)),
  );
  app.get(
    `${BASE}/history.atom`,
    hidden,
    serve('feed', (page) => page.atom),
  );
  app.get(
    `${BASE}/history.rss`,
    hidden,
    serve('feed', (page) => page.rss),
  );
  for (const endpoint of STATUSPAGE_ENDPOINTS) {
    app.get(
      `${BASE}/api/v2/${endpoint}`,
      hidden,
      serve('json', (page) => page.json.get(endpoint)),
    );
  }
  // Preflight for any JSON endpoint: simple GETs, cached by the browser for a day.
  app.options(`${BASE}/api/v2/*`, hidden, (_request, reply) =>
    cors(reply)
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-allow-headers', 'If-None-Match, Content-Type')
      .header('access-control-max-age', '86400')
      .code(204)
      .send(),
  );
  // Anything else under /status is this page's 404, never the web UI's index.html.
  app.get(
    `${BASE}/api/v2/*`,
    hidden,
    serve('json', () => undefined),
  );
  app.get(
    `${BASE}/*`,
    hidden,
    serve('html', () => undefined),
  );
}
