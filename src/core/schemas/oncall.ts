import { TEXT_LIMITS } from '../text/limits.js';
import { z } from 'zod';
import { ESCALATION_REASONS, OUTBOX_CANCEL_REASONS } from '../oncall/escalation-reason.js';
import { WEEKDAYS, type Weekday } from '../oncall/schedule-types.js';
import { Id, MAX_ID, Timestamp } from './common.js';
import type { AccountMail } from './account-links.js';
import type { ReporterMail } from './reports.js';
import type { FollowUpMail } from './follow-ups.js';
import type { UpdateNotice } from './stakeholders.js';

const Name = z.string().trim().min(1, 'must not be empty').max(TEXT_LIMITS.oncallName);
const Description = z.string().trim().max(TEXT_LIMITS.oncallDescription);
const LocalTime = z.string().regex(/^\d{2}:\d{2}$/, 'must be HH:MM');
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

/** A weekly window in which a layer has someone on call. */
export const RestrictionSchema = z.object({
  days: z.array(z.enum(WEEKDAYS as [Weekday, ...Weekday[]])).min(1, 'must name at least one day'),
  start: LocalTime,
  end: LocalTime,
});

/** How often a layer hands off. */
export const RotationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('daily') }),
  z.object({ kind: z.literal('weekly') }),
  z.object({
    kind: z.literal('custom'),
    shiftHours: z
      .number()
      .positive()
      .max(24 * 366),
  }),
]);

/** One rotation of participants (see `src/core/oncall`). */
export const LayerSchema = z.object({
  participants: z.array(Id).min(1, 'must not be empty').max(100),
  rotation: RotationSchema,
  handoffTime: LocalTime,
  startDate: LocalDate,
  endDate: LocalDate.optional(),
  restrictions: z.array(RestrictionSchema).max(50).optional(),
});

/** Where a shift comes from: a layer index or an override. */
export const ShiftSourceSchema = z.union([z.number().int(), z.literal('override')]);

export const ScheduleOverride = z.object({
  id: z.number(),
  userId: z.number(),
  userName: z.string(),
  start: Timestamp,
  end: Timestamp,
  createdBy: z.number().nullable(),
});
export type ScheduleOverride = z.infer<typeof ScheduleOverride>;

/** Who is on call at one instant. */
export const OnCallNow = z.object({
  scheduleId: z.number(),
  scheduleName: z.string(),
  at: Timestamp,
  userId: z.number().nullable(),
  userName: z.string().nullable(),
  source: ShiftSourceSchema.nullable(),
  /** When the on-call person next changes (null: not within a year). */
  until: Timestamp.nullable(),
});
export type OnCallNow = z.infer<typeof OnCallNow>;

export const Schedule = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  timeZone: z.string(),
  layers: z.array(LayerSchema),
  /** Overrides that have not ended yet. */
  overrides: z.array(ScheduleOverride),
  onCall: OnCallNow,
  /** The subscribe-able iCalendar feed (the URL is the secret). */
  calendarUrl: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Schedule = z.infer<typeof Schedule>;

export const ScheduleBody = z.object({
  name: Name,
  description: Description.optional(),
  timeZone: z.string().min(1).max(100),
  layers: z.array(LayerSchema).max(20),
});
export type ScheduleBody = z.infer<typeof ScheduleBody>;

export const SchedulePatch = ScheduleBody.partial().strict();
export type SchedulePatch = z.infer<typeof SchedulePatch>;

export const OverrideBody = z.object({ userId: Id, start: Timestamp, end: Timestamp });
export type OverrideBody = z.infer<typeof OverrideBody>;

export const ShiftView = z.object({
  userId: z.number(),
  userName: z.string(),
  start: Timestamp,
  end: Timestamp,
  source: ShiftSourceSchema,
  /** In a final schedule: the shift began before the window and is cut at its start. */
  continuesBefore: z.boolean().optional(),
  /** In a final schedule: the shift goes on after the window and is cut at its end. */
  continuesAfter: z.boolean().optional(),
});
export type ShiftView = z.infer<typeof ShiftView>;

