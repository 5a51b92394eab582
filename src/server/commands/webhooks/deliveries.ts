import { NotFoundError } from '../../../core/errors.js';
import type {
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookDeliveryPage,
  WebhookDeliveryQuery,
  WebhookDeliveryStatus,
} from '../../../core/schemas/webhooks.js';
import {
  findWebhookDelivery,
  listWebhookDeliveries,
  requeueWebhookDelivery,
  webhookAttemptsOf,
} from '../../store/queries/webhooks.js';
import type { WebhookDeliveryRecord } from '../../store/queries/webhooks.js';
import { type AppContext, type Caller, iso } from '../context.js';
import { webhookEventOfDelivery } from '../outbox/webhooks.js';
import { audit, loadSubscription } from './subscriptions.js';

type DeliveryWithIncident = WebhookDeliveryRecord & { incident_number: number | null };

/** A page of a subscription's delivery log, newest first. */
export async function getWebhookDeliveries(
  ctx: AppContext,
  subscriptionId: number,
  query: WebhookDeliveryQuery,
): Promise<WebhookDeliveryPage> {
  await loadSubscription(ctx.store.db, subscriptionId);
  const rows = await listWebhookDeliveries(ctx.store.db, subscriptionId, {
    status: query.status,
    limit: query.limit,
    beforeId: query.cursor,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(deliveryView),
    nextCursor: rows.length > query.limit && last ? String(last.id) : null,
  };
}

/** One delivery with the body it sends (links made absolute with `baseUrl`) and every attempt, newest first. */
export async function getWebhookDelivery(
  ctx: AppContext,
  subscriptionId: number,
  id: number,
  baseUrl: string,
): Promise<WebhookDeliveryDetail> {
  const row = await findWebhookDelivery(ctx.store.db, subscriptionId, id);
  if (!row) throw new NotFoundError(`delivery ${id} of webhook ${subscriptionId}`);
  const attempts = await webhookAttemptsOf(ctx.store.db, id);
  return {
    ...deliveryView(row),
    payload: webhookEventOfDelivery(row, baseUrl),
    attempts: attempts.map((attempt) => ({
      id: attempt.id,
      attempt: attempt.attempt,
      at: iso(attempt.at),
      durationMs: attempt.duration_ms,
      httpStatus: attempt.http_status,
      error: attempt.error,
      responseBody: attempt.response_body,
    })),
  };
}

/**
 * Send a dead (or already delivered) delivery again, at once and with fresh attempts. It
 * keeps its delivery id, so a receiver that saw it before can tell (admins). Audited.
 */
export async function retryWebhookDelivery(
  ctx: AppContext,
  caller: Caller,
  subscriptionId: number,
  id: number,
): Promise<WebhookDelivery> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await findWebhookDelivery(tx, subscriptionId, id);
    if (!row) throw new NotFoundError(`delivery ${id} of webhook ${subscriptionId}`);
    if (!(await requeueWebhookDelivery(tx, id, now))) {
      throw new NotFoundError(`finished delivery ${id} of webhook ${subscriptionId}`);
    }
    await audit(tx, caller, now, 'webhook.retry_delivery', subscriptionId, {
      deliveryId: row.delivery_id,
      eventType: row.event_type,
    });
  });
  const row = await findWebhookDelivery(ctx.store.db, subscriptionId, id);
  if (!row) throw new NotFoundError(`delivery ${id} of webhook ${subscriptionId}`);
  return deliveryView(row);
}

/** A delivery row as the API shows it. */
export function deliveryView(row: DeliveryWithIncident): WebhookDelivery {
  const status = row.status as WebhookDeliveryStatus;
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    eventId: row.event_id,
    eventType: row.event_type,
    incident:
      row.incident_id === null
        ? null
        : { id: row.incident_id, ref: `INC-${row.incident_number ?? row.incident_id}` },
    status,
    attemptCount: row.attempts,
    nextAttemptAt: status === 'pending' ? iso(row.next_attempt_at) : null,
    lastHttpStatus: row.last_http_status,
    lastError: row.last_error,
    createdAt: iso(row.created_at),
    deliveredAt: iso(row.delivered_at),
  };
}
