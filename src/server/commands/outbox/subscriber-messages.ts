// The status-page subscribers' outbox: confirmation mails, news (one incident or maintenance
// per message, bundling the updates queued into it) and component status changes (one per
// message, webhook subscribers only). Same verbs as the other outboxes: queued in
// the writer's transaction (status/subscriber-news.ts), claimed under a lease, recorded as
// sent, retried with backoff, or dead after the last attempt.

import type { StatusPageSnapshot } from '../../../core/status/snapshot.js';
import {
  type NewsSubjectView,
  type SubscriberLinks,
  type SubscriberMail,
  componentUpdateWebhookBody,
  confirmationMail,
  newsMail,
  subscriberWebhookBody,
} from '../../../core/status/subscriber-messages.js';
import { type ComponentUpdateRow, componentUpdatesByIds } from '../../store/queries/component-updates.js';
import {
  type StatusSubscriberRecord,
  type SubscriberMessageRecord,
  claimDueSubscriberMessages,
  finishSubscriberMessage,
  newsOfMessages,
  subscribersByIds,
} from '../../store/queries/status-subscribers.js';
import type { AppContext } from '../context.js';
import { loadStatusSnapshot } from '../status/load-snapshot.js';
import {
  subscriberSigningKey,
  subscriberToken,
  subscriptionUrl,
  unsubscribeUrl,
} from '../status/subscriber-tokens.js';

/** Attempts before a message is given up as dead. */
export const MAX_SUBSCRIBER_ATTEMPTS = 6;
/** Wait after the first failure; doubled after each further one (30 s, 1 m, 2 m…). */
const FIRST_RETRY_MS = 30_000;

/** A claimed message, ready for its channel. */
export type SubscriberDelivery =
  | { channel: 'email'; to: string; mail: SubscriberMail; links: SubscriberLinks | null; messageId: string }
  | {
      channel: 'webhook';
      url: string;
      body: Record<string, unknown>;
      /** `status.incident` (incident or maintenance news) or `status.component_update`. */
      eventType: string;
      signingKey: string;
      deliveryId: string;
    };

/** One message leased to this process, with what to send. */
export interface ClaimedSubscriberMessage {
  row: SubscriberMessageRecord;
  delivery: SubscriberDelivery;
}

/** What rendering needs beyond the database: where Beacon is served and its signing key. */
export interface SubscriberSendContext {
  baseUrl: string;
  signingSecret: string;
  leaseMs: number;
  limit: number;
}

/**
 * Lease due messages and render each from the page as it is now (the latest state of its
 * incident or maintenance). A message whose subscriber left, or whose subject is no longer on
 * the page, is cancelled instead.
 */
export async function claimSubscriberMessages(
  ctx: AppContext,
  claim: SubscriberSendContext,
): Promise<ClaimedSubscriberMessage[]> {
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const rows = await claimDueSubscriberMessages(db, { now, leaseMs: claim.leaseMs, limit: claim.limit });
  if (rows.length === 0) return [];
  const [subscribers, news, componentUpdates] = await Promise.all([
    subscribersByIds(
      db,
      rows.map((row) => row.subscriber_id),
    ),
    newsOfMessages(
      db,
      rows.map((row) => row.id),
    ),
    componentUpdatesByIds(
      db,
      rows.flatMap((row) =>
        row.kind === 'component_update' && row.subject_id !== null ? [row.subject_id] : [],
      ),
    ),
  ]);
  const snapshot = await loadStatusSnapshot(ctx, { baseUrl: claim.baseUrl });
  const claimed: ClaimedSubscriberMessage[] = [];
  for (const row of rows) {
    const subscriber = subscribers.get(row.subscriber_id);
    const refs = news.filter((n) => n.message_id === row.id).map((n) => n.update_ref);
    const delivery =
      subscriber &&
      (row.kind === 'component_update'
        ? componentDeliveryOf(subscriber, componentUpdates.get(row.subject_id ?? 0), row, snapshot, claim)
        : deliveryOf(row, subscriber, refs, snapshot, claim));
    if (!delivery) {
      await finishSubscriberMessage(db, row, { status: 'cancelled', last_error: null });
      continue;
    }
    claimed.push({ row, delivery });
  }
  return claimed;
}

function subjectOf(snapshot: StatusPageSnapshot, row: SubscriberMessageRecord): NewsSubjectView | undefined {
  const id = String(row.subject_id);
  if (row.subject_kind === 'incident') {
    const view = snapshot.incidents.find((i) => i.id === id);
    return view && { kind: 'incident', view };
  }
  const view = snapshot.maintenances.find((m) => m.id === id);
  return view && { kind: 'maintenance', view };
}