/** The final schedule over a window, the shifts of each layer and the uncovered gaps. */
export const FinalSchedule = z.object({
  from: Timestamp,
  to: Timestamp,
  shifts: z.array(ShiftView),
  layers: z.array(z.object({ index: z.number(), shifts: z.array(ShiftView) })),
  gaps: z.array(z.object({ start: Timestamp, end: Timestamp })),
});
export type FinalSchedule = z.infer<typeof FinalSchedule>;

export const MyShift = z.object({
  scheduleId: z.number(),
  scheduleName: z.string(),
  start: Timestamp,
  end: Timestamp,
  source: ShiftSourceSchema,
});

export const ESCALATION_TARGET_TYPES = ['user', 'schedule', 'team'] as const;

export const EscalationTarget = z.object({ type: z.enum(ESCALATION_TARGET_TYPES), id: Id });
export type EscalationTarget = z.infer<typeof EscalationTarget>;

export const EscalationStep = z.object({
  /** Minutes after this step pages before the next step (or the next repeat) does. */
  delayMinutes: z.number().int().min(1).max(1440),
  targets: z.array(EscalationTarget).min(1, 'must name at least one target').max(20),
});
export type EscalationStep = z.infer<typeof EscalationStep>;

export const EscalationPolicyBody = z.object({
  name: Name,
  description: Description.optional(),
  /** How many more times the steps run when nobody acknowledges. */
  repeatCount: z.number().int().min(0).max(9).default(0),
  steps: z.array(EscalationStep).min(1, 'must have at least one step').max(20),
});
export type EscalationPolicyBody = z.input<typeof EscalationPolicyBody>;

export const EscalationPolicyPatch = z
  .object({
    name: Name,
    description: Description,
    repeatCount: z.number().int().min(0).max(9),
    steps: EscalationPolicyBody.shape.steps,
  })
  .partial()
  .strict();
export type EscalationPolicyPatch = z.infer<typeof EscalationPolicyPatch>;

