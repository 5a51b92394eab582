import type { AppContext } from '../../commands/context.js';
import { autoCloseResolvedIncidents } from '../../commands/resolution/auto-close.js';
import { RoundJob } from '../round-job.js';

/**
 * Auto-close of one process: each round claims the resolved incidents whose auto-close days
 * have passed by the injectable clock (locked rows, skipped by other processes) and closes
 * them, or records why not, in the claiming transaction. The timer is the incident's own
 * `resolved_at`, so a restart loses nothing and nothing closes twice.
 */
export class AutoClose extends RoundJob {
  readonly name = 'auto-close';
  protected readonly roundName = 'auto-close round';

  /** Close what is due; incidents that lack something stay resolved with the reason recorded. */
  protected round(ctx: AppContext): Promise<unknown> {
    return autoCloseResolvedIncidents(ctx);
  }
}
