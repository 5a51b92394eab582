import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../commands/context.js';
import { deliveries } from '../../observability/process-metrics.js';
import { accountLinkToken, accountLinkUrl } from '../../commands/account-links.js';
import { serverSigningSecret, signAckAllLink, signActionLink } from '../../commands/oncall/action-links.js';
import {
  type ClaimedNotification,
  claimNotifications,
  recordNotificationFailure,
  recordNotificationSent,
} from '../../commands/outbox/notifications.js';
import { TEST_KIND } from '../../commands/outbox/test-notifications.js';
import type { Config } from '../../config.js';
import { type Channels, type OutboundMessage, RetryLaterError, createChannels } from '../../notify/index.js';
import { JobRunner } from '../job-runner.js';

/** What the notification sender needs from the configuration. */
export type NotificationConfig = Pick<Config, 'baseUrl' | 'secret' | 'smtpUrl' | 'smtpFrom'> &
  Partial<Pick<Config, 'twilio' | 'telegram'>>;

/** How long a claimed message is ours before another process may take it over. */
const LEASE_MS = 60_000;
const SEND_BATCH = 20;

/** A claimed message with the key its one-click links are signed with. */
interface SignedNotification {
  notification: ClaimedNotification;
  linkSecret: string;
}

/**
 * Sends the notification outbox of one process on its channels: pages, stakeholder updates
 * and update reminders alike. Messages are leased in the database, so several processes
 * share the work; a tick sends one batch and waits for it, returning how many it attempted.
 */
export class NotificationSender extends JobRunner<SignedNotification> {
  readonly name = 'notifications';
  private readonly channels: Channels;

  constructor(
    private readonly ctx: AppContext,
    private readonly config: NotificationConfig,
    private readonly log: Pick<FastifyBaseLogger, 'error' | 'warn'>,
    options: { channels?: Channels } = {},
  ) {
    super(log, { concurrency: SEND_BATCH, isTickAwaitingWork: true });
    this.channels = options.channels ?? createChannels({ ...config, allow: ctx.outboundAllow });
  }

  /** Stop claiming, wait for the sends in flight, then close the channels' connections. */
  override async close(): Promise<void> {
    await super.close();
    this.channels.close();
  }

  /** Lease up to `limit` due messages. */
  protected async claim(limit: number): Promise<SignedNotification[]> {
    const claimed = await claimNotifications(this.ctx, { leaseMs: LEASE_MS, limit });
    if (claimed.length === 0) return [];
    const linkSecret = await serverSigningSecret(this.ctx, this.config.secret);
    return claimed.map((notification) => ({ notification, linkSecret }));
  }

  /** Send one message and record the outcome (a failure is retried with backoff). */
  protected async work({ notification, linkSecret }: SignedNotification): Promise<boolean> {
    let receipt: string | undefined;
    try {
      receipt = (await this.channels.send(this.messageOf(notification, linkSecret))).receipt;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log.warn({ notification: notification.row.id, err: reason }, 'notification failed; will retry');
      // A provider's rate limit (429) says when to come back: the outbox waits at least that long.
      const retryAfterMs = error instanceof RetryLaterError ? error.retryAfterMs : undefined;
      await recordNotificationFailure(this.ctx, notification, reason, retryAfterMs);
      deliveries.inc({ channel: notification.row.channel, outcome: 'failed' });
      return false;
    }
    deliveries.inc({ channel: notification.row.channel, outcome: 'sent' });
    if (!(await recordNotificationSent(this.ctx, notification, receipt))) {
      this.log.warn({ notification: notification.row.id }, 'notification sent after its lease expired');
    }
    return false;
  }

  protected describeFailure({ notification }: SignedNotification) {
    return {
      context: { notification: notification.row.id },
      message: 'notification failed to record; retried when its lease expires',
    };
  }

  private messageOf(notification: ClaimedNotification, secret: string): OutboundMessage {
    const { row } = notification;
    const now = this.ctx.clock.now();
    const base = this.config.baseUrl;
    // A test notification's sample incident links to the page it was sent from.
    const isTest = row.kind === TEST_KIND;
    const testUrl = `${base}/account/notifications`;
    const link = (incidentId: number, action: 'ack' | 'resolve') =>
      isTest
        ? testUrl
        : `${base}/ack/${signActionLink(secret, { incidentId, action, userId: row.user_id, now })}`;
    const ackAll = () =>
      `${base}/ack/${signAckAllLink(secret, { notificationId: row.id, userId: row.user_id, now })}`;
    const isPage = row.kind === 'page' && !notification.notice;
    return {
      channel: row.channel,
      address: row.address,
      recipientName: notification.recipientName,
      secret: notification.secret ?? secret,
      credential: notification.secret ?? undefined,
      now,
      notice: notification.notice,
      account: notification.account && {
        ...notification.account,
        url: accountLinkUrl(base, accountLinkToken(secret, notification.account.salt)),
      },
      reporter: notification.reporter,
      followUp: notification.followUp && {
        ...notification.followUp,
        url: `${base}/follow-ups?focus=${notification.followUp.followUpId}`,
      },
      ackAllUrl: isPage ? ackAll() : undefined,
      ackCallbackUrl: isPage ? ackAll() : undefined,
      incidents: notification.items.map((item) => ({
        ...item,
        url: isTest ? testUrl : `${base}/incidents/${item.ref}`,
        ackUrl: link(item.incidentId, 'ack'),
        resolveUrl: link(item.incidentId, 'resolve'),
      })),
    };
  }
}
