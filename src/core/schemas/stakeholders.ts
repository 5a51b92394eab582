import { TEXT_LIMITS } from '../text/limits.js';
import { z } from 'zod';
import { SEVERITIES, type Severity } from '../priority.js';
import { Id, Timestamp, UserRef } from './common.js';

/** Who a stakeholder entry stands for: a Beacon user, every member of a team, or an address. */
export const STAKEHOLDER_TYPES = ['user', 'team', 'email'] as const;
export type StakeholderType = (typeof STAKEHOLDER_TYPES)[number];

/** How an entry got on the list: added by a responder, or a person subscribing themselves. */
export const STAKEHOLDER_SOURCES = ['added', 'subscribed'] as const;

const Email = z.string().trim().toLowerCase().pipe(z.email('must be an email address').max(254));
const TeamRef = z.object({ id: z.number(), name: z.string(), memberCount: z.number() });

/** One entry of an incident's stakeholder list. */
export const Stakeholder = z.object({
  id: z.number(),
  type: z.enum(STAKEHOLDER_TYPES),
  user: UserRef.nullable(),
  team: TeamRef.nullable(),
  email: z.string().nullable(),
  source: z.enum(STAKEHOLDER_SOURCES),
  addedBy: UserRef.nullable(),
  addedAt: Timestamp,
});
export type Stakeholder = z.infer<typeof Stakeholder>;

/** A stakeholder the workspace settings add to every matching incident. */
export const DefaultStakeholder = z.object({
  type: z.enum(STAKEHOLDER_TYPES),
  user: UserRef.nullable(),
  team: TeamRef.nullable(),
  email: z.string().nullable(),
  /** Index of the settings rule that adds it. */
  rule: z.number(),
});
export type DefaultStakeholder = z.infer<typeof DefaultStakeholder>;

/** An incident's stakeholders, the defaults that apply, and whether the caller is subscribed. */
export const StakeholderList = z.object({
  items: z.array(Stakeholder),
  defaults: z.array(DefaultStakeholder),
  /** Distinct addresses an update would be emailed to now. */
  recipientCount: z.number(),
  isSubscribed: z.boolean(),
});
export type StakeholderList = z.infer<typeof StakeholderList>;

/** Body of `POST /incidents/:ref/stakeholders`: exactly one of a user, a team or an address. */
export const AddStakeholderBody = z
  .object({ userId: Id.optional(), teamId: Id.optional(), email: Email.optional() })
  .refine(
    (body) => [body.userId, body.teamId, body.email].filter((value) => value !== undefined).length === 1,
    { error: 'give exactly one of userId, teamId or email', path: ['userId'] },
  );
export type AddStakeholderBody = z.infer<typeof AddStakeholderBody>;

/** A status update (written by a responder) or a stakeholder update (also emailed). */
export const UPDATE_KINDS = ['status', 'stakeholder'] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

/** One address a stakeholder update went to, and through which entry. */
export const UpdateRecipient = z.object({
  email: z.string(),
  name: z.string().nullable(),
  via: z.string(),
});
export type UpdateRecipient = z.infer<typeof UpdateRecipient>;

/** A posted update with the incident's state at the time. */
export const IncidentUpdate = z.object({
  id: z.number(),
  incidentRef: z.string(),
  kind: z.enum(UPDATE_KINDS),
  message: z.string(),
  status: z.string(),
  severity: z.string(),
  impact: z.string(),
  priority: z.string(),
  author: UserRef.nullable(),
  postedAt: Timestamp,
  /** Stakeholder updates: each address it was emailed to (once). */
  recipients: z.array(UpdateRecipient),
});
export type IncidentUpdate = z.infer<typeof IncidentUpdate>;

/** When the next update is due before the commander is reminded. */
export const UpdateReminderState = z.object({
  /** Minutes without an update before a reminder (0: no reminders for this incident now). */
  minutes: z.number(),
  lastUpdateAt: Timestamp.nullable(),
  /** Null when no reminder applies (reminders off, or the incident is not open). */
  dueAt: Timestamp.nullable(),
});
export type UpdateReminderState = z.infer<typeof UpdateReminderState>;

export const IncidentUpdateList = z.object({
  items: z.array(IncidentUpdate),
  reminder: UpdateReminderState,
});
export type IncidentUpdateList = z.infer<typeof IncidentUpdateList>;

/** Body of `POST /incidents/:ref/updates` and `POST /incidents/:ref/stakeholder-updates`. */
export const PostUpdateBody = z.object({
  message: z.string().trim().min(1, 'must not be empty').max(TEXT_LIMITS.update),
});
export type PostUpdateBody = z.infer<typeof PostUpdateBody>;

const ReminderMinutes = z.number().int().min(0).max(1_440);

/** Minutes without an update before the commander is reminded, per severity (0: never). */
export const UpdateReminderMinutes = z.object({
  SEV1: ReminderMinutes.default(30),
  SEV2: ReminderMinutes.default(30),
  SEV3: ReminderMinutes.default(0),
  SEV4: ReminderMinutes.default(0),
});
export type UpdateReminderMinutes = z.infer<typeof UpdateReminderMinutes>;

/** A change to some severities' reminder minutes; the others keep theirs. */
export const UpdateReminderMinutesPatch = z
  .object({
    SEV1: ReminderMinutes.optional(),
    SEV2: ReminderMinutes.optional(),
    SEV3: ReminderMinutes.optional(),
    SEV4: ReminderMinutes.optional(),
  })
  .strict();

/** Reminder minutes a new workspace starts with. */
export const DEFAULT_REMINDER_MINUTES: Record<Severity, number> = { SEV1: 30, SEV2: 30, SEV3: 0, SEV4: 0 };

/**
 * Stakeholders every matching incident gets: every non-empty match list must hold (no
 * match lists: every incident), and the rule names at least one recipient.
 */
export const StakeholderDefaultRule = z
  .object({
    severities: z.array(z.enum(SEVERITIES)).max(4).default([]),
    serviceIds: z.array(Id).max(100).default([]),
    userIds: z.array(Id).max(100).default([]),
    teamIds: z.array(Id).max(100).default([]),
    emails: z.array(Email).max(100).default([]),
  })
  .refine((rule) => rule.userIds.length + rule.teamIds.length + rule.emails.length > 0, {
    error: 'name at least one user, team or email address',
    path: ['emails'],
  });
export type StakeholderDefaultRule = z.infer<typeof StakeholderDefaultRule>;

export const StakeholderDefaults = z.array(StakeholderDefaultRule).max(50);

/** What an outbox message about an update carries besides the incident (stored in its payload). */
export interface UpdateNotice {
  kind: 'stakeholder_update' | 'update_reminder';
  message: string;
  status: string;
  severity: string;
  impact: string;
  priority: string;
  /** Who posted the update (null for a reminder). */
  author: string | null;
  /** ISO time of the update or the reminder. */
  at: string;
  /** External recipients get no link to the incident page (they cannot sign in). */
  isExternal: boolean;
}
