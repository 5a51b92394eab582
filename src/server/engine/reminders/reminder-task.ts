import { remindOverdueUpdates } from '../../commands/response/reminders.js';
import type { WorkerTask } from '../worker.js';

/**
 * The update-reminder task of a Beacon process: each tick claims the reminder rows that are
 * overdue by the injectable clock and queues the reminders in the outbox, which the paging
 * task then sends. Safe to run in every process: rows are claimed in the database.
 */
export function reminderTask(): WorkerTask {
  return { name: 'update-reminders', run: (ctx) => remindOverdueUpdates(ctx) };
}
