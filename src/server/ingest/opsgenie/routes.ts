import { randomUUID } from 'node:crypto';
import { StrictId } from '../../../core/schemas/common.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { openAlertKeyById } from '../../commands/alerts/read-inbound-alerts.js';
import type { EventOutcome } from '../../commands/alerts/process-alert-events.js';
import type { AppContext } from '../../commands/context.js';
import type { AuthenticatedIntegration } from '../../commands/integrations.js';
import type { IngestQueue } from '../ingest-queue.js';
import { originOf } from '../common.js';
import { opsgenieActionEvent, opsgenieCreateEvent } from './parse.js';
import type { ZodApp } from '../../http/zod-app.js';
import { type OpsgenieRequestLog, type OpsgenieRequestStatus } from './request-log.js';
import { type InboundFailure, type InboundFormat, useFormatErrors } from '../format-errors.js';
import { hidden } from '../inbound-scope.js';
import { integrationOfType } from '../integration-key.js';
import { acceptJsonBodies } from '../json-bodies.js';

const PREFIXES = ['', '/integrations/opsgenie'];
const IDENTIFIER_TYPES = ['id', 'alias', 'tiny'];

/** Seconds spent on the request so far, as Opsgenie's `took`. */
function took(reply: FastifyReply): number {
  return Math.round(reply.elapsedTime) / 1000;
}

function authenticate(
  ctx: AppContext,
  request: FastifyRequest,
  options: { isForIngest?: boolean } = {},
): Promise<AuthenticatedIntegration> {
  const match = /^GenieKey\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return integrationOfType(ctx, match?.[1] ?? '', 'opsgenie', options);
}

const FAILURES: Record<InboundFailure['kind'], (f: InboundFailure) => [number, string]> = {
  invalid_json: () => [400, 'Could not parse the request body as JSON.'],
  unauthenticated: () => [401, 'Could not authenticate'],
  overloaded: () => [429, 'You are making too many requests! Please retry later.'],
  too_large: (f) => [413, `Request body is too large: ${f.message}.`],
  bad_request: (f) => [f.status, f.message],
  internal: (f) => [500, f.message],
};

/** Opsgenie's Alert API URLs and its errors: `{"message", "took", "requestId"}`. */
export const opsgenieFormat: InboundFormat = {
  paths: /^\/(?:integrations\/opsgenie\/|v2\/alerts)/,
  render: (failure, _request, reply) => {
    const [status, message] = FAILURES[failure.kind](failure);
    return { status, body: { message, took: took(reply), requestId: randomUUID() } };
  },
};

/** The words Opsgenie's request status uses for what the pipeline did. */
function statusText(outcome: EventOutcome | undefined, action: OpsgenieRequestStatus['action']): string {
  switch (outcome?.result) {
    case undefined:
    case 'dropped':
      return 'Alert does not exist';
    case 'updated':
    case 'unchanged':
      return action === 'Create' ? 'Alert already exists (deduplicated)' : 'Alert is already acknowledged';
    case 'acknowledged':
      return 'Acknowledged alert';
    case 'resolved':
      return 'Closed alert';
    case 'created':
    case 'pending':
    case 'suppressed':
    case 'flapping':
      return 'Created alert';
  }
}

