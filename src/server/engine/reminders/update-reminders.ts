import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../commands/context.js';
import { remindOverdueUpdates } from '../../commands/response/reminders.js';
import { JobRunner } from '../job-runner.js';

/** One round of the reminder timers: every reminder overdue when it runs. */
interface ReminderRound {
  startedAt: number;
}

/**
 * The update reminders of one process: each round claims the reminder rows that are overdue
 * by the injectable clock and queues the reminders in the outbox, which the
 * `NotificationSender` then sends. Reminder rows are timers that the database claims, fires
 * and finishes in one transaction per severity, so a job item is a round of them; one round
 * runs at a time, and a tick waits for it. Safe in every process: rows another process holds
 * are skipped, so each overdue period is reminded of once.
 */
export class UpdateReminders extends JobRunner<ReminderRound> {
  readonly name = 'update-reminders';

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

  /** Remind of every overdue update: outbox rows, timeline lines and new quiet periods. */
  protected async work(): Promise<boolean> {
    await remindOverdueUpdates(this.ctx);
    return false;
  }

  protected describeFailure(round: ReminderRound) {
    return {
      context: { round: round.startedAt },
      message: 'update reminder round failed; the next tick retries',
    };
  }
}
