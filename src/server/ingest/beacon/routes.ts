import { BeaconEventBody, BeaconEventReply } from '../../../core/schemas/alerting.js';
import type { AppContext } from '../../commands/context.js';
import { findIncidentRefById } from '../../commands/incident-guards.js';
import { authenticateIntegrationForIngest } from '../../commands/integrations.js';
import { type ZodApp, replies } from '../../http/zod-app.js';
import type { IngestQueue } from '../ingest-queue.js';
import { originOf } from '../common.js';
import { integrationKeyFrom } from '../integration-key.js';
import { cleanBody, refuseDeepJson } from './body-guard.js';
import { beaconEvent } from './parse.js';

/**
 * Beacon's own event format: `POST /api/v1/events` with an integration key as bearer token.
 * Unlike the other sources it is part of the documented API: a zod schema, problem+json errors.
 * As every source, it measures the body's nesting before parsing and cleans its strings.
 */
export function beaconEventRoutes(app: ZodApp, ctx: AppContext, ingest: IngestQueue): void {
  app.post('/api/v1/events', {
    config: { access: { isPublic: true } },
    preParsing: refuseDeepJson,
    preValidation: cleanBody,
    schema: {
      tags: ['events'],
      summary: 'Send an alert event (bearer: an integration key)',
      security: [{ bearer: [] }],
      body: BeaconEventBody,
      response: replies({ 202: BeaconEventReply }),
    },
    handler: async (request, reply) => {
      const integration = await authenticateIntegrationForIngest(ctx, integrationKeyFrom(request));
      const event = beaconEvent(request.body);
      const [outcome] = await ingest.submit({
        origin: originOf(integration),
        events: [event],
      });
      const incidentRef = outcome?.incidentId
        ? await findIncidentRefById(ctx.store.db, outcome.incidentId)
        : null;
      return reply.code(202).send({
        status: 'accepted' as const,
        dedupKey: event.dedupKey,
        result: outcome?.result ?? 'dropped',
        alertId: outcome?.alertId ?? null,
        incidentRef,
      });
    },
  });
}