export const EscalationPolicy = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  repeatCount: z.number(),
  steps: z.array(
    z.object({
      delayMinutes: z.number(),
      targets: z.array(EscalationTarget.extend({ name: z.string() })),
    }),
  ),
  services: z.array(z.object({ id: z.number(), name: z.string() })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type EscalationPolicy = z.infer<typeof EscalationPolicy>;

export const ServicePolicyBody = z.object({ policyId: Id.nullable() });

/** One person paged about an incident: when, why, how the message went and whether they acknowledged. */
export const PagedPerson = z.object({
  user: z.object({ id: z.number(), name: z.string() }),
  reason: z.string(),
  pagedAt: Timestamp,
  channel: z.string().nullable(),
  /** The outbox status of the message carrying the page (null once it is gone). */
  delivery: z.enum(['pending', 'sending', 'sent', 'dead', 'cancelled']).nullable(),
  sentAt: Timestamp.nullable(),
  hasAcknowledged: z.boolean(),
});
export type PagedPerson = z.infer<typeof PagedPerson>;

/** The escalation of one incident, as the incident page shows it. */
export const EscalationState = z.object({
  incidentRef: z.string(),
  policyId: z.number().nullable(),
  isActive: z.boolean(),
  stepIndex: z.number().nullable(),
  repeatIndex: z.number().nullable(),
  nextAt: Timestamp.nullable(),
  /** `escalating`, or why nobody is being paged (see docs/on-call.md). */
  reason: z.enum(ESCALATION_REASONS),
  /** The reason as a sentence. */
  reasonText: z.string(),
  /** Everyone paged about the incident, newest first. */
  paged: z.array(PagedPerson),
  acknowledgedBy: z.object({ id: z.number().nullable(), name: z.string() }).nullable(),
  acknowledgedAt: Timestamp.nullable(),
  /** False once the incident is resolved, closed, declined or merged (the API answers 409). */
  canReassign: z.boolean(),
  /** True while the incident is triggered. */
  canEscalate: z.boolean(),
});
export type EscalationState = z.infer<typeof EscalationState>;

/** Query of `GET /paging-preview`: the services an incident would be declared on. */
export const PagingPreviewQuery = z.object({
  serviceIds: z
    .string()
    .max(500)
    .regex(/^[1-9][0-9]{0,9}(,[1-9][0-9]{0,9})*$/, 'must be a comma list of service ids')
    .refine((value) => value.split(',').every((id) => Number(id) <= MAX_ID), 'is not a list of ids')
    .transform((value) => value.split(',').map(Number))
    .optional(),
});

/** Who declaring an incident as triggered would page first, or why nobody. */
export const PagingPreview = z.object({
  policy: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** The people the first step reaches now. */
  names: z.array(z.string()),
  reason: z.enum(ESCALATION_REASONS),
  reasonText: z.string(),
});
export type PagingPreview = z.infer<typeof PagingPreview>;

export const ReassignBody = z
  .object({ userIds: z.array(Id).min(1).max(50).optional(), scheduleId: Id.optional() })
  .refine((body) => (body.userIds === undefined) !== (body.scheduleId === undefined), {
    error: 'give either userIds or scheduleId',
    path: ['userIds'],
  });
export type ReassignBody = z.infer<typeof ReassignBody>;

export const CONTACT_METHOD_TYPES = [
  'email',
  'webhook',
  'slack',
  'teams',
  'ntfy',
  'pushover',
  'sms',
  'voice',
  'telegram',
] as const;
export type ContactMethodType = (typeof CONTACT_METHOD_TYPES)[number];

export const ContactMethodBody = z.object({
  type: z.enum(CONTACT_METHOD_TYPES),
  name: Name.optional(),
  address: z.string().trim().min(3).max(TEXT_LIMITS.address),
  /** Webhook: the HMAC key of `X-Beacon-Signature` (default: the server secret); ntfy: an access token; Pushover: the application token. */
  secret: z.string().min(16).max(200).optional(),
});
export type ContactMethodBody = z.infer<typeof ContactMethodBody>;

export const ContactMethod = z.object({
  id: z.number(),
  type: z.enum(CONTACT_METHOD_TYPES),
  name: z.string(),
  address: z.string(),
  hasSecret: z.boolean(),
  createdAt: Timestamp,
});
export type ContactMethod = z.infer<typeof ContactMethod>;

export const NotificationRule = z.object({
  contactMethodId: Id,
  delayMinutes: z.number().int().min(0).max(1440),
});
export type NotificationRule = z.infer<typeof NotificationRule>;

export const NotificationRules = z.object({
  rules: z.array(NotificationRule).max(50),
  /** True when the user has no rules and gets the default (email to their account address at once). */
  isDefault: z.boolean(),
});

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead', 'cancelled'] as const;

export const OutboxItem = z.object({
  id: z.number(),
  userId: z.number().nullable(),
  channel: z.string(),
  address: z.string(),
  kind: z.string(),
  incidentRefs: z.array(z.string()),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number(),
  nextAttemptAt: Timestamp,
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  sentAt: Timestamp.nullable(),
  /** Why a cancelled message was not sent (null otherwise). */
  cancelReason: z.enum(OUTBOX_CANCEL_REASONS).nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

/** One incident a notification tells someone about. */
export interface PageItem {
  incidentId: number;
  ref: string;
  title: string;
  severity: string;
  priority: string;
  /** Why: an escalation step, a reassignment… */
  reason: string;
  /** Dedupe key of the notification this item came from. */
  key: string;
  /** The incident's status when the message was sent (set by the sender; absent: triggered). */
  status?: string;
}

/** The payload of an outbox row: several items when notifications were bundled. */
export interface PagePayload {
  items: PageItem[];
  /** Set on a stakeholder update or an update reminder instead of a page. */
  notice?: UpdateNotice;
  /** Set on an invitation or password reset mail. */
  account?: AccountMail;
  /** Set on the mail answering a customer report (no incidents). */
  reporter?: ReporterMail;
  /** Set on the reminder of an overdue follow-up action (no incidents). */
  followUp?: FollowUpMail;
}
