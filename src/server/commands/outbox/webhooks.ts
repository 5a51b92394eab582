// The webhook outbox: claim due deliveries, record each attempt (delivered, retried on the
// schedule, or dead), prune the log. Queueing: webhook-events.ts.

import type { WebhookEventPayload } from '../../../core/schemas/webhooks.js';
import {
  claimDueWebhookDeliveries,
  finishWebhookDelivery,
  insertWebhookAttempt,
  listWebhookSubscriptions,
  pruneWebhookDeliveries,
} from '../../store/queries/webhooks.js';
import type { WebhookDeliveryRecord } from '../../store/queries/webhooks.js';
import type { AppContext } from '../context.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Waits after the 1st, 2nd, … failed attempt; after the last one the delivery is dead. */
export const WEBHOOK_RETRY_DELAYS_MS = [
  30 * SECOND,
  2 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
] as const;
/** Attempts before a delivery is given up as dead (about 11 hours after the first). */
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;

/** How much of each subscription's delivery log is kept. */
export const WEBHOOK_LOG_RETENTION = { keep: 1000, maxAgeMs: 30 * 24 * HOUR } as const;

/** Characters of a reply body kept in the log. */
export const RESPONSE_SNIPPET_BYTES = 1024;

/** A delivery leased to this process, with where to send it and how to sign it. */
export interface ClaimedWebhook {
  row: WebhookDeliveryRecord;
  url: string;
  secret: string;
}

/** What one HTTP attempt came to. */
export interface WebhookAttemptOutcome {
  /** Clock time the attempt started. */
  at: number;
  durationMs: number;
  httpStatus: number | null;
  /** Why it failed (null when a 2xx reply came back). */
  error: string | null;
  responseBody: string | null;
}

/** Lease up to `limit` due deliveries (each incident's in order) for `leaseMs`. */
export async function claimWebhookDeliveries(
  ctx: AppContext,
  claim: { leaseMs: number; limit: number },
): Promise<ClaimedWebhook[]> {
  const rows = await claimDueWebhookDeliveries(ctx.store.db, {
    now: ctx.clock.now(),
    ...claim,
  });
  if (rows.length === 0) return [];
  const subscriptions = new Map((await listWebhookSubscriptions(ctx.store.db)).map((s) => [s.id, s]));
  return rows.flatMap((row) => {
    const subscription = subscriptions.get(row.subscription_id);
    // Deleted meanwhile: its deliveries went with it, so there is nothing to record.
    return subscription ? [{ row, url: subscription.url, secret: subscription.secret }] : [];
  });
}

/** The event a delivery sends, with the incident's link made absolute. */
export function webhookEventOfDelivery(row: WebhookDeliveryRecord, baseUrl: string): WebhookEventPayload {
  const { payload } = row;
  return payload.incident
    ? { ...payload, incident: { ...payload.incident, url: `${baseUrl}${payload.incident.url}` } }
    : payload;
}

/**
 * Log an attempt and move the delivery on: delivered on a 2xx, else retried after the next
 * delay of the schedule, or dead after the last attempt. 'lost' when another process took
 * the lease over meanwhile (the attempt is logged all the same).
 */
export async function recordWebhookAttempt(
  ctx: AppContext,
  claimed: ClaimedWebhook,
  outcome: WebhookAttemptOutcome,
): Promise<'delivered' | 'retrying' | 'dead' | 'lost'> {
  const { row } = claimed;
  const now = ctx.clock.now();
  const isDelivered = outcome.error === null;
  const delay = WEBHOOK_RETRY_DELAYS_MS[row.attempts - 1];
  const status = isDelivered ? 'delivered' : delay === undefined ? 'dead' : 'pending';
  const isHeld = await ctx.store.transaction(async (tx) => {
    await insertWebhookAttempt(tx, {
      delivery_id: row.id,
      attempt: row.attempts,
      at: outcome.at,
      duration_ms: Math.round(outcome.durationMs),
      http_status: outcome.httpStatus,
      error: outcome.error?.slice(0, 2000) ?? null,
      response_body: outcome.responseBody,
    });
    return finishWebhookDelivery(tx, row, {
      status,
      last_http_status: outcome.httpStatus,
      last_error: outcome.error?.slice(0, 2000) ?? null,
      ...(status === 'delivered' ? { delivered_at: now } : {}),
      ...(status === 'pending' && delay !== undefined ? { next_attempt_at: now + delay } : {}),
    });
  });
  if (!isHeld) return 'lost';
  return status === 'pending' ? 'retrying' : status;
}

/** Prune every subscription's log to its retention; returns how many deliveries went. */
export async function pruneWebhookLog(ctx: AppContext): Promise<number> {
  const before = ctx.clock.now() - WEBHOOK_LOG_RETENTION.maxAgeMs;
  let pruned = 0;
  for (const subscription of await listWebhookSubscriptions(ctx.store.db)) {
    pruned += await ctx.store.transaction((tx) =>
      pruneWebhookDeliveries(tx, subscription.id, { before, keep: WEBHOOK_LOG_RETENTION.keep }),
    );
  }
  return pruned;
}
