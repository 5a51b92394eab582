// The notification outbox (pages, stakeholder updates, update reminders). Every outbox speaks
// the same verbs: queue (rows written in the caller's transaction), claim (lease due rows),
// record (finish with the outcome: sent, retried with backoff, or dead), retry (an admin
// queues a dead one again). Queueing notices: notices.ts; pages: oncall/notify-users.ts.

import { NotFoundError } from '../../../core/errors.js';
import type { AccountMail } from '../../../core/schemas/account-links.js';
import type { ReporterMail } from '../../../core/schemas/reports.js';
import type { FollowUpMail } from '../../../core/schemas/follow-ups.js';
import { type IncidentStatus, isAcknowledgedStatus } from '../../../core/incident-status.js';
import {
  type OutboxCancelReason,
  OUTBOX_CANCEL_REASONS,
  isFinishedStatus,
} from '../../../core/oncall/escalation-reason.js';
import type { OutboxItem, PageItem, PagePayload } from '../../../core/schemas/oncall.js';
import type { PageContext } from '../../../core/schemas/page-context.js';
import type { UpdateNotice } from '../../../core/schemas/stakeholders.js';
import type { Actor } from '../../../core/schemas/timeline.js';
import { type IncidentRecord, findIncidentsByIds } from '../../store/queries/incidents.js';
import {
  activeUsersByIds,
  claimDueOutbox,
  findContactMethods,
  findOutbox,
  finishOutbox,
  listOutbox,
  requeueOutbox,
} from '../../store/queries/notifications.js';
import { appendTimeline } from '../timeline.js';
import { TEST_KIND } from './test-notifications.js';
import type { OutboxRecord } from '../../store/queries/notifications.js';
import { type AppContext, iso } from '../context.js';
import { pageContextsOf } from './page-context.js';

/** Attempts before a message is given up as dead. */
export const MAX_ATTEMPTS = 6;
/** Wait after the first failure; doubled after each further one (30 s, 1 m, 2 m, 4 m…). */
const FIRST_RETRY_MS = 30_000;

const NOTIFY_ACTOR: Actor = { type: 'system', id: null, name: 'Beacon notifications' };

/** A message leased to this process for sending, with what the channel needs. */
export interface ClaimedNotification {
  row: OutboxRecord;
  /** The incidents still worth telling about (an acknowledged one is dropped from a page). */
  items: Array<PageItem & { context: PageContext }>;
  recipientName: string | null;
  /** Webhook signing key of the contact method (null: the server secret). */
  secret: string | null;
  /** A stakeholder update or update reminder to render instead of a page. */
  notice?: UpdateNotice | undefined;
  /** An invitation or password reset mail (no incidents). */
  account?: AccountMail | undefined;
  /** The mail answering a customer report (no incidents). */
  reporter?: ReporterMail | undefined;
  /** The reminder of an overdue follow-up action (no incidents). */
  followUp?: FollowUpMail | undefined;
}

/**
 * Lease due messages (and ones whose sender died mid-send) for `leaseMs`. Pages whose every
 * incident was acknowledged meanwhile are cancelled instead of sent.
 */
