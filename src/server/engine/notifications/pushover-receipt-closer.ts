import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../commands/context.js';
import {
  type ReceiptToClose,
  claimReceiptsToClose,
  recordReceiptClosed,
} from '../../commands/outbox/pushover-receipts.js';
import { PUSHOVER_API_URL, PUSHOVER_EXPIRE_SECONDS, cancelPushoverReceipt } from '../../notify/pushover.js';
import { JobRunner } from '../job-runner.js';

/** How long a receipt is this process's to cancel; a failed cancel is tried again after it. */
const LEASE_MS = 30_000;
const BATCH = 10;

/**
 * Stops Pushover emergency pages alerting once their incidents are acknowledged in Beacon
 * (on the web, by SMS, chat, another phone…): each such receipt is cancelled at Pushover
 * once. Receipts are leased in the database, so several processes share the work.
 */
export class PushoverReceiptCloser extends JobRunner<ReceiptToClose> {
  readonly name = 'pushover-receipts';

  constructor(
    private readonly ctx: AppContext,
    private readonly log: Pick<FastifyBaseLogger, 'error' | 'info'>,
    private readonly apiUrl = PUSHOVER_API_URL,
  ) {
    super(log, { concurrency: BATCH, isTickAwaitingWork: true });
  }

  protected claim(limit: number): Promise<ReceiptToClose[]> {
    const sentSince = this.ctx.clock.now() - PUSHOVER_EXPIRE_SECONDS * 1000;
    return claimReceiptsToClose(this.ctx, { sentSince, leaseMs: LEASE_MS, limit });
  }

  protected async work(item: ReceiptToClose): Promise<boolean> {
    const outcome = await cancelPushoverReceipt(item, this.ctx.outboundAllow, this.apiUrl);
    await recordReceiptClosed(this.ctx, item.outboxId);
    this.log.info({ notification: item.outboxId, outcome }, 'Pushover emergency page stopped');
    return false;
  }

  protected describeFailure(item: ReceiptToClose) {
    return {
      context: { notification: item.outboxId },
      message: 'stopping a Pushover emergency page failed; tried again in 30 s',
    };
  }
}
