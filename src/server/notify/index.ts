/** Outbound channels: email, signed webhooks, Slack and Microsoft Teams incoming webhooks, ntfy, Pushover, SMS, voice, Telegram. */
import type { OutboundAllowList } from '../../core/net/address-policy.js';
import type { TelegramConfig, TwilioConfig } from '../config.js';
import { sendSlack, sendTeams } from './chat.js';
import { EmailChannel } from './email.js';
import type { OutboundMessage } from './message.js';
import { sendNtfy } from './ntfy.js';
import { sendPushover } from './pushover.js';
import { sendWebhook } from './webhook.js';
import { sendTelegram } from './telegram.js';
import { sendTwilioSms } from './twilio-sms.js';
import { sendTwilioVoice } from './twilio-voice.js';

export type { MessageIncident, OutboundMessage } from './message.js';
export { webhookSignature } from './webhook.js';
export { RetryLaterError } from './phone/retry-later.js';
export { telegramBot } from './telegram.js';

/** What a provider returned for a sent message that Beacon keeps. */
export interface SentMessage {
  /** A Pushover emergency message's receipt: its alerting is cancelled once acknowledged. */
  receipt?: string;
}

/** Sends a message on the channel it names. */
export interface Channels {
  send(message: OutboundMessage): Promise<SentMessage>;
  close(): void;
}

/** The real channels, email through `smtpUrl`; HTTP ones reach internal targets only as `allow` allows. */
export function createChannels(options: {
  smtpUrl: string | undefined;
  smtpFrom: string;
  allow: OutboundAllowList;
  /** Pushover's API (default https://api.pushover.net; tests use a loopback stand-in). */
  pushoverApiUrl?: string;
  /** Twilio (SMS and voice) and Telegram: unset, their pages fail saying what to configure. */
  twilio?: TwilioConfig | undefined;
  telegram?: TelegramConfig | undefined;
  /** Where Twilio posts a key pressed in a call (BEACON_BASE_URL). */
  baseUrl?: string;
}): Channels {
  const email = new EmailChannel(options.smtpUrl, options.smtpFrom);
  return {
    async send(message) {
      if (message.channel === 'pushover') return sendPushover(message, options.allow, options.pushoverApiUrl);
      await sendOn(message);
      return {};
    },
    close: () => email.close(),
  };

  function sendOn(message: OutboundMessage): Promise<void> {
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
      case 'sms':
        return sendTwilioSms(message, options.twilio, options.allow);
      case 'voice':
        return sendTwilioVoice(message, options.twilio, options.baseUrl ?? '', options.allow);
      case 'telegram':
        return sendTelegram(message, options.telegram, options.allow);
      default:
        return Promise.reject(new Error(`unknown channel ${message.channel}`));
    }
  }
}
