import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../commands/context.js';
import { forgetExpiredActionLinks } from '../../commands/oncall/action-links.js';
import { escalateDueIncidents, nextEscalationDueAt } from '../../commands/oncall/fire-escalations.js';
import type { Config } from '../../config.js';
import type { WorkerTask } from '../worker.js';

/** What the escalation engine needs from the configuration. */
export type EscalationConfig = Pick<Config, 'notifyBundleSeconds'>;

/** A step due sooner than this after a tick gets its own timer instead of waiting for the next tick. */
const PRECISE_HORIZON_MS = 1_500;
/** How often expired one-click link ids are forgotten. */
const PRUNE_EVERY_MS = 3_600_000;

/**
 * The durable escalation timers of one process: fire due escalation steps into the
 * notification outbox (the `NotificationSender` sends them). Every step is claimed in the
 * database, so several processes share the work and a restarted one picks up where a dead
 * one stopped.
 */
export class EscalationEngine {
  private readonly isPrecise: boolean;
  private timer: NodeJS.Timeout | undefined;
  private lastPruneAt = -Infinity;

  constructor(
    private readonly ctx: AppContext,
    private readonly config: EscalationConfig,
    private readonly log: Pick<FastifyBaseLogger, 'warn'>,
    options: { isPrecise?: boolean } = {},
  ) {
    // Tests move a manual clock and call tick() themselves; a real timer would race them.
    this.isPrecise = options.isPrecise ?? false;
  }

  /** The worker task to `worker.add`. */
  task(): WorkerTask {
    return { name: 'escalations', run: () => this.tick() };
  }

  /** Fire due steps and forget expired link ids; returns how many steps fired. */
  async tick(): Promise<number> {
    const fired = await this.escalate();
    await this.prune();
    if (this.isPrecise) await this.armTimer();
    return fired;
  }

  /** Fire every due escalation step (writes outbox rows). */
  escalate(): Promise<number> {
    return escalateDueIncidents(this.ctx, { bundleMs: this.config.notifyBundleSeconds * 1000 });
  }

  /** Stop the step timer. */
  close(): void {
    clearTimeout(this.timer);
  }

  /** Forget expired link ids, at most once an hour. */
  private async prune(): Promise<void> {
    const now = this.ctx.clock.now();
    if (now - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = now;
    await forgetExpiredActionLinks(this.ctx);
  }

  /**
   * The worker ticks once a second; a step due before the next tick gets a timer of its own,
   * so steps fire within milliseconds of their due time rather than up to a second late.
   */
  private async armTimer(): Promise<void> {
    if (this.timer) return;
    const dueAt = await nextEscalationDueAt(this.ctx);
    const wait = dueAt === undefined ? Infinity : dueAt - this.ctx.clock.now();
    if (wait > PRECISE_HORIZON_MS) return;
    this.timer = setTimeout(
      () => {
        this.escalate()
          .then(() => {
            this.timer = undefined;
            return this.armTimer();
          })
          .catch((error: unknown) => {
            this.timer = undefined;
            this.log.warn({ err: error }, 'escalation timer failed; the next tick retries');
          });
      },
      Math.max(0, wait),
    );
    this.timer.unref();
  }
}
