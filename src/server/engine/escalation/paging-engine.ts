import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../commands/context.js';
import {
  forgetExpiredActionLinks,
  serverSigningSecret,
  signActionLink,
} from '../../commands/oncall/action-links.js';
import { escalateDueIncidents, nextEscalationDueAt } from '../../commands/oncall/fire-escalations.js';
import {
  type ClaimedNotification,
  claimNotifications,
  recordFailure,
  recordSent,
} from '../../commands/oncall/outbox.js';
import type { Config } from '../../config.js';
import { type Channels, type OutboundMessage, createChannels } from '../../notify/index.js';
import type { WorkerTask } from '../worker.js';

/** What the paging engine needs from the configuration. */
export type PagingConfig = Pick<
  Config,
  'baseUrl' | 'secret' | 'notifyBundleSeconds' | 'smtpUrl' | 'smtpFrom'
>;

/** How long a claimed message is ours before another process may take it over. */
const LEASE_MS = 60_000;
const SEND_BATCH = 20;
/** A step due sooner than this after a tick gets its own timer instead of waiting for the next tick. */
const PRECISE_HORIZON_MS = 1_500;
/** How often expired one-click link ids are forgotten. */
const PRUNE_EVERY_MS = 3_600_000;

/**
 * The durable paging loop of one process: fire due escalation steps into the outbox, then
 * send due outbox messages on their channels. Every step is claimed in the database, so
 * several processes share the work and a restarted one picks up where a dead one stopped.
 */
export class PagingEngine {
  private readonly channels: Channels;
  private readonly isPrecise: boolean;
  private timer: NodeJS.Timeout | undefined;
  private lastPruneAt = -Infinity;

  constructor(
    private readonly ctx: AppContext,
    private readonly config: PagingConfig,
    private readonly log: Pick<FastifyBaseLogger, 'error' | 'warn'>,
    options: { channels?: Channels; isPrecise?: boolean } = {},
  ) {
    this.channels = options.channels ?? createChannels(config);
    // Tests move a manual clock and call tick() themselves; a real timer would race them.
    this.isPrecise = options.isPrecise ?? false;
  }

  /** The worker task to `worker.add`. */
  task(): WorkerTask {
    return { name: 'paging', run: () => this.tick() };
  }

  /** Fire due steps, then send what is due; returns how much was done. */
  async tick(): Promise<number> {
    const fired = await this.escalate();
    const sent = await this.deliver();
    await this.prune();
    if (this.isPrecise) await this.armTimer();
    return fired + sent;
  }

  /** Fire every due escalation step (writes outbox rows). */
  escalate(): Promise<number> {
    return escalateDueIncidents(this.ctx, { bundleMs: this.config.notifyBundleSeconds * 1000 });
  }

  /** Send the due outbox messages (a batch per call); returns how many were attempted. */
  async deliver(): Promise<number> {
    const claimed = await claimNotifications(this.ctx, { leaseMs: LEASE_MS, limit: SEND_BATCH });
    if (claimed.length === 0) return 0;
    const secret = await serverSigningSecret(this.ctx, this.config.secret);
    await Promise.all(claimed.map((notification) => this.sendOne(notification, secret)));
    return claimed.length;
  }

  /** Forget expired link ids, at most once an hour. */
  private async prune(): Promise<void> {
    const now = this.ctx.clock.now();
    if (now - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = now;
    await forgetExpiredActionLinks(this.ctx);
  }

  /** Stop the step timer and close the channels' connections. */
  close(): void {
    clearTimeout(this.timer);
    this.channels.close();
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

  private async sendOne(notification: ClaimedNotification, secret: string): Promise<void> {
    try {
      await this.channels.send(this.messageOf(notification, secret));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log.warn({ notification: notification.row.id, err: reason }, 'notification failed; will retry');
      await recordFailure(this.ctx, notification, reason);
      return;
    }
    if (!(await recordSent(this.ctx, notification))) {
      this.log.warn({ notification: notification.row.id }, 'notification sent after its lease expired');
    }
  }

  private messageOf(notification: ClaimedNotification, secret: string): OutboundMessage {
    const { row } = notification;
    const now = this.ctx.clock.now();
    const base = this.config.baseUrl;
    const link = (incidentId: number, action: 'ack' | 'resolve') =>
      `${base}/ack/${signActionLink(secret, { incidentId, action, userId: row.user_id, now })}`;
    return {
      channel: row.channel,
      address: row.address,
      recipientName: notification.recipientName,
      secret: notification.secret ?? secret,
      now,
      notice: notification.notice,
      incidents: notification.items.map((item) => ({
        ...item,
        url: `${base}/incidents/${item.ref}`,
        ackUrl: link(item.incidentId, 'ack'),
        resolveUrl: link(item.incidentId, 'resolve'),
      })),
    };
  }
}

/** The paging task of a Beacon process (escalations and notifications). */
export function pagingTask(
  ctx: AppContext,
  config: PagingConfig,
  log: Pick<FastifyBaseLogger, 'error' | 'warn'>,
): WorkerTask {
  return new PagingEngine(ctx, config, log, { isPrecise: true }).task();
}
