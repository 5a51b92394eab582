import type { AppContext } from '../../commands/context.js';
import type { IngestQueue } from '../ingest-queue.js';
import { originOf } from '../common.js';
import { emailToEvent } from './parse.js';
import type { ZodApp } from '../../http/zod-app.js';
import { type InboundFormat, useFormatErrors } from '../format-errors.js';
import { hidden } from '../inbound-scope.js';
import { integrationOfType } from '../integration-key.js';

/** The email route's URLs and its errors: `{"status":"error","message":…}`. */
export const emailFormat: InboundFormat = {
  paths: /^\/integrations\/email(?:\/|$)/,
  keyInPath: /^\/integrations\/email\/([^/]*)/,
  render: (failure) => ({ status: failure.status, body: { status: 'error', message: failure.message } }),
};

/**
 * An alert mail posted over HTTP: `POST /integrations/email/<key>` with the raw RFC 5322
 * message as the body (message/rfc822, text/plain or any other type). The same normaliser
 * serves the SMTP listener. Replies 202 `{"status":"accepted",…}`; errors `{"status":"error",…}`.
 */
export function emailRoutes(scope: ZodApp, ctx: AppContext, ingest: IngestQueue): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  useFormatErrors(scope, emailFormat);
  scope.post('/integrations/email/:key', hidden, async (request, reply) => {
    const { key } = request.params as { key: string };
    const integration = await integrationOfType(ctx, key, 'email', { isForIngest: true });
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const parsed = await emailToEvent(raw, [key]);
    if (!parsed.ok) return reply.code(400).send({ status: 'error', message: parsed.errors.join('; ') });
    const [outcome] = await ingest.submit({ origin: originOf(integration), events: [parsed.value] });
    return reply.code(202).send({
      status: 'accepted',
      dedupKey: parsed.value.dedupKey,
      result: outcome?.result ?? 'dropped',
      alertId: outcome?.alertId ?? null,
    });
  });
}
