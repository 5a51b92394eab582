import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../commands/context.js';
import { autoCloseResolvedIncidents } from '../../commands/resolution/auto-close.js';
import { JobRunner } from '../job-runner.js';

/** One auto-close round: every resolved incident due when it runs. */
interface AutoCloseRound {
  startedAt: number;
}

/**
 * Auto-close of one process: each round claims the resolved incidents whose auto-close days
 * have passed by the injectable clock (locked rows, skipped by other processes) and closes
 * them, or records why not, in the claiming transaction. The timer is the incident's own
 * `resolved_at`, so a restart loses nothing and nothing closes twice.
 */
export class AutoClose extends JobRunner<AutoCloseRound> {
  readonly name = 'auto-close';

  constructor(
    private readonly ctx: AppContext,
    log: Pick<FastifyBaseLogger, 'error'>,
  ) {
    super(log, { concurrency: 1, isTickAwaitingWork: true });
  }

  /** Take the next round (the runner runs one at a time). */
  protected claim(): Promise<AutoCloseRound[]> {
    return Promise.resolve([{ startedAt: this.ctx.clock.now() }]);
  }

  /** Close what is due; incidents that lack something stay resolved with the reason recorded. */
  protected async work(): Promise<boolean> {
    await autoCloseResolvedIncidents(this.ctx);
    return false;
  }

  protected describeFailure(round: AutoCloseRound) {
    return { context: { round: round.startedAt }, message: 'auto-close round failed; the next tick retries' };
  }
}
