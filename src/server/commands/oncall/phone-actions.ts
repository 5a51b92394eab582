// Acknowledging and resolving from a phone: an SMS reply, a key pressed in a call, a Telegram
// button. The provider's webhook (ingest/twilio/, ingest/telegram/) has checked its signature;
// here the sender is matched to a page Beacon sent them in the last 24 hours, and only that
// page's incidents can be acted on, as that page's recipient.

import { type PhoneAction, type PhoneReply, KEY_FOR, actionOfKey } from '../../../core/phone/phone-reply.js';
import type { Actor } from '../../../core/schemas/timeline.js';
import { findIncidentById } from '../../store/queries/incidents.js';
import { activeUsersByIds } from '../../store/queries/notifications.js';
import { sentPagesTo, userWithContactAddress } from '../../store/queries/phone-pages.js';
import type { OutboxRecord } from '../../store/queries/notifications.js';
import { transitionIncident } from '../change-incident-status.js';
import type { AppContext } from '../context.js';

/** How long after a page its recipient can answer it from the phone. */
export const PHONE_REPLY_WINDOW_MS = 24 * 3_600_000;
const RECENT_PAGES = 50;

/** What acting from a phone did, in words for the reply, and who acted. */
export interface PhoneOutcome {
  text: string;
  /** The Beacon user who acted (undefined when nothing was done on anyone's behalf). */
  actorName?: string;
  /** Whether anything changed. */
  isChanged: boolean;
}

const HELP = `Reply ${KEY_FOR.ack} to acknowledge, ${KEY_FOR.resolve} to resolve, or "${KEY_FOR.ack} 12" for INC-12 only.`;

/** Act on an SMS reply `reply` (undefined: not understood) from the phone number `from`. */
export async function actOnSmsReply(
  ctx: AppContext,
  from: string,
  reply: PhoneReply | undefined,
): Promise<PhoneOutcome> {
  if (!reply) return { text: HELP, isChanged: false };
  const pages = await recentPages(ctx, 'sms', from);
  const [latest] = pages;
  if (!latest) return { text: 'Beacon sent no page to this number in the last 24 hours.', isChanged: false };
  if (reply.incidentNumber === undefined)
    return actAsRecipient(ctx, latest, itemIds(latest), reply.action, 'SMS');
  const ref = `INC-${reply.incidentNumber}`;
  const page = pages.find((candidate) => candidate.payload.items.some((item) => item.ref === ref));
  if (!page)
    return { text: `${ref} was not paged to this number in the last 24 hours. ${HELP}`, isChanged: false };
  const ids = page.payload.items.filter((item) => item.ref === ref).map((item) => item.incidentId);
  return actAsRecipient(ctx, page, ids, reply.action, 'SMS');
}

/** Act on `digits` pressed in a call to `to` that paged `incidentIds`. */
export async function actOnKeyPress(
  ctx: AppContext,
  to: string,
  digits: string,
  incidentIds: readonly number[],
): Promise<PhoneOutcome> {
  const action = actionOfKey(digits);
  if (!action) return { text: 'That key does nothing. Goodbye.', isChanged: false };
  const page = (await recentPages(ctx, 'voice', to)).find((candidate) =>
    incidentIds.every((id) => itemIds(candidate).includes(id)),
  );
  if (!page || incidentIds.length === 0)
    return { text: 'This call is no longer valid. Goodbye.', isChanged: false };
  return actAsRecipient(ctx, page, incidentIds, action, 'a phone call');
}

/** Act on a Telegram button `action` for `incidentId`, pressed by Telegram user `fromId` in chat `chatId`. */
export async function actOnTelegramButton(
  ctx: AppContext,
  press: { fromId: string; chatId: string; incidentId: number; action: PhoneAction },
): Promise<PhoneOutcome> {
  const user = await userWithContactAddress(ctx.store.db, { type: 'telegram', address: press.fromId });
  if (!user)
    return {
      text: `Your Telegram account is not linked to Beacon: add a Telegram contact method with chat id ${press.fromId}.`,
      isChanged: false,
    };
  const pages = await recentPages(ctx, 'telegram', press.chatId);
  if (!pages.some((page) => itemIds(page).includes(press.incidentId)))
    return { text: 'This page is older than 24 hours; open the incident in Beacon.', isChanged: false };
  return actAs(ctx, user, [press.incidentId], press.action, 'Telegram');
}

function recentPages(ctx: AppContext, channel: string, address: string): Promise<OutboxRecord[]> {
  const since = ctx.clock.now() - PHONE_REPLY_WINDOW_MS;
  return sentPagesTo(ctx.store.db, { channel, address, since, limit: RECENT_PAGES });
}

function itemIds(page: OutboxRecord): number[] {
  return page.payload.items.map((item) => item.incidentId);
}

async function actAsRecipient(
  ctx: AppContext,
  page: OutboxRecord,
  incidentIds: readonly number[],
  action: PhoneAction,
  via: string,
): Promise<PhoneOutcome> {
  const [user] = page.user_id === null ? [] : await activeUsersByIds(ctx.store.db, [page.user_id]);
  if (!user) return { text: 'This page has no active recipient in Beacon.', isChanged: false };
  return actAs(ctx, user, incidentIds, action, via);
}

/** Acknowledge or resolve each incident as `user`, in one transaction; one line per incident. */
async function actAs(
  ctx: AppContext,
  user: { id: number; name: string },
  incidentIds: readonly number[],
  action: PhoneAction,
  via: string,
): Promise<PhoneOutcome> {
  const actor: Actor = { type: 'user', id: user.id, name: user.name };
  const now = ctx.clock.now();
  const lines = await ctx.store.transaction(async (tx) => {
    const done: Array<{ line: string; isChanged: boolean }> = [];
    for (const id of incidentIds) {
      const incident = await findIncidentById(tx, id);
      if (!incident) continue;
      const ref = `INC-${incident.number}`;
      const noop = alreadyDone(incident.status, action);
      if (noop) {
        done.push({ line: `${ref} is already ${incident.status}.`, isChanged: false });
        continue;
      }
      await transitionIncident(
        tx,
        incident,
        action === 'ack'
          ? { status: 'investigating', message: `Acknowledged by ${via}` }
          : {
              status: 'resolved',
              message: `Resolved by ${via}`,
              resolutionSummary: incident.resolution_summary ?? `Resolved by ${via}.`,
            },
        actor,
        now,
      );
      done.push({
        line: `${ref} ${action === 'ack' ? 'acknowledged' : 'resolved'} by ${user.name}.`,
        isChanged: true,
      });
    }
    return done;
  });
  const isChanged = lines.some((line) => line.isChanged);
  if (isChanged) ctx.onIncidentsChanged();
  return {
    text: lines.map((line) => line.line).join(' ') || 'Nothing to do.',
    actorName: user.name,
    isChanged,
  };
}

function alreadyDone(status: string, action: PhoneAction): boolean {
  if (action === 'ack') return status !== 'triggered' && status !== 'triage';
  return ['resolved', 'closed', 'declined', 'merged'].includes(status);
}
