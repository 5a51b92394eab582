import type { AppContext } from '../../commands/context.js';
import { remindOverdueFollowUps } from '../../commands/follow-ups/follow-up-reminders.js';
import { RoundJob } from '../round-job.js';

/**
 * Overdue follow-up reminders of one process: each round claims the follow-ups past their due
 * date that were not reminded of within the reminder period (locked rows, skipped by other
 * processes), queues a mail to each owner in the outbox and marks the rows in the same
 * transaction, so each period's reminder goes out once, after a restart too. The
 * `NotificationSender` then sends the mails.
 */
export class FollowUpReminders extends RoundJob {
  readonly name = 'follow-up-reminders';
  protected readonly roundName = 'follow-up reminder round';

  /** Queue the reminders of every overdue follow-up. */
  protected round(ctx: AppContext): Promise<unknown> {
    return remindOverdueFollowUps(ctx);
  }
}
