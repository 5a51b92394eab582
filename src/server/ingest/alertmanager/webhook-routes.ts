import type { AppContext } from '../../commands/context.js';
import type { IngestQueue } from '../ingest-queue.js';
import { webhookToEvents } from './parse-webhook.js';
import { originOf } from '../common.js';
import type { ZodApp } from '../../http/zod-app.js';
import { type InboundFormat, useFormatErrors } from '../format-errors.js';
import { hidden } from '../inbound-scope.js';
import { integrationKeyFrom, integrationOfType } from '../integration-key.js';
import { acceptJsonBodies } from '../json-bodies.js';

/** The webhook receiver's URLs and its errors: `{"status":"error","message":…}`. */
export const alertmanagerWebhookFormat: InboundFormat = {
  paths: /^\/integrations\/alertmanager-webhook(?:\/|$)/,
  keyInPath: /^\/integrations\/alertmanager-webhook\/([^/]*)/,
  render: (failure) => ({ status: failure.status, body: { status: 'error', message: failure.message } }),
};

/**
 * Alertmanager's webhook receiver (and Grafana's webhook contact point):
 * `POST /integrations/alertmanager-webhook/<key>`, or without the key and with it as bearer
 * or basic-auth password. Replies `{"status":"success"}`; errors `{"status":"error","message":…}`.
 */
export function alertmanagerWebhookRoutes(scope: ZodApp, ctx: AppContext, ingest: IngestQueue): void {
  acceptJsonBodies(scope);
  useFormatErrors(scope, alertmanagerWebhookFormat);
  for (const path of ['/integrations/alertmanager-webhook/:key', '/integrations/alertmanager-webhook']) {
    scope.post(path, hidden, async (request, reply) => {
      const params = request.params as { key?: string };
      const integration = await integrationOfType(
        ctx,
        params.key ?? integrationKeyFrom(request),
        'alertmanager',
        { isForIngest: true },
      );
      const parsed = webhookToEvents(request.body);
      if (!parsed.ok) return reply.code(400).send({ status: 'error', message: parsed.errors.join('; ') });
      if (parsed.value.length > 0)
        await ingest.submit({ origin: originOf(integration), events: parsed.value });
      return reply.code(200).send({ status: 'success' });
    });
  }
}
