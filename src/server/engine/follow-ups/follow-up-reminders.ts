import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../commands/context.js';
import { remindOverdueFollowUps } from '../../commands/follow-ups/follow-up-reminders.js';
import { JobRunner } from '../job-runner.js';

/** One reminder round: every overdue follow-up due a reminder when it runs. */
interface ReminderRound {
  startedAt: number;
}

/**
 * Overdue follow-up reminders of one process: each round claims the follow-ups past their due
 * date that were not reminded of within the reminder period (locked rows, skipped by other
 * processes), queues a mail to each owner in the outbox and marks the rows in the same
 * transaction, so each period's reminder goes out once, after a restart too. The
 * `NotificationSender` then sends the mails.
 */
export class FollowUpReminders extends JobRunner<ReminderRound> {
  readonly name = 'follow-up-reminders';

  constructor(
    private readonly ctx: AppContext,
    log: Pick<FastifyBaseLogger, 'error'>,
  ) {
    super(log, { concurrency: 1, isTickAwaitingWork: true });
  }

  /** Take the next round (the runner runs one at a time). */
  protected claim(): Promise<ReminderRound[]> {
    return Promise.resolve([{ startedAt: this.ctx.clock.now() }]);
  }

  /** Queue the reminders of every overdue follow-up. */
  protected async work(): Promise<boolean> {
    await remindOverdueFollowUps(this.ctx);
    return false;
  }

  protected describeFailure(round: ReminderRound) {
    return {
      context: { round: round.startedAt },
      message: 'follow-up reminder round failed; the next tick retries',
    };
  }
}
