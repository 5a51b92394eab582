import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../commands/context.js';
import { JobRunner } from './job-runner.js';

/** One round of a timer table: every row due when it runs. */
interface Round {
  startedAt: number;
}

/**
 * A job whose work is rounds over timer rows the database claims, fires and finishes in one
 * transaction (`round`): a job item is a round, one runs at a time and a tick waits for it.
 * Safe in every process: rows another process holds are skipped, so each timer fires once.
 */
export abstract class RoundJob extends JobRunner<Round> {
  /** What a round does, named in the log when it fails ("update reminder round"). */
  protected abstract readonly roundName: string;

  constructor(
    protected readonly ctx: AppContext,
    log: Pick<FastifyBaseLogger, 'error'>,
  ) {
    super(log, { concurrency: 1, isTickAwaitingWork: true });
  }

  /** Fire every timer due now, by the injectable clock. */
  protected abstract round(ctx: AppContext): Promise<unknown>;

  /** Take the next round (the runner runs one at a time). */
  protected claim(): Promise<Round[]> {
    return Promise.resolve([{ startedAt: this.ctx.clock.now() }]);
  }

  protected async work(): Promise<boolean> {
    await this.round(this.ctx);
    return false;
  }

  protected describeFailure(round: Round) {
    return {
      context: { round: round.startedAt },
      message: `${this.roundName} failed; the next tick retries`,
    };
  }
}
