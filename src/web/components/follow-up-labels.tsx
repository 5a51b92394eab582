import type { FollowUp, FollowUpPriority, FollowUpState } from '../../core/schemas/follow-ups.js';
import { formatTime } from './format.js';

/** How each follow-up state reads. */
export const FOLLOW_UP_STATE_TEXT: Record<FollowUpState, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  wont_do: "Won't do",
};

/** How each follow-up priority reads. */
export const FOLLOW_UP_PRIORITY_TEXT: Record<FollowUpPriority, string> = {
  urgent: 'Urgent',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** Coloured pill showing a follow-up's state. */
export function FollowUpStateBadge({ state }: { state: FollowUpState }) {
  return (
    <span className={`badge fu-state fu-${state}`} data-testid="follow-up-state">
      <span className="dot" aria-hidden="true" />
      {FOLLOW_UP_STATE_TEXT[state]}
    </span>
  );
}

/** Outlined pill showing a follow-up's priority. */
export function FollowUpPriorityBadge({ priority }: { priority: FollowUpPriority }) {
  return <span className={`badge fu-prio fu-prio-${priority}`}>{FOLLOW_UP_PRIORITY_TEXT[priority]}</span>;
}

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A due date as the day it was set for (due dates are the end of a UTC day). */
export function formatDueDay(iso: string): string {
  return day.format(new Date(iso));
}

/** The due date of a follow-up, flagged when overdue; a dash without one. */
export function FollowUpDue({ followUp }: { followUp: FollowUp }) {
  if (!followUp.dueAt) return <span className="muted">—</span>;
  return (
    <span
      className={followUp.isOverdue ? 'fu-due overdue' : 'fu-due'}
      title={formatTime(followUp.dueAt)}
      data-testid="follow-up-due"
    >
      {followUp.isOverdue ? 'Overdue · ' : ''}
      {formatDueDay(followUp.dueAt)}
    </span>
  );
}

/** The `YYYY-MM-DD` day of a due date, for a date input. */
export function dueDayOf(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '';
}
