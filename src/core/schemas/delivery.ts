import { z } from 'zod';
import { ContactMethod, NotificationRule, OUTBOX_STATUSES } from './oncall.js';
import { Timestamp } from './common.js';

/** One message of an incident's paging history: to whom, how, and how its delivery went. */
export const IncidentDelivery = z.object({
  id: z.number(),
  /** The person paged (or the address, for a message to no account). */
  recipient: z.string(),
  channel: z.string(),
  /** The contact method's name, or the account email for the default rule. */
  method: z.string(),
  kind: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number(),
  maxAttempts: z.number(),
  /** When a failed message is tried again (null unless it is waiting to be sent). */
  nextAttemptAt: Timestamp.nullable(),
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  sentAt: Timestamp.nullable(),
});
export type IncidentDelivery = z.infer<typeof IncidentDelivery>;

export const ADMIN_WARNING_CODES = ['dead_letters', 'email_not_configured'] as const;

/** Something an admin must act on, shown as a banner on every page until it is dealt with. */
export const AdminWarning = z.object({
  code: z.enum(ADMIN_WARNING_CODES),
  message: z.string(),
  /** How many messages or people it concerns. */
  count: z.number(),
  /** Dead letters can be dismissed; a configuration problem lasts until it is fixed. */
  isDismissible: z.boolean(),
});
export type AdminWarning = z.infer<typeof AdminWarning>;

/** A test notification of one contact method: queued, then sent or failed with the error. */
export const TestNotification = z.object({
  id: z.number(),
  contactMethodId: z.number(),
  status: z.enum(OUTBOX_STATUSES),
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  sentAt: Timestamp.nullable(),
});
export type TestNotification = z.infer<typeof TestNotification>;

/** A new contact method, and the rule made for it when it is the person's first. */
export const AddedContactMethod = ContactMethod.extend({
  /** Set when the person had no rules: this method now pages them at once. */
  addedRule: NotificationRule.nullable(),
});
export type AddedContactMethod = z.infer<typeof AddedContactMethod>;

/** Why pages to the caller would fail now (email not configured…); empty when all is well. */
export const NotificationWarnings = z.object({ items: z.array(z.string()) });
