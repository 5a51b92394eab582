import type { Transporter } from 'nodemailer';
import { smtpTransport } from './smtp-transport.js';

/** One mail to a status-page subscriber. */
export interface SubscriberMailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The same for every attempt of one message, so a receiver can tell a repeat. */
  messageId: string;
  /** RFC 8058 one-click unsubscribe address; null for a confirmation request. */
  unsubscribeUrl: string | null;
}

/**
 * Sends status-page subscribers' mail through BEACON_SMTP_URL, with `List-Unsubscribe` and
 * `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058) on every news message, so mail
 * clients offer their own unsubscribe button.
 */
export class SubscriberMailer {
  private readonly transport: Transporter | undefined;

  constructor(
    smtpUrl: string | undefined,
    private readonly from: string,
  ) {
    this.transport = smtpTransport(smtpUrl);
  }

  /** Send one mail; throws (to be retried) when the server refuses or none is configured. */
  async send(message: SubscriberMailMessage): Promise<void> {
    if (!this.transport) throw new Error('email is not configured: set BEACON_SMTP_URL');
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
      headers: message.unsubscribeUrl
        ? {
            'List-Unsubscribe': `<${message.unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            'Auto-Submitted': 'auto-generated',
          }
        : { 'Auto-Submitted': 'auto-generated' },
    });
  }

  /** Close pooled connections. */
  close(): void {
    this.transport?.close();
  }
}