function deliveryOf(
  row: SubscriberMessageRecord,
  subscriber: StatusSubscriberRecord,
  refs: readonly string[],
  snapshot: StatusPageSnapshot,
  claim: SubscriberSendContext,
): SubscriberDelivery | undefined {
  const token = subscriberToken(claim.signingSecret, subscriber.token_salt);
  const links = {
    manageUrl: subscriptionUrl(claim.baseUrl, token),
    unsubscribeUrl: unsubscribeUrl(claim.baseUrl, token),
  };
  const host = new URL(claim.baseUrl).hostname;
  const messageId = `<status-${String(row.id)}@${host}>`;
  if (row.kind === 'confirmation') {
    if (subscriber.state === 'unsubscribed' || subscriber.email === null) return undefined;
    const mail = confirmationMail({
      pageName: snapshot.page.name,
      isConfirmed: subscriber.state === 'confirmed',
      channel: subscriber.channel,
      address: subscriber.address,
      links,
    });
    return {
      channel: 'email',
      to: subscriber.email,
      mail,
      links: subscriber.state === 'confirmed' ? links : null,
      messageId,
    };
  }
  if (subscriber.state !== 'confirmed') return undefined;
  const subject = subjectOf(snapshot, row);
  if (!subject) return undefined;
  if (subscriber.channel === 'webhook') {
    return {
      channel: 'webhook',
      url: subscriber.address,
      body: subscriberWebhookBody({
        snapshot,
        subject,
        updateRefs: refs,
        unsubscribeUrl: links.unsubscribeUrl,
        documentationUrl: `${claim.baseUrl}/status`,
      }),
      eventType: 'status.incident',
      signingKey: subscriberSigningKey(claim.signingSecret, subscriber.token_salt),
      deliveryId: `status-${String(row.id)}`,
    };
  }
  return {
    channel: 'email',
    to: subscriber.address,
    mail: newsMail({ snapshot, subject, updateRefs: refs, links }),
    links,
    messageId,
  };
}

/** A component status change for a confirmed webhook subscriber; undefined cancels it. */
function componentDeliveryOf(
  subscriber: StatusSubscriberRecord,
  update: ComponentUpdateRow | undefined,
  row: SubscriberMessageRecord,
  snapshot: StatusPageSnapshot,
  claim: SubscriberSendContext,
): SubscriberDelivery | undefined {
  if (!update || subscriber.state !== 'confirmed' || subscriber.channel !== 'webhook') return undefined;
  const token = subscriberToken(claim.signingSecret, subscriber.token_salt);
  const body = componentUpdateWebhookBody({
    snapshot,
    update: {
      id: update.id,
      componentId: update.component_id,
      oldStatus: update.old_status,
      newStatus: update.new_status,
      createdAt: update.created_at,
    },
    unsubscribeUrl: unsubscribeUrl(claim.baseUrl, token),
    documentationUrl: `${claim.baseUrl}/status`,
  });
  if (!body) return undefined;
  return {
    channel: 'webhook',
    url: subscriber.address,
    body,
    eventType: 'status.component_update',
    signingKey: subscriberSigningKey(claim.signingSecret, subscriber.token_salt),
    deliveryId: `status-${String(row.id)}`,
  };
}

/** Mark a message sent; false when its lease was lost meanwhile. */
export function recordSubscriberMessageSent(
  ctx: AppContext,
  sent: ClaimedSubscriberMessage,
): Promise<boolean> {
  return ctx.store.transaction((tx) =>
    finishSubscriberMessage(tx, sent.row, { status: 'sent', sent_at: ctx.clock.now(), last_error: null }),
  );
}

/** Retry with exponential backoff, or give the message up as dead after the last attempt. */
export function recordSubscriberMessageFailure(
  ctx: AppContext,
  failed: ClaimedSubscriberMessage,
  error: string,
): Promise<boolean> {
  const attempts = failed.row.attempts;
  const isDead = attempts >= MAX_SUBSCRIBER_ATTEMPTS;
  const now = ctx.clock.now();
  return ctx.store.transaction((tx) =>
    finishSubscriberMessage(tx, failed.row, {
      status: isDead ? 'dead' : 'pending',
      next_attempt_at: isDead ? failed.row.next_attempt_at : now + FIRST_RETRY_MS * 2 ** (attempts - 1),
      last_error: error.slice(0, 2000),
    }),
  );
}
