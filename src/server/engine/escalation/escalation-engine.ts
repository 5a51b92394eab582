import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../commands/context.js';
import { forgetExpiredActionLinks } from '../../commands/oncall/action-links.js';
import { escalationLag } from '../../observability/process-metrics.js';
import { escalateDueIncidents, nextEscalationDueAt } from '../../commands/oncall/fire-escalations.js';
import type { Config } from '../../config.js';
import { JobRunner } from '../job-runner.js';

/** What the escalation engine needs from the configuration. */
export type EscalationConfig = Pick<Config, 'notifyBundleSeconds'>;

/** A step due sooner than this after a tick gets its own timer instead of waiting for the next tick. */
const PRECISE_HORIZON_MS = 1_500;
/** How often expired one-click link ids are forgotten. */
const PRUNE_EVERY_MS = 3_600_000;

/** One round of the escalation timers: every step due when it runs. */
interface EscalationRound {
  startedAt: number;
}

/**
 * The durable escalation timers of one process: fire due escalation steps into the
 * notification outbox (the `NotificationSender` sends them). Steps are timer rows that the
 * database claims, fires and finishes in one transaction per batch, so a job item is a round
 * of them; one round runs at a time, and a tick waits for it. Several processes share the
 * work (rows another holds are skipped) and a restarted one picks up where a dead one stopped.
 */
export class EscalationEngine extends JobRunner<EscalationRound> {
  readonly name = 'escalations';
  private readonly isPrecise: boolean;
  private timer: NodeJS.Timeout | undefined;
  private timerRound: Promise<void> | undefined;
  private lastPruneAt = -Infinity;

  constructor(
    private readonly ctx: AppContext,
    private readonly config: EscalationConfig,
    private readonly log: Pick<FastifyBaseLogger, 'error' | 'warn'>,
    options: { isPrecise?: boolean } = {},
  ) {
    super(log, { concurrency: 1, isTickAwaitingWork: true });
    // Tests move a manual clock and tick themselves; a real timer would race them.
    this.isPrecise = options.isPrecise ?? false;
  }

  /** Forget expired link ids, fire the due steps; then time a step due before the next tick. */
  override async tick(): Promise<number> {
    const rounds = await super.tick();
    if (this.isPrecise) await this.armTimer({ isDueNowTimed: true });
    return rounds;
  }

  /** Stop claiming and the step timer, and wait for a round in flight. */
  override async close(): Promise<void> {
    const closed = super.close();
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.timerRound;
    await closed;
  }

  /** Forget expired link ids, at most once an hour; not counted as work. */
  protected override async housekeep(): Promise<number> {
    const now = this.ctx.clock.now();
    if (now - this.lastPruneAt < PRUNE_EVERY_MS) return 0;
    this.lastPruneAt = now;
    await forgetExpiredActionLinks(this.ctx);
    return 0;
  }

  /** Take the next round (the runner runs one at a time). */
  protected claim(): Promise<EscalationRound[]> {
    return Promise.resolve([{ startedAt: this.ctx.clock.now() }]);
  }

  /** Fire every due step (outbox rows, timeline lines, runs moved on) in one transaction per batch. */
  protected async work(): Promise<boolean> {
    await escalateDueIncidents(this.ctx, { bundleMs: this.config.notifyBundleSeconds * 1000 }, (lateByMs) =>
      escalationLag.observe(Math.max(0, lateByMs) / 1000),
    );
    return false;
  }

  protected describeFailure(round: EscalationRound) {
    return { context: { round: round.startedAt }, message: 'escalation round failed; the next tick retries' };
  }

  /**
   * The worker ticks once a second; a step due before the next tick gets a timer of its own,
   * so steps fire within milliseconds of their due time rather than up to a second late.
   * After the timer's own round, a step still due now (skipped or failed) waits for the next
   * tick instead of spinning the timer.
   */
  private async armTimer(options: { isDueNowTimed: boolean }): Promise<void> {
    if (this.timer || this.isClosed) return;
    const dueAt = await nextEscalationDueAt(this.ctx);
    const wait = dueAt === undefined ? Infinity : dueAt - this.ctx.clock.now();
    if (wait > PRECISE_HORIZON_MS || (wait <= 0 && !options.isDueNowTimed)) return;
    if (this.timer || this.isClosed) return;
    this.timer = setTimeout(
      () => {
        this.timerRound = this.fireFromTimer().finally(() => {
          this.timerRound = undefined;
        });
      },
      Math.max(0, wait),
    );
    this.timer.unref();
  }

  private async fireFromTimer(): Promise<void> {
    try {
      await super.tick();
      this.timer = undefined;
      await this.armTimer({ isDueNowTimed: false });
    } catch (error) {
      this.timer = undefined;
      this.log.warn({ err: error }, 'escalation timer failed; the next tick retries');
    }
  }
}
