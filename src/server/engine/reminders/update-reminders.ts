import type { AppContext } from '../../commands/context.js';
import { remindOverdueUpdates } from '../../commands/response/reminders.js';
import { RoundJob } from '../round-job.js';

/**
 * The update reminders of one process: each round claims the reminder rows that are overdue
 * by the injectable clock and queues the reminders in the outbox, which the
 * `NotificationSender` then sends, one transaction per severity. Each overdue period is
 * reminded of once, across processes.
 */
export class UpdateReminders extends RoundJob {
  readonly name = 'update-reminders';
  protected readonly roundName = 'update reminder round';

  /** Remind of every overdue update: outbox rows, timeline lines and new quiet periods. */
  protected round(ctx: AppContext): Promise<unknown> {
    return remindOverdueUpdates(ctx);
  }
}
