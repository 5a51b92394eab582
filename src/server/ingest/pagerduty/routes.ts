import { randomUUID } from 'node:crypto';
import { recordChangeEvent } from '../../commands/alerts/change-events.js';
import type { AppContext } from '../../commands/context.js';
import type { IngestQueue } from '../ingest-queue.js';
import { originOf } from '../common.js';
import { pagerDutyAlertEvent, pagerDutyChangeEvent } from './parse.js';
import type { ZodApp } from '../../http/zod-app.js';
import { type InboundFailure, type InboundFormat, useFormatErrors } from '../format-errors.js';
import { hidden } from '../inbound-scope.js';
import { integrationOfType } from '../integration-key.js';
import { acceptJsonBodies } from '../json-bodies.js';

const PREFIXES = ['', '/integrations/pagerduty'];

function invalidEvent(errors: string[]) {
  return { status: 'invalid event', message: 'Event object is invalid', errors };
}

/** PagerDuty's reply to each kind of failure; 429 (which its clients retry) when Beacon is busy. */
function pagerDutyFailure(failure: InboundFailure): { status: number; body: unknown } {
  switch (failure.kind) {
    case 'invalid_json':
      return {
        status: 400,
        body: {
          status: 'Unrecognized object',
          message: 'Event object format is unrecognized',
          errors: ['JSON parse error'],
        },
      };
    case 'unauthenticated':
      return { status: 400, body: invalidEvent(['Invalid routing key']) };
    case 'overloaded':
      return {
        status: 429,
        body: {
          status: 'throttle event',
          message: 'Requests for this service are arriving too quickly. Please retry later.',
          errors: ['Too many events'],
        },
      };
    case 'too_large':
      return { status: 413, body: invalidEvent([failure.message]) };
    case 'bad_request':
      return { status: failure.status, body: invalidEvent([failure.message]) };
    case 'internal':
      return { status: 500, body: { status: 'error', message: failure.message, errors: [] } };
  }
}

/** PagerDuty Events API v2's URLs and errors. */
export const pagerDutyFormat: InboundFormat = {
  paths: /^\/(?:integrations\/pagerduty\/|v2\/(?:change\/)?enqueue)/,
  render: pagerDutyFailure,
};

/** PagerDuty Events API v2: alert events and change events; the routing key is in the body. */
export function pagerDutyRoutes(scope: ZodApp, ctx: AppContext, ingest: IngestQueue): void {
  acceptJsonBodies(scope);
  useFormatErrors(scope, pagerDutyFormat);
  for (const prefix of PREFIXES) {
    scope.post(`${prefix}/v2/enqueue`, hidden, async (request, reply) => {
      const parsed = pagerDutyAlertEvent(request.body, () => randomUUID().replaceAll('-', ''));
      if (!parsed.ok) return reply.code(400).send(invalidEvent(parsed.errors));
      const integration = await integrationOfType(ctx, parsed.value.routingKey, 'pagerduty');
      // Acknowledge and resolve of an unknown or resolved key are dropped, still 202 (as PagerDuty).
      await ingest.submit({ origin: originOf(integration), events: [parsed.value.event] });
      return reply
        .code(202)
        .send({ status: 'success', message: 'Event processed', dedup_key: parsed.value.event.dedupKey });
    });
    scope.post(`${prefix}/v2/change/enqueue`, hidden, async (request, reply) => {
      const parsed = pagerDutyChangeEvent(request.body);
      if (!parsed.ok) return reply.code(400).send(invalidEvent(parsed.errors));
      const integration = await integrationOfType(ctx, parsed.value.routingKey, 'pagerduty');
      await recordChangeEvent(ctx, {
        ...parsed.value.change,
        serviceId: integration.serviceId,
        integrationId: integration.id,
        integrationName: integration.name,
      });
      return reply.code(202).send({ status: 'success', message: 'Change event processed' });
    });
  }
}
