import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../commands/context.js';
import {
  type ClaimedWebhook,
  RESPONSE_SNIPPET_BYTES,
  claimWebhookDeliveries,
  pruneWebhookLog,
  recordWebhookAttempt,
  webhookEventBody,
} from '../commands/webhooks/outbox.js';
import type { Config } from '../config.js';
import { postEvent } from '../notify/event-webhook.js';
import type { WorkerTask } from './worker.js';

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
export class WebhookSender {
  private readonly running = new Set<Promise<void>>();
  private lastPrunedAt: number | undefined;
  private isClosed = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly config: Pick<Config, 'baseUrl'>,
    private readonly log: Pick<FastifyBaseLogger, 'warn' | 'error'>,
    private readonly options: { timeoutMs?: number } = {},
  ) {}

  /** The worker task to `worker.add`. */
  task(): WorkerTask {
    return { name: 'webhooks', run: () => this.tick() };
  }

  /** Start sending what is due and prune the log when it is time; returns deliveries taken up. */
  async tick(): Promise<number> {
    const count = await this.claimAndStart();
    await this.pruneWhenDue();
    return count;
  }

  /** Wait for every request started so far, and those they led to, to be recorded. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** One tick, then wait for what it started (tests). */
  async runOnce(): Promise<number> {
    const count = await this.tick();
    await this.drain();
    return count;
  }

  /** Stop starting requests and wait for those in flight (shutdown). */
  async close(): Promise<void> {
    this.isClosed = true;
    await this.drain();
  }

  /** Prune the delivery log now (the tick does it every ten minutes). */
  prune(): Promise<number> {
    this.lastPrunedAt = this.ctx.clock.now();
    return pruneWebhookLog(this.ctx);
  }

  private async pruneWhenDue(): Promise<void> {
    const now = this.ctx.clock.now();
    if (this.lastPrunedAt !== undefined && now - this.lastPrunedAt < PRUNE_EVERY_MS) return;
    await this.prune();
  }

  private async claimAndStart(): Promise<number> {
    const free = CONCURRENCY - this.running.size;
    if (this.isClosed || free <= 0) return 0;
    const claimed = await claimWebhookDeliveries(this.ctx, { leaseMs: LEASE_MS, limit: free });
    for (const delivery of claimed) this.start(delivery);
    return claimed.length;
  }

  private start(delivery: ClaimedWebhook): void {
    const run: Promise<void> = this.sendOne(delivery)
      // A delivered event may have let the incident's next one become due: take it at once
      // rather than a tick later, so a burst of changes goes out quickly and in order.
      .then((isDelivered) => (isDelivered ? this.claimAndStart() : 0))
      .then(() => undefined)
      .catch((error: unknown) => {
        this.log.error(
          { err: error, delivery: delivery.row.delivery_id },
          'webhook delivery failed to record',
        );
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private async sendOne(delivery: ClaimedWebhook): Promise<boolean> {
    const at = this.ctx.clock.now();
    const response = await postEvent(
      {
        url: delivery.url,
        body: webhookEventBody(delivery.row, this.config.baseUrl),
        secret: delivery.secret,
        now: at,
        eventType: delivery.row.event_type,
        deliveryId: delivery.row.delivery_id,
        attempt: delivery.row.attempts,
      },
      {
        snippetBytes: RESPONSE_SNIPPET_BYTES,
        ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
      },
    );
    const outcome = await recordWebhookAttempt(this.ctx, delivery, { at, ...response });
    if (outcome !== 'delivered') {
      this.log.warn(
        { delivery: delivery.row.delivery_id, error: response.error, outcome },
        outcome === 'lost' ? 'webhook sent after its lease expired' : 'webhook delivery failed',
      );
    }
    return outcome === 'delivered';
  }
}
