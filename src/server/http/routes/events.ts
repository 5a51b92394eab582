import type { FastifyRequest } from 'fastify';
import { BeaconEventBody, BeaconEventReply } from '../../../core/schemas/alerting.js';
import { type AlertEvent } from '../../../core/alerts/alert-event.js';
import { labelFingerprint } from '../../../core/alerts/fingerprint.js';
import { ValidationError } from '../../../core/errors.js';
import type { AppContext } from '../../commands/context.js';
import { findIncidentRefById } from '../../commands/incident-guards.js';
import { authenticateIntegrationForIngest } from '../../commands/integrations.js';
import type { IngestQueue } from '../../engine/ingest-queue.js';
import { type ZodApp, replies } from '../zod-app.js';

/** The key from `Authorization: Bearer <key>` (or basic auth with the key as password). */
export function integrationKeyFrom(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer?.[1]) return bearer[1];
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return '';
}

/** Beacon's own event format: `POST /api/v1/events` with an integration key as bearer token. */
export function eventRoutes(app: ZodApp, ctx: AppContext, ingest: IngestQueue): void {
  app.post('/api/v1/events', {
    config: { access: { isPublic: true } },
    schema: {
      tags: ['events'],
      summary: 'Send an alert event (bearer: an integration key)',
      security: [{ bearer: [] }],
      body: BeaconEventBody,
      response: replies({ 202: BeaconEventReply }),
    },
    handler: async (request, reply) => {
      const integration = await authenticateIntegrationForIngest(ctx, integrationKeyFrom(request));
      const body = request.body;
      if (body.action === 'trigger' && !body.summary)
        throw new ValidationError('summary', 'is required to trigger');
      if (body.action !== 'trigger' && !body.dedupKey)
        throw new ValidationError('dedupKey', `is required to ${body.action}`);
      const labels = body.labels ?? {};
      const dedupKey =
        body.dedupKey ??
        (Object.keys(labels).length > 0
          ? labelFingerprint(labels)
          : labelFingerprint({ summary: body.summary ?? '' }));
      const event: AlertEvent = {
        action: body.action,
        dedupKey,
        summary: body.summary ?? dedupKey,
        severity: body.severity,
        source: body.source ?? null,
        labels,
        details: body.details ?? {},
        links: (body.links ?? []).map((l) => ({ href: l.href, text: l.text })),
        startsAt: body.startsAt ? Date.parse(body.startsAt) : null,
        endsAt: body.endsAt ? Date.parse(body.endsAt) : null,
        generatorUrl: null,
        payload: body,
      };
      const [outcome] = await ingest.submit({
        origin: { serviceId: integration.serviceId, integrationId: integration.id, name: integration.name },
        events: [event],
      });
      const incidentRef = outcome?.incidentId
        ? await findIncidentRefById(ctx.store.db, outcome.incidentId)
        : null;
      return reply.code(202).send({
        status: 'accepted' as const,
        dedupKey,
        result: outcome?.result ?? 'dropped',
        alertId: outcome?.alertId ?? null,
        incidentRef,
      });
    },
  });
}
