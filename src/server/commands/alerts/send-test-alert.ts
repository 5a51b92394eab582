import { randomBytes } from 'node:crypto';
import type { AlertEvent } from '../../../core/alerts/alert-event.js';
import { ConflictError, NotFoundError } from '../../../core/errors.js';
import type { TestAlertResult } from '../../../core/schemas/getting-started.js';
import { countAlertsOf } from '../../store/queries/alerts.js';
import { findIncidentById } from '../../store/queries/incidents.js';
import { findIntegration } from '../../store/queries/integrations.js';
import type { AppContext, Caller } from '../context.js';
import { writeAlertBatch } from './ingest-alerts.js';

/** The alertname every test alert carries, so alert rules and searches can tell them apart. */
export const TEST_ALERT_NAME = 'BeaconTestAlert';

/** A critical test alert with a fresh key, so each one is a new alert that can page. */
function testEvent(integrationName: string, caller: Caller, now: number): AlertEvent {
  const sentBy = caller.name || caller.email;
  return {
    action: 'trigger',
    dedupKey: `beacon-test-${now.toString(36)}-${randomBytes(3).toString('hex')}`,
    summary: `Test alert from ${integrationName}, sent by ${sentBy}`,
    severity: 'critical',
    source: 'Beacon test alert',
    labels: { alertname: TEST_ALERT_NAME, severity: 'critical' },
    details: { sentBy, note: 'Sent with "Send test alert"; resolve it when you have seen the page.' },
    links: [],
    startsAt: null,
    endsAt: null,
    generatorUrl: null,
    payload: { test: true, sentBy },
  };
}

/**
 * Send a test alert for an integration through the same pipeline as a real one (its key
 * checked again, dedup, maintenance, grouping into an incident, escalation and paging).
 */
export async function sendTestAlert(
  ctx: AppContext,
  caller: Caller,
  integrationId: number,
): Promise<TestAlertResult> {
  const integration = await findIntegration(ctx.store.db, integrationId);
  if (!integration) throw new NotFoundError(`integration ${integrationId}`);
  if (integration.disabled_at !== null)
    throw new ConflictError('the integration is disabled: enable it to send a test alert');
  const now = ctx.clock.now();
  const origin = {
    serviceId: integration.service_id,
    integrationId,
    name: integration.name,
    keyHash: integration.key_hash,
  };
  const [outcomes] = await writeAlertBatch(ctx, [
    { origin, events: [testEvent(integration.name, caller, now)] },
  ]);
  if (outcomes instanceof Error || outcomes === undefined)
    throw new ConflictError('the integration was disabled or its key replaced meanwhile: try again');
  const outcome = outcomes[0];
  const incidentId = outcome?.incidentId ?? null;
  const incident = incidentId !== null ? await findIncidentById(ctx.store.db, incidentId) : undefined;
  // The incident is new when this alert is its only one (a later alert joins, never opens it).
  const isNew = incidentId !== null && (await countAlertsOf(ctx.store.db, incidentId)) === 1;
  return {
    alertId: outcome?.alertId ?? null,
    result: outcome?.result ?? 'dropped',
    incident: incident ? { ref: `INC-${incident.number}`, status: incident.status, isNew } : null,
  };
}