export async function claimNotifications(
  ctx: AppContext,
  claim: { leaseMs: number; limit: number },
): Promise<ClaimedNotification[]> {
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const rows = await claimDueOutbox(db, { now, ...claim });
  if (rows.length === 0) return [];
  // Everything the round's messages need, read once for all of them.
  const [incidents, users, methods] = await Promise.all([
    findIncidentsByIds(
      db,
      rows.flatMap((row) => (row.kind === TEST_KIND ? [] : row.payload.items.map((item) => item.incidentId))),
    ),
    activeUsersByIds(
      db,
      rows.flatMap((row) => (row.user_id === null ? [] : [row.user_id])),
    ),
    findContactMethods(
      db,
      rows.flatMap((row) => (row.contact_method_id === null ? [] : [row.contact_method_id])),
    ),
  ]);
  const worth = new Map(rows.map((row) => [row.id, itemsWorthSending(row.payload, incidents)]));
  const contextOf = await pageContextsOf(db, [
    ...new Set([...worth.values()].flatMap(({ kept }) => kept.map(({ incident }) => incident))),
  ]);
  const claimed: ClaimedNotification[] = [];
  for (const row of rows) {
    const payload = row.payload;
    // A test notification tells about a sample incident, not a stored one.
    const isTest = row.kind === TEST_KIND;
    const { kept, cancelReason } = isTest
      ? { kept: [], cancelReason: 'deleted' as const }
      : (worth.get(row.id) ?? { kept: [], cancelReason: 'deleted' as const });
    if (!isTest && kept.length === 0 && !payload.account && !payload.reporter && !payload.followUp) {
      await finishOutbox(db, row, {
        status: 'cancelled',
        last_error: null,
        cancel_reason: cancelReason,
      });
      continue;
    }
    const items = isTest
      ? payload.items.map((item) => ({ ...item, context: testContextAt(now) }))
      : kept.flatMap(({ item, incident }) => {
          const context = contextOf(incident.id, row.user_id);
          return context ? [{ ...item, title: incident.title, status: incident.status, context }] : [];
        });
    const user = users.find((candidate) => candidate.id === row.user_id);
    const method = row.contact_method_id === null ? undefined : methods.get(row.contact_method_id);
    claimed.push({
      row,
      items,
      recipientName: user?.name ?? null,
      secret: method?.secret ?? null,
      notice: payload.notice,
      account: payload.account,
      reporter: payload.reporter,
      followUp: payload.followUp,
    });
  }
  return claimed;
}

/** The items of a queued message still worth sending, with their incidents, and why the others were dropped. */
function itemsWorthSending(
  payload: PagePayload,
  incidents: ReadonlyMap<number, IncidentRecord>,
): { kept: Array<{ item: PageItem; incident: IncidentRecord }>; cancelReason: OutboxCancelReason } {
  const kept: Array<{ item: PageItem; incident: IncidentRecord }> = [];
  let cancelReason: OutboxCancelReason = 'deleted';
  for (const item of payload.items) {
    const incident = incidents.get(item.incidentId);
    const dropped = incident ? droppedBecause(item, incident.status as IncidentStatus, payload) : 'deleted';
    if (incident && dropped === null) kept.push({ item, incident });
    else if (dropped !== null) cancelReason = dropped;
  }
  return { kept, cancelReason };
}

/**
 * Why an item of a queued message is no longer worth sending (null: send it). A page never
 * reaches anyone about a finished incident; an escalation step only while it is triggered, so
 * a page never says "triggered" about an incident that is not. Notices (stakeholder updates)
 * are sent whatever the status.
 */
function droppedBecause(
  item: PageItem,
  status: IncidentStatus,
  payload: PagePayload,
): OutboxCancelReason | null {
  if (payload.notice) return null;
  if (isFinishedStatus(status)) return status as OutboxCancelReason;
  if (!item.key.startsWith('esc:') || status === 'triggered') return null;
  return isAcknowledgedStatus(status) ? 'acknowledged' : 'not_triggered';
}

/**
 * Mark a message sent (with the provider's receipt, when it gave one) and note it on each
 * incident's timeline; false when its lease was lost.
 */
export async function recordNotificationSent(
  ctx: AppContext,
  sent: ClaimedNotification,
  receipt?: string,
): Promise<boolean> {
  const now = ctx.clock.now();
  const isRecorded = await ctx.store.transaction(async (tx) => {
    const changes = {
      status: 'sent',
      sent_at: now,
      last_error: null,
      provider_receipt: receipt ?? null,
    } as const;
    if (!(await finishOutbox(tx, sent.row, changes))) return false;
    const who = sent.recipientName ?? sent.row.address;
    // A stakeholder update's timeline entry already lists everyone it was sent to; a test
    // notification is about no incident.
    const isUntold = sent.notice?.kind === 'stakeholder_update' || sent.row.kind === TEST_KIND;
    const items = isUntold ? [] : sent.items;
    for (const item of items) {
      await appendTimeline(tx, {
        incidentId: item.incidentId,
        at: now,
        actor: NOTIFY_ACTOR,
        kind: 'notified',
        changes: null,
        body: `${CHANNEL_VERB[sent.row.channel] ?? 'Notified'} ${who}`,
      });
    }
    return true;
  });
  if (isRecorded) ctx.onIncidentsChanged();
  return isRecorded;
}

