import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../commands/context.js';
import { refreshMetricRollupsEvery } from '../../commands/metrics/metric-rollups.js';
import { JobRunner } from '../job-runner.js';

/**
 * How often the reliability metrics' rollups are brought up to date: changes show within
 * seconds; a round with nothing changed writes nothing, one with changes recounts their weeks.
 */
const REFRESH_INTERVAL_MS = 5_000;

interface Round {
  startedAt: number;
}

/**
 * The reliability metrics' rollups of one process: a round at most every five seconds recounts the
 * weeks whose incidents changed and the days whose pages or follow-ups changed. One process at a time holds the refresh lease (others skip
 * the round), each week is recounted in its own transaction and the watermark moves only when
 * every week is done, so a crash leaves the work to the next round. A round runs beside the
 * worker's ticks, not in them: the first count of a large history takes minutes, and paging
 * must not wait for it.
 */
export class MetricRollupRound extends JobRunner<Round> {
  readonly name = 'metric-rollups';

  constructor(
    private readonly ctx: AppContext,
    log: Pick<FastifyBaseLogger, 'error'>,
  ) {
    super(log, { concurrency: 1, isTickAwaitingWork: false });
  }

  /** The next round; none while one runs (one slot). */
  protected claim(): Promise<Round[]> {
    return Promise.resolve([{ startedAt: this.ctx.clock.now() }]);
  }

  protected async work(): Promise<boolean> {
    await refreshMetricRollupsEvery(this.ctx, REFRESH_INTERVAL_MS);
    return false;
  }

  protected describeFailure(round: Round) {
    return {
      context: { round: round.startedAt },
      message: 'metric rollup round failed; the lease is released and the next round retries',
    };
  }
}