/** Opsgenie's Alert API: create, acknowledge and close alerts; request status. Key: `GenieKey`. */
export function opsgenieRoutes(
  scope: ZodApp,
  ctx: AppContext,
  ingest: IngestQueue,
  requests: OpsgenieRequestLog,
): void {
  acceptJsonBodies(scope);
  useFormatErrors(scope, opsgenieFormat);
  const accepted = (reply: FastifyReply, requestId: string) =>
    reply.code(202).send({ result: 'Request will be processed', took: took(reply), requestId });
  const remember = (
    requestId: string,
    integration: AuthenticatedIntegration,
    action: OpsgenieRequestStatus['action'],
    outcome: EventOutcome | undefined,
  ) => {
    const isSuccess = outcome !== undefined && outcome.result !== 'dropped';
    requests.record(requestId, {
      integrationId: integration.id,
      action,
      processedAt: ctx.clock.now(),
      isSuccess,
      status: statusText(outcome, action),
      alertId: isSuccess && outcome.alertId !== null ? String(outcome.alertId) : '',
      alias: isSuccess ? outcome.dedupKey : '',
    });
  };

  for (const prefix of PREFIXES) {
    scope.post(`${prefix}/v2/alerts`, hidden, async (request, reply) => {
      const integration = await authenticate(ctx, request, { isForIngest: true });
      const parsed = opsgenieCreateEvent(request.body, request.ip);
      const requestId = randomUUID();
      if (!parsed.ok) {
        return reply.code(422).send({
          message: 'Request body is not processable. Please check the errors.',
          errors: parsed.errors,
          took: took(reply),
          requestId,
        });
      }
      const [outcome] = await ingest.submit({ origin: originOf(integration), events: [parsed.value] });
      remember(requestId, integration, 'Create', outcome);
      return accepted(reply, requestId);
    });

    for (const [verb, action] of [
      ['close', 'Close'],
      ['acknowledge', 'Acknowledge'],
    ] as const) {
      scope.post(`${prefix}/v2/alerts/:identifier/${verb}`, hidden, async (request, reply) => {
        const integration = await authenticate(ctx, request);
        const { identifier } = request.params as { identifier: string };
        const { identifierType = 'id' } = request.query as { identifierType?: string };
        if (!IDENTIFIER_TYPES.includes(identifierType)) {
          return reply.code(422).send({
            message: 'Request body is not processable. Please check the errors.',
            errors: { identifierType: 'should be one of [ id, alias, tiny ]' },
            took: took(reply),
            requestId: randomUUID(),
          });
        }
        // Beacon's alert ids stand for both Opsgenie's id and its tiny id; what is no id names no alert.
        const id = StrictId.safeParse(identifier);
        const dedupKey =
          identifierType === 'alias'
            ? identifier
            : id.success
              ? await openAlertKeyById(ctx, integration.serviceId, id.data)
              : undefined;
        const requestId = randomUUID();
        let outcome: EventOutcome | undefined;
        if (dedupKey !== undefined) {
          const event = opsgenieActionEvent(
            verb === 'close' ? 'resolve' : 'acknowledge',
            dedupKey,
            request.body,
          );
          [outcome] = await ingest.submit({ origin: originOf(integration), events: [event] });
        }
        remember(requestId, integration, action, outcome);
        return accepted(reply, requestId);
      });
    }

    // Alertmanager's `update_alerts` sends these; a re-sent create already updates the alert.
    for (const field of ['message', 'description']) {
      scope.put(`${prefix}/v2/alerts/:identifier/${field}`, hidden, async (request, reply) => {
        await authenticate(ctx, request);
        return accepted(reply, randomUUID());
      });
    }

    scope.get(`${prefix}/v2/alerts/requests/:requestId`, hidden, async (request, reply) => {
      const integration = await authenticate(ctx, request);
      const { requestId } = request.params as { requestId: string };
      const entry = requests.get(requestId);
      if (!entry || entry.integrationId !== integration.id) {
        return reply.code(404).send({
          message: 'Request not found. It might not be processed, yet.',
          took: took(reply),
          requestId: randomUUID(),
        });
      }
      return reply.send({
        data: {
          success: entry.isSuccess,
          action: entry.action,
          processedAt: new Date(entry.processedAt).toISOString(),
          integrationId: String(entry.integrationId),
          isSuccess: entry.isSuccess,
          status: entry.status,
          alertId: entry.alertId,
          alias: entry.alias,
        },
        took: took(reply),
        requestId: randomUUID(),
      });
    });
  }
}
