import nodemailer, { type Transporter } from 'nodemailer';

/**
 * The SMTP transport of BEACON_SMTP_URL with Beacon's timeouts (a stuck server fails the send,
 * which the outbox retries), or undefined when email is not configured.
 */
export function smtpTransport(smtpUrl: string | undefined): Transporter | undefined {
  return smtpUrl
    ? nodemailer.createTransport({
        url: smtpUrl,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      })
    : undefined;
}
