import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../commands/context.js';
import { serverSigningSecret } from '../commands/oncall/action-links.js';
import {
  type ClaimedSubscriberMessage,
  claimSubscriberMessages,
  recordSubscriberMessageFailure,
  recordSubscriberMessageSent,
} from '../commands/outbox/subscriber-messages.js';
import { announceComponentChanges } from '../commands/status/component-updates.js';
import { announceMaintenance } from '../commands/status/subscriber-news.js';
import type { Config } from '../config.js';
import { postEvent } from '../notify/event-webhook.js';
import { SubscriberMailer } from '../notify/subscriber-mailer.js';
import { JobRunner } from './job-runner.js';

/** How long a claimed message is ours before another process may take it over. */
const LEASE_MS = 60_000;
const CONCURRENCY = 20;

/** What the subscriber sender needs from the configuration. */
export type SubscriberSenderConfig = Pick<Config, 'baseUrl' | 'secret' | 'smtpUrl' | 'smtpFrom'>;

/**
 * Sends status-page subscribers their confirmations and news (mail, or signed webhooks in
 * Statuspage's shape), and each tick first announces maintenance steps that time has reached.
 * Messages are leased in the database, so several processes share the work and a restarted one
 * takes up what a dead one left; a message is finished once, so nobody gets it twice.
 */
export class SubscriberSender extends JobRunner<ClaimedSubscriberMessage> {
  readonly name = 'status-subscribers';
  private readonly mailer: SubscriberMailer;

  constructor(
    private readonly ctx: AppContext,
    private readonly config: SubscriberSenderConfig,
    private readonly log: Pick<FastifyBaseLogger, 'warn' | 'error'>,
    private readonly options: { timeoutMs?: number } = {},
  ) {
    super(log, { concurrency: CONCURRENCY, isTickAwaitingWork: true });
    this.mailer = new SubscriberMailer(config.smtpUrl, config.smtpFrom);
  }

  /** Stop claiming, wait for the sends in flight, then close the mail connections. */
  override async close(): Promise<void> {
    await super.close();
    this.mailer.close();
  }

  /**
   * Before the claim: maintenance steps reached by the clock become news, and component status
   * changes no command made (a window starting or ending, checks failing) become updates.
   */
  protected override async housekeep(): Promise<number> {
    return (await announceMaintenance(this.ctx)) + (await announceComponentChanges(this.ctx));
  }

  protected async claim(limit: number): Promise<ClaimedSubscriberMessage[]> {
    const signingSecret = await serverSigningSecret(this.ctx, this.config.secret);
    return claimSubscriberMessages(this.ctx, {
      baseUrl: this.config.baseUrl,
      signingSecret,
      leaseMs: LEASE_MS,
      limit,
    });
  }

  protected async work(message: ClaimedSubscriberMessage): Promise<boolean> {
    const error = await this.send(message);
    if (error !== null) {
      this.log.warn(
        { subscriberMessage: message.row.id, err: error },
        'subscriber message failed; will retry',
      );
      await recordSubscriberMessageFailure(this.ctx, message, error);
      return false;
    }
    if (!(await recordSubscriberMessageSent(this.ctx, message))) {
      this.log.warn({ subscriberMessage: message.row.id }, 'subscriber message sent after its lease expired');
    }
    return false;
  }

  protected describeFailure(message: ClaimedSubscriberMessage) {
    return {
      context: { subscriberMessage: message.row.id },
      message: 'subscriber message failed to record; retried when its lease expires',
    };
  }

  /** Send one message; null when delivered, else why not. */
  private async send({ row, delivery }: ClaimedSubscriberMessage): Promise<string | null> {
    if (delivery.channel === 'email') {
      try {
        await this.mailer.send({
          to: delivery.to,
          ...delivery.mail,
          messageId: delivery.messageId,
          unsubscribeUrl: delivery.links?.unsubscribeUrl ?? null,
        });
        return null;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    }
    const response = await postEvent(
      {
        url: delivery.url,
        body: JSON.stringify(delivery.body),
        secret: delivery.signingKey,
        now: this.ctx.clock.now(),
        eventType: delivery.eventType,
        deliveryId: delivery.deliveryId,
        attempt: row.attempts,
        allow: this.ctx.outboundAllow,
      },
      this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {},
    );
    return response.error;
  }
}
