import type { TimelineKind } from '../schemas/timeline.js';

/**
 * Timeline lines that never change what similarity reads of an incident (its title, summary,
 * root cause, resolution, category, services, alert labels, start, and whether it was merged or
 * declined): paging, acknowledgements, notes, updates, tasks, roles, reports, reviews,
 * follow-ups, recurrence marks. Any other line may, and has the incident's stored features
 * rewritten before its transaction commits.
 */
const NEUTRAL_KINDS: ReadonlySet<TimelineKind> = new Set<TimelineKind>([
  'acknowledged',
  'note',
  'alerts_resolved',
  'change_event',
  'escalated',
  'notified',
  'notification_failed',
  'plan_attached',
  'task_added',
  'task_updated',
  'task_removed',
  'role_assigned',
  'status_update',
  'stakeholder_update',
  'public_update',
  'reminder_sent',
  'stakeholders_changed',
  'report_linked',
  'report_unlinked',
  'follow_up_added',
  'follow_up_done',
  'auto_close_skipped',
  'review_started',
  'review_state_changed',
  'review_approved',
  'recurrence_marked',
  'recurrence_unmarked',
]);

/** Whether a timeline line of this kind may change the incident's similarity features. */
export function mayChangeFeatures(kind: TimelineKind): boolean {
  return !NEUTRAL_KINDS.has(kind);
}
