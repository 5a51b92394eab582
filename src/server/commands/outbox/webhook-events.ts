// Queueing side of the webhook outbox: one delivery per subscription that wants an event
// (claim and record: webhooks.ts).

import { randomUUID } from 'node:crypto';
import {
  type WebhookEventPayload,
  type WebhookIncident,
  isWantedEvent,
  snakeCase,
  updateKindOf,
  webhookEventOf,
} from '../../../core/schemas/webhooks.js';
import {
  findWebhookIncidentRows,
  insertWebhookDeliveries,
  listEnabledWebhookFilters,
} from '../../store/queries/webhooks.js';
import type { TimelineAppend } from '../../store/queries/timeline.js';
import type { Executor } from '../../store/store.js';

/**
 * Queue the webhook event a timeline entry announces, in the transaction that appends it:
 * one delivery per enabled subscription that wants it, with the incident as it is now.
 * A rolled back change therefore sends nothing, and a committed one is never lost.
 */
export async function queueIncidentWebhooks(tx: Executor, entry: TimelineAppend): Promise<number> {
  const eventType = webhookEventOf(entry.kind);
  if (eventType === null) return 0;
  const subscriptions = await listEnabledWebhookFilters(tx);
  if (subscriptions.length === 0) return 0;
  const incident = await webhookIncident(tx, entry.incidentId);
  const serviceIds = incident.services.map((service) => service.id);
  const wanting = subscriptions.filter((filters) => isWantedEvent(filters, eventType, serviceIds));
  if (wanting.length === 0) return 0;
  const payload: WebhookEventPayload = {
    id: randomUUID(),
    event_type: eventType,
    occurred_at: new Date(entry.at).toISOString(),
    incident,
    actor: entry.actor,
    changes: entry.changes
      ? Object.fromEntries(Object.entries(entry.changes).map(([key, change]) => [snakeCase(key), change]))
      : null,
    message: entry.body ?? null,
    update_kind: updateKindOf(entry.kind),
  };
  await insertWebhookDeliveries(
    tx,
    wanting.map((subscription) => ({ subscriptionId: subscription.id, incidentId: entry.incidentId })),
    payload,
    entry.at,
  );
  return wanting.length;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** The incident as an event carries it: public fields, services, commander, merge target. */
async function webhookIncident(tx: Executor, incidentId: number): Promise<WebhookIncident> {
  const { row, services, commander, target } = await findWebhookIncidentRows(tx, incidentId);
  const ref = `INC-${row.number}`;
  return {
    id: row.id,
    number: row.number,
    ref,
    // Made absolute with the base URL when it is sent (the event is built before then).
    url: `/incidents/${ref}`,
    title: row.title,
    summary: row.summary,
    status: row.status,
    severity: row.severity,
    priority: row.priority,
    impact: row.impact,
    urgency: row.urgency,
    category: row.category,
    services,
    commander: commander ?? null,
    tags: row.tags,
    resolution_summary: row.resolution_summary,
    root_cause: row.root_cause,
    merged_into: target ? { id: target.id, ref: `INC-${target.number}` } : null,
    started_at: iso(row.started_at),
    detected_at: iso(row.detected_at),
    acknowledged_at: isoOrNull(row.acknowledged_at),
    mitigated_at: isoOrNull(row.mitigated_at),
    resolved_at: isoOrNull(row.resolved_at),
    closed_at: isoOrNull(row.closed_at),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}
