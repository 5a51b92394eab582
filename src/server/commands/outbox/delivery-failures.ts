// Failures are loud: an incident's responders see how each page went (the error and the next
// try), admins see dead letters and a missing mail server as banners, and each person sees
// why their own pages would fail.

import type { AdminWarning, IncidentDelivery } from '../../../core/schemas/delivery.js';
import {
  contactMethodsOfTypes,
  dismissDeadLetters,
  listIncidentDeliveries,
  undismissedDeadLetters,
  usersRelyingOnEmail,
} from '../../store/queries/delivery-failures.js';
import { contactMethodsOf, rulesOf } from '../../store/queries/notifications.js';
import { type AppContext, type Caller, iso } from '../context.js';
import { loadIncident } from '../incident-guards.js';
import { MAX_ATTEMPTS } from './notifications.js';

/** What the checks need to know of the server's configuration. */
export interface DeliverySettings {
  /** BEACON_SMTP_URL is set. */
  isEmailConfigured: boolean;
}

/** The messages sent (or failing) about an incident, newest first, for its paging history. */
export async function getIncidentDeliveries(ctx: AppContext, ref: string): Promise<IncidentDelivery[]> {
  const incident = await loadIncident(ctx.store.db, ref);
  const rows = await listIncidentDeliveries(ctx.store.db, incident.id, 100);
  return rows.map((row) => ({
    id: row.id,
    recipient: row.user_name ?? row.address,
    channel: row.channel,
    // Chat and webhook URLs are secrets of their owner: only the method's name is shown.
    method: row.method_name ?? (row.channel === 'email' ? row.address : row.channel),
    kind: row.kind,
    status: row.status as IncidentDelivery['status'],
    attempts: row.attempts,
    maxAttempts: MAX_ATTEMPTS,
    nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    lastError: row.last_error,
    createdAt: iso(row.created_at),
    sentAt: iso(row.sent_at),
  }));
}

/** The warning that email pages fail, naming how many people rely on email; null when none. */
export async function emailWarning(
  ctx: AppContext,
  settings: DeliverySettings,
): Promise<AdminWarning | null> {
  if (settings.isEmailConfigured) return null;
  const users = await usersRelyingOnEmail(ctx.store.db);
  if (users.length === 0) return null;
  const who = users.length === 1 ? '1 person is' : `${users.length} people are`;
  return {
    code: 'email_not_configured',
    message: `Email is not configured (BEACON_SMTP_URL is unset), but ${who} paged by email: those pages will fail. Set BEACON_SMTP_URL, or have them add another contact method.`,
    count: users.length,
    isDismissible: false,
  };
}

/** Banners for admins: dead letters nobody dismissed, a missing mail server. */
export async function getAdminWarnings(ctx: AppContext, settings: DeliverySettings): Promise<AdminWarning[]> {
  const warnings: AdminWarning[] = [];
  const dead = await undismissedDeadLetters(ctx.store.db);
  if (dead.count > 0) {
    const what = dead.count === 1 ? '1 notification' : `${dead.count} notifications`;
    const refs = dead.newest?.payload.items.map((item) => item.ref).join(', ');
    warnings.push({
      code: 'dead_letters',
      message: `${what} could not be delivered and will not be retried${refs ? ` (latest: ${refs})` : ''}. Open Admin → Notifications to see why and send them again.`,
      count: dead.count,
      isDismissible: true,
    });
  }
  const email = await emailWarning(ctx, settings);
  if (email) warnings.push(email);
  return warnings;
}

/** Hide the dead-letter banner for the dead letters there are now (a new one raises it again). */
export async function dismissDeadLetterBanner(ctx: AppContext): Promise<number> {
  return ctx.store.transaction(async (tx) => {
    const dead = await undismissedDeadLetters(tx);
    if (!dead.newest) return 0;
    return dismissDeadLetters(tx, dead.newest.id, ctx.clock.now());
  });
}

/** Why the caller's own pages would fail now (each a sentence); empty when nothing is wrong. */
export async function getMyNotificationWarnings(
  ctx: AppContext,
  caller: Caller,
  settings: DeliverySettings,
): Promise<string[]> {
  if (settings.isEmailConfigured) return [];
  const rules = await rulesOf(ctx.store.db, [caller.userId]);
  if (rules.length === 0) {
    return [
      'Email is not configured on this server (BEACON_SMTP_URL), so your pages — by default an email to your account address — will fail. Add another contact method, or ask an admin to set up email.',
    ];
  }
  const methods = await contactMethodsOf(ctx.store.db, [caller.userId]);
  const emailed = methods.filter(
    (method) => method.type === 'email' && rules.some((rule) => rule.contact_method_id === method.id),
  );
  if (emailed.length === 0) return [];
  return [
    `Email is not configured on this server (BEACON_SMTP_URL), so your pages to ${emailed.map((m) => m.name).join(', ')} will fail. Use another contact method, or ask an admin to set up email.`,
  ];
}

/** Chat contact methods (Slack, Teams) of active users, for `beacon doctor` to probe. */
export function getChatContactMethods(ctx: AppContext) {
  return contactMethodsOfTypes(ctx.store.db, ['slack', 'teams']);
}
