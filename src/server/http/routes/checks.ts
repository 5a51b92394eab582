import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  Check,
  CheckResult,
  CreateCheckBody,
  UpdateCheckBody,
  UptimeDay,
} from '../../../core/schemas/checks.js';
import { Id, Ok, Timestamp } from '../../../core/schemas/common.js';
import {
  getCheckResults,
  getCheckUptime,
  RESULT_RETENTION_DAYS,
} from '../../commands/checks/check-history.js';
import { type CheckViewer, checkViewerFor } from '../../commands/checks/check-view.js';
import { pingHeartbeat } from '../../commands/checks/heartbeats.js';
import {
  createCheck,
  getCheck,
  getChecks,
  removeCheck,
  updateCheck,
} from '../../commands/checks/manage-checks.js';
import type { AppContext } from '../../commands/context.js';
import { callerOf } from '../auth.js';
import { IdParams, NoContent, type ZodApp, replies } from '../zod-app.js';

const viewer = { access: { role: 'viewer' as const } };
const responder = { access: { role: 'responder' as const } };
const tags = ['checks'];

const ResultsQuery = z.object({
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const UptimeQuery = z.object({ days: z.coerce.number().int().min(1).max(RESULT_RETENTION_DAYS).default(30) });

/** Built-in HTTP, TCP and heartbeat checks; `baseUrl` starts heartbeat ping URLs. */
export function checkRoutes(app: ZodApp, ctx: AppContext, baseUrl: string): void {
  const viewerOf = (request: FastifyRequest): CheckViewer => checkViewerFor(callerOf(request), baseUrl);
  app.get('/api/v1/checks', {
    config: viewer,
    schema: {
      tags,
      summary: 'List checks, of one service or all',
      querystring: z.object({ serviceId: Id.optional() }),
      response: replies({ 200: z.object({ items: z.array(Check) }) }),
    },
    handler: async (request) => ({ items: await getChecks(ctx, viewerOf(request), request.query.serviceId) }),
  });
  app.post('/api/v1/services/:id/checks', {
    config: responder,
    schema: {
      tags,
      summary: 'Add an HTTP, TCP or heartbeat check to a service',
      params: IdParams,
      body: CreateCheckBody,
      response: replies({ 201: Check }),
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await createCheck(ctx, callerOf(request), request.params.id, request.body, viewerOf(request))),
  });
  app.get('/api/v1/checks/:id', {
    config: viewer,
    schema: { tags, summary: 'One check', params: IdParams, response: replies({ 200: Check }) },
    handler: (request) => getCheck(ctx, viewerOf(request), request.params.id),
  });
  app.patch('/api/v1/checks/:id', {
    config: responder,
    schema: {
      tags,
      summary: 'Change, pause or resume a check (pausing resolves its alert)',
      params: IdParams,
      body: UpdateCheckBody,
      response: replies({ 200: Check }),
    },
    handler: (request) =>
      updateCheck(ctx, callerOf(request), request.params.id, request.body, viewerOf(request)),
  });
  app.delete('/api/v1/checks/:id', {
    config: responder,
    schema: {
      tags,
      summary: 'Delete a check and its results (resolves its alert)',
      params: IdParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await removeCheck(ctx, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
  historyRoutes(app, ctx);
  heartbeatRoutes(app, ctx);
}

function historyRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/checks/:id/results', {
    config: viewer,
    schema: {
      tags,
      summary: 'Runs of a check, newest first',
      params: IdParams,
      querystring: ResultsQuery,
      response: replies({ 200: z.object({ items: z.array(CheckResult) }) }),
    },
    handler: async (request) => {
      const { from, to, limit } = request.query;
      const items = await getCheckResults(ctx, request.params.id, {
        ...(from ? { from: Date.parse(from) } : {}),
        ...(to ? { to: Date.parse(to) } : {}),
        limit,
      });
      return { items };
    },
  });
  app.get('/api/v1/checks/:id/uptime', {
    config: viewer,
    schema: {
      tags,
      summary: 'Uptime per UTC day, oldest first (null on days without runs)',
      params: IdParams,
      querystring: UptimeQuery,
      response: replies({ 200: z.object({ days: z.array(UptimeDay) }) }),
    },
    handler: async (request) => ({
      days: await getCheckUptime(ctx, request.params.id, request.query.days),
    }),
  });
}

/**
 * `GET` or `POST /integrations/heartbeat/<token>`: public, the token is the secret. Any
 * body of any type is accepted and ignored, so `curl -d @log.txt` works as well as `curl`.
 */
function heartbeatRoutes(app: ZodApp, ctx: AppContext): void {
  void app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, parsed) =>
      parsed(null, undefined),
    );
    scope.route({
      method: ['GET', 'POST'],
      url: '/integrations/heartbeat/:token',
      config: { access: { isPublic: true } },
      schema: {
        hide: true,
        params: z.object({ token: z.string().max(100) }),
        response: { 200: Ok, 404: z.object({ ok: z.literal(false) }) },
      },
      handler: async (request, reply) => {
        const { token } = request.params as { token: string };
        const isKnown = await pingHeartbeat(ctx, token);
        return isKnown ? { ok: true as const } : reply.code(404).send({ ok: false as const });
      },
    });
    done();
  });
}
