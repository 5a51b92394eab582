import type { Transporter } from 'nodemailer';
import { smtpTransport } from './smtp-transport.js';
import { type OutboundMessage, htmlOf, subjectOf, textOf } from './message.js';
import { accountMail } from './account-message.js';
import { reporterMail } from './reporter-message.js';
import { followUpMail } from './follow-up-message.js';
import { noticeHtml, noticeOf, noticeSubject, noticeText } from './notice-message.js';

/** Sends pages as email through the SMTP server of BEACON_SMTP_URL. */
export class EmailChannel {
  private readonly transport: Transporter | undefined;

  constructor(
    smtpUrl: string | undefined,
    private readonly from: string,
  ) {
    this.transport = smtpTransport(smtpUrl);
  }

  /** Send one message with text and HTML parts; throws (to be retried) when the server refuses. */
  async send(message: OutboundMessage): Promise<void> {
    if (!this.transport) throw new Error('email is not configured: set BEACON_SMTP_URL');
    if (message.account) {
      await this.transport.sendMail({
        from: this.from,
        to: message.address,
        ...accountMail(message, message.account),
      });
      return;
    }
    if (message.reporter) {
      await this.transport.sendMail({
        from: this.from,
        to: message.address,
        ...reporterMail(message.reporter),
      });
      return;
    }
    if (message.followUp) {
      await this.transport.sendMail({
        from: this.from,
        to: message.address,
        ...followUpMail(message, message.followUp),
      });
      return;
    }
    const notice = noticeOf(message);
    await this.transport.sendMail({
      from: this.from,
      to: message.address,
      subject: notice ? noticeSubject(notice) : subjectOf(message),
      text: notice ? noticeText(notice) : textOf(message),
      html: notice ? noticeHtml(notice) : htmlOf(message),
      headers: { 'X-Beacon-Incidents': message.incidents.map((incident) => incident.ref).join(', ') },
    });
  }

  /** Close pooled connections. */
  close(): void {
    this.transport?.close();
  }
}