const CHANNEL_VERB: Record<string, string> = {
  email: 'Emailed',
  webhook: 'Sent a webhook for',
  slack: 'Posted to Slack for',
  teams: 'Posted to Microsoft Teams for',
  ntfy: 'Pushed (ntfy) to',
  pushover: 'Pushed (Pushover) to',
  sms: 'Texted',
  voice: 'Called',
  telegram: 'Sent a Telegram message to',
};

/**
 * Schedule a retry with exponential backoff (no sooner than `retryAfterMs` when the provider
 * asked for a wait), or give the message up as dead after the last attempt (a test
 * notification at its first): a dead page is noted on each incident's timeline.
 */
export async function recordNotificationFailure(
  ctx: AppContext,
  failed: ClaimedNotification,
  error: string,
  retryAfterMs = 0,
): Promise<void> {
  const attempts = failed.row.attempts;
  const isTest = failed.row.kind === TEST_KIND;
  const isDead = isTest || attempts >= MAX_ATTEMPTS;
  const now = ctx.clock.now();
  const lastError = error.slice(0, 2000);
  const isRecorded = await ctx.store.transaction(async (tx) => {
    const isHeld = await finishOutbox(tx, failed.row, {
      status: isDead ? 'dead' : 'pending',
      next_attempt_at: isDead
        ? failed.row.next_attempt_at
        : now + Math.max(FIRST_RETRY_MS * 2 ** (attempts - 1), retryAfterMs),
      last_error: lastError,
    });
    if (!isHeld || !isDead || isTest) return isHeld;
    const who = failed.recipientName ?? failed.row.address;
    for (const item of failed.items) {
      await appendTimeline(tx, {
        incidentId: item.incidentId,
        at: now,
        actor: NOTIFY_ACTOR,
        kind: 'notification_failed',
        changes: null,
        body: `Could not notify ${who} by ${failed.row.channel} after ${attempts} attempts; gave up: ${lastError.slice(0, 500)}`,
      });
    }
    return true;
  });
  if (isRecorded) ctx.onIncidentsChanged();
}

/** Messages, newest first, optionally of one status (dead letters: `dead`). */
export async function getNotifications(
  ctx: AppContext,
  query: { status?: string | undefined; limit: number },
): Promise<OutboxItem[]> {
  const rows = await listOutbox(ctx.store.db, {
    limit: query.limit,
    ...(query.status ? { status: query.status } : {}),
  });
  return rows.map(outboxView);
}

/** Put a dead message back in the queue, to be sent at once with fresh attempts. */
export async function retryNotification(ctx: AppContext, id: number): Promise<OutboxItem> {
  return ctx.store.transaction(async (tx) => {
    if (!(await requeueOutbox(tx, id, ctx.clock.now()))) {
      throw new NotFoundError(`dead or cancelled notification ${id}`);
    }
    const row = await findOutbox(tx, id);
    if (!row) throw new NotFoundError(`notification ${id}`);
    return outboxView(row);
  });
}

function outboxView(row: OutboxRecord): OutboxItem {
  const payload = row.payload;
  return {
    id: row.id,
    userId: row.user_id,
    channel: row.channel,
    address: row.address,
    kind: row.kind,
    incidentRefs: payload.items.map((item) => item.ref),
    status: row.status as OutboxItem['status'],
    attempts: row.attempts,
    nextAttemptAt: iso(row.next_attempt_at),
    lastError: row.last_error,
    createdAt: iso(row.created_at),
    sentAt: iso(row.sent_at),
    cancelReason: OUTBOX_CANCEL_REASONS.find((reason) => reason === row.cancel_reason) ?? null,
  };
}

/** What a test page tells about its sample incident: nothing fired, nobody else paged. */
function testContextAt(now: number): PageContext {
  return { services: [], alert: null, firedAt: now, alsoPaged: [], acknowledged: null };
}
