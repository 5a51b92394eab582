import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../commands/context.js';
import { deliveries } from '../observability/process-metrics.js';
import {
  type ClaimedWebhook,
  RESPONSE_SNIPPET_BYTES,
  claimWebhookDeliveries,
  pruneWebhookLog,
  recordWebhookAttempt,
  webhookEventOfDelivery,
} from '../commands/outbox/webhooks.js';
import type { Config } from '../config.js';
import { postEvent } from '../notify/event-webhook.js';
import { JobRunner } from './job-runner.js';

/** How long a claimed delivery is ours before another process may take it over. */
const LEASE_MS = 60_000;
/** Requests in flight at once from one process. */
const CONCURRENCY = 20;
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Sends queued webhook events to their subscriptions and prunes the delivery log. Every
 * delivery is leased in the database, so several processes share the work. Requests run in
 * the background: a slow receiver never holds up the worker's other tasks (paging).
 */
export class WebhookSender extends JobRunner<ClaimedWebhook> {
  readonly name = 'webhook-deliveries';
  private lastPrunedAt: number | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly config: Pick<Config, 'baseUrl'>,
    private readonly log: Pick<FastifyBaseLogger, 'warn' | 'error'>,
    private readonly options: { timeoutMs?: number } = {},
  ) {
    super(log, { concurrency: CONCURRENCY });
  }

  /** Prune the delivery log now (the tick does it every ten minutes). */
  prune(): Promise<number> {
    this.lastPrunedAt = this.ctx.clock.now();
    return pruneWebhookLog(this.ctx);
  }

  /** Prune the log every ten minutes; pruning is not counted as work taken up. */
  protected override async housekeep(): Promise<number> {
    const now = this.ctx.clock.now();
    if (this.lastPrunedAt === undefined || now - this.lastPrunedAt >= PRUNE_EVERY_MS) await this.prune();
    return 0;
  }

  /** Lease up to `limit` due deliveries. */
  protected claim(limit: number): Promise<ClaimedWebhook[]> {
    return claimWebhookDeliveries(this.ctx, { leaseMs: LEASE_MS, limit });
  }

  /** Send one delivery and record the attempt; true when delivered (the next may be due). */
  protected work(delivery: ClaimedWebhook): Promise<boolean> {
    return this.sendOne(delivery);
  }

  protected describeFailure(delivery: ClaimedWebhook) {
    return { context: { delivery: delivery.row.delivery_id }, message: 'webhook delivery failed to record' };
  }

  private async sendOne(delivery: ClaimedWebhook): Promise<boolean> {
    const at = this.ctx.clock.now();
    const response = await postEvent(
      {
        url: delivery.url,
        body: JSON.stringify(webhookEventOfDelivery(delivery.row, this.config.baseUrl)),
        secret: delivery.secret,
        now: at,
        eventType: delivery.row.event_type,
        deliveryId: delivery.row.delivery_id,
        attempt: delivery.row.attempts,
        allow: this.ctx.outboundAllow,
      },
      {
        snippetBytes: RESPONSE_SNIPPET_BYTES,
        ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
      },
    );
    const outcome = await recordWebhookAttempt(this.ctx, delivery, { at, ...response });
    deliveries.inc({ channel: 'webhook_event', outcome: outcome === 'delivered' ? 'sent' : 'failed' });
    if (outcome !== 'delivered') {
      this.log.warn(
        { delivery: delivery.row.delivery_id, error: response.error, outcome },
        outcome === 'lost' ? 'webhook sent after its lease expired' : 'webhook delivery failed',
      );
    }
    return outcome === 'delivered';
  }
}
