import { z } from 'zod';
import { TEXT_LIMITS } from '../text/limits.js';
import { Timestamp } from './common.js';

/** What the alert pipeline attaches: alerts, change events, and what triage rules set. */
export const DETECTION_TIMELINE_KINDS = [
  'alert_attached',
  'alerts_resolved',
  'change_event',
  'triaged',
] as const;
/** Paging bookkeeping: an escalation step fired, a person notified, a message given up as dead. */
export const PAGING_TIMELINE_KINDS = ['escalated', 'notified', 'notification_failed'] as const;
/** Response bookkeeping: a plan attached, its tasks added, ticked and removed. */
export const TASK_TIMELINE_KINDS = ['plan_attached', 'task_added', 'task_updated', 'task_removed'] as const;
/** The post-incident review: started when the incident resolves, sent for review, approved, published. */
export const REVIEW_TIMELINE_KINDS = ['review_started', 'review_state_changed', 'review_approved'] as const;

/** Follow-up actions linked, done (or won't do), and auto-close leaving an incident resolved. */
export const FOLLOW_UP_TIMELINE_KINDS = ['follow_up_added', 'follow_up_done', 'auto_close_skipped'] as const;

export const TIMELINE_KINDS = [
  'declared',
  'updated',
  'status_changed',
  'acknowledged',
  'resolved',
  'closed',
  'reopened',
  'declined',
  'merged_into',
  'merged_from',
  'note',
  ...DETECTION_TIMELINE_KINDS,
  ...PAGING_TIMELINE_KINDS,
  ...TASK_TIMELINE_KINDS,
  'role_assigned',
  'status_update',
  'stakeholder_update',
  /** A public update published to (or corrected on) the status page. */
  'public_update',
  'reminder_sent',
  'stakeholders_changed',
  'report_linked',
  'report_unlinked',
  /** The resolution record edited (its own line; resolving or closing with it writes one too). */
  'resolution_updated',
  ...FOLLOW_UP_TIMELINE_KINDS,
  ...REVIEW_TIMELINE_KINDS,
  /** Marked as a recurrence of an earlier incident, or the mark undone (both incidents' timelines). */
  'recurrence_marked',
  'recurrence_unmarked',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Who did something: a person, an API token acting for one, or Beacon itself. */
export const Actor = z.object({
  type: z.enum(['user', 'system']),
  id: z.number().nullable(),
  name: z.string(),
});
export type Actor = z.infer<typeof Actor>;

/** One field's value before and after a change. */
export const FieldChange = z.object({ before: z.unknown(), after: z.unknown() });

/** One immutable line of an incident's timeline. */
export const TimelineEntry = z.object({
  id: z.number(),
  incidentRef: z.string(),
  at: Timestamp,
  actor: Actor,
  kind: z.enum(TIMELINE_KINDS),
  changes: z.record(z.string(), FieldChange).nullable(),
  body: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Timeline = z.object({ items: z.array(TimelineEntry) });

/** Body of `POST /incidents/:ref/notes`. */
export const NoteBody = z.object({
  body: z.string().trim().min(1, 'must not be empty').max(TEXT_LIMITS.longText),
});
export type NoteBody = z.infer<typeof NoteBody>;
