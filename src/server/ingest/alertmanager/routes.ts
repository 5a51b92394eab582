import type { FastifyRequest } from 'fastify';
import { openServiceAlertPages } from '../../commands/alerts/read-inbound-alerts.js';
import type { AppContext } from '../../commands/context.js';
import type { AuthenticatedIntegration } from '../../commands/integrations.js';
import type { IngestQueue } from '../ingest-queue.js';
import { parseAlertQuery, selectAlerts } from './alert-query.js';
import { postableAlertsToEvents } from './parse.js';
import { originOf } from '../common.js';
import type { ZodApp } from '../../http/zod-app.js';
import { type InboundFormat, useFormatErrors } from '../format-errors.js';
import { hidden } from '../inbound-scope.js';
import { integrationKeyFrom, integrationOfType } from '../integration-key.js';
import { acceptJsonBodies } from '../json-bodies.js';

/** Where Alertmanager's API is served: at the root (key as bearer or basic password) and under a key. */
const PREFIXES = ['', '/integrations/alertmanager/:key'];

/** The alertmanager integration of a request: the key in the path, else the Authorization header. */
function authenticate(
  ctx: AppContext,
  request: FastifyRequest,
  options: { isForIngest?: boolean } = {},
): Promise<AuthenticatedIntegration> {
  const params = request.params as { key?: string };
  return integrationOfType(ctx, params.key ?? integrationKeyFrom(request), 'alertmanager', options);
}

/** Alertmanager API v2's URLs and its errors: `{"code": status, "message": …}`. */
export const alertmanagerFormat: InboundFormat = {
  paths: /^\/(?:api\/v2\/|integrations\/alertmanager\/)/,
  keyInPath: /^\/integrations\/alertmanager\/([^/]*)/,
  render: (failure) => ({ status: failure.status, body: { code: failure.status, message: failure.message } }),
};

/**
 * Alertmanager API v2 as Prometheus, amtool and Grafana use it: POST and GET /api/v2/alerts
 * and GET /api/v2/status. Errors are `{"code": status, "message": …}`.
 */
export function alertmanagerRoutes(scope: ZodApp, ctx: AppContext, ingest: IngestQueue): void {
  acceptJsonBodies(scope);
  useFormatErrors(scope, alertmanagerFormat);
  const startedAt = new Date(ctx.clock.now()).toISOString();
  for (const prefix of PREFIXES) {
    scope.post(`${prefix}/api/v2/alerts`, hidden, async (request, reply) => {
      const integration = await authenticate(ctx, request, { isForIngest: true });
      const { events, errors } = postableAlertsToEvents(request.body, ctx.clock.now());
      // Like Alertmanager: the valid alerts are kept even when others are refused.
      if (events.length > 0) await ingest.submit({ origin: originOf(integration), events });
      if (errors.length > 0) return reply.code(400).send({ code: 400, message: errors.join('; ') });
      return reply.code(200).send();
    });
    scope.get(`${prefix}/api/v2/alerts`, hidden, async (request, reply) => {
      const integration = await authenticate(ctx, request);
      const query = parseAlertQuery(request.query as Record<string, unknown>);
      if (!query.ok) return reply.code(400).send({ code: 400, message: query.errors.join('; ') });
      // Like Alertmanager: every matching alert, however many (filtered a page at a time).
      const matching = [];
      for await (const page of openServiceAlertPages(ctx, integration.serviceId)) {
        matching.push(...selectAlerts(page, query.value));
      }
      return reply.send(matching);
    });
    scope.get(`${prefix}/api/v2/status`, hidden, async (request) => {
      await authenticate(ctx, request);
      return {
        cluster: { name: 'beacon', status: 'ready', peers: [] },
        versionInfo: {
          version: 'beacon',
          revision: '',
          branch: '',
          buildUser: '',
          buildDate: '',
          goVersion: '',
        },
        config: { original: '' },
        uptime: startedAt,
      };
    });
  }
}
