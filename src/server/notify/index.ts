/** Outbound channels: email, signed webhooks, Slack and Microsoft Teams incoming webhooks, ntfy, Pushover. */
import type { OutboundAllowList } from '../../core/net/address-policy.js';
import { sendSlack, sendTeams } from './chat.js';
import { EmailChannel } from './email.js';
import type { OutboundMessage } from './message.js';
import { sendNtfy } from './ntfy.js';
import { sendPushover } from './pushover.js';
import { sendWebhook } from './webhook.js';

export type { MessageIncident, OutboundMessage } from './message.js';
export { webhookSignature } from './webhook.js';

/** Sends a message on the channel it names. */
export interface Channels {
  send(message: OutboundMessage): Promise<void>;
  close(): void;
}

/** The real channels, email through `smtpUrl`; HTTP ones reach internal targets only as `allow` allows. */
export function createChannels(options: {
  smtpUrl: string | undefined;
  smtpFrom: string;
  allow: OutboundAllowList;
  /** Pushover's API (default https://api.pushover.net; tests use a loopback stand-in). */
  pushoverApiUrl?: string;
}): Channels {
  const email = new EmailChannel(options.smtpUrl, options.smtpFrom);
  return {
    send(message) {
      switch (message.channel) {
        case 'email':
          return email.send(message);
        case 'webhook':
          return sendWebhook(message, options.allow);
        case 'slack':
          return sendSlack(message, options.allow);
        case 'teams':
          return sendTeams(message, options.allow);
        case 'ntfy':
          return sendNtfy(message, options.allow);
        case 'pushover':
          return sendPushover(message, options.allow, options.pushoverApiUrl);
        default:
          return Promise.reject(new Error(`unknown channel ${message.channel}`));
      }
    },
    close: () => email.close(),
  };
}
