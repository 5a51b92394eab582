import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import {
  OverloadedError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
} from '../../../core/errors.js';
import type { AppContext } from '../../commands/context.js';
import { submitReport } from '../../commands/reports/submit-report.js';
import { mailToReport } from '../reports/mail-report.js';
import { type AuthenticatedIntegration, authenticateIntegration } from '../../commands/integrations.js';
import type { IngestQueue } from '../ingest-queue.js';
import { originOf } from '../common.js';
import { MessageTooComplexError, emailToEvent } from './parse.js';

/** Largest message the listener accepts (the same limit as HTTP bodies). */
export const SMTP_SIZE_LIMIT = 512 * 1024;

/** What the listener logs with (pino's shape). */
export interface SmtpLog {
  info(data: object, message: string): void;
  error(data: object, message: string): void;
}

/** A running SMTP listener. */
export interface SmtpListener {
  host: string;
  port: number;
  close(): Promise<void>;
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** The integration key of a recipient: the local part (before any +tag) of `<key>@anything`. */
export function keyOfRecipient(address: string): string {
  const local = address.slice(0, Math.max(0, address.lastIndexOf('@'))) || address;
  return (local.split('+')[0] ?? '').toLowerCase();
}

async function emailIntegration(ctx: AppContext, address: string): Promise<AuthenticatedIntegration> {
  const integration = await authenticateIntegration(ctx, keyOfRecipient(address));
  if (integration.type !== 'email') throw new UnauthenticatedError('not an email integration key');
  return integration;
}

function readMessage(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => {
      if (stream.sizeExceeded) reject(smtpError(552, `5.3.4 message exceeds ${SMTP_SIZE_LIMIT} bytes`));
      else resolve(Buffer.concat(chunks));
    });
  });
}

/**
 * Accept alert mail over SMTP for `<integration key>@anything` (no AUTH, no TLS: listen on
 * a trusted address). Unknown keys are refused at RCPT TO with 550; each accepted message
 * goes through the email normaliser and the ingest queue, and is answered 250 only once on disk.
 */
export async function startSmtpListener(
  listen: { host: string; port: number },
  ctx: AppContext,
  ingest: IngestQueue,
  log: SmtpLog,
  options: { supportAddress?: string | undefined } = {},
): Promise<SmtpListener> {
  const isSupport = (address: string) =>
    options.supportAddress !== undefined && isSameMailbox(address, options.supportAddress);
  const deliver = async (stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> => {
    const raw = await readMessage(stream);
    const all = session.envelope.rcptTo.map((r) => r.address);
    // Mail to the support address is a customer report; the rest is alert mail.
    if (all.some(isSupport)) await deliverReport(ctx, raw);
    const recipients = all.filter((address) => !isSupport(address));
    if (recipients.length === 0) return;
    const keys = recipients.map((address) => address.slice(0, Math.max(0, address.lastIndexOf('@'))));
    const parsed = await emailToEvent(raw, keys);
    if (!parsed.ok) throw smtpError(550, `5.6.0 ${parsed.errors.join('; ')}`);
    const integrations = new Map<number, AuthenticatedIntegration>();
    for (const address of recipients) {
      const integration = await emailIntegration(ctx, address);
      integrations.set(integration.id, integration);
    }
    for (const integration of integrations.values()) {
      await ingest.submit({ origin: originOf(integration), events: [parsed.value] });
    }
  };
  const server = new SMTPServer({
    name: 'beacon',
    banner: 'Beacon alert mail',
    size: SMTP_SIZE_LIMIT,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 3_000,
    onRcptTo(address, _session, callback) {
      if (isSupport(address.address)) {
        callback();
        return;
      }
      emailIntegration(ctx, address.address).then(
        () => callback(),
        (error: unknown) => {
          if (error instanceof UnauthenticatedError)
            callback(smtpError(550, '5.1.1 unknown or disabled integration key'));
          else {
            log.error({ err: error }, 'SMTP recipient check failed');
            callback(smtpError(451, '4.3.0 temporary failure, try again later'));
          }
        },
      );
    },
    onData(stream, session, callback) {
      deliver(stream, session).then(
        () => callback(null, 'Alert accepted'),
        (error: unknown) => {
          if (error instanceof Error && 'responseCode' in error) return callback(error);
          if (error instanceof UnauthenticatedError)
            return callback(smtpError(550, '5.1.1 unknown or disabled integration key'));
          if (error instanceof MessageTooComplexError)
            return callback(smtpError(552, `5.3.4 ${error.message}`));
          if (error instanceof ValidationError) return callback(smtpError(550, `5.6.0 ${error.message}`));
          if (error instanceof RateLimitedError)
            return callback(smtpError(451, '4.7.1 too many reports from this sender; try again later'));
          if (error instanceof OverloadedError)
            return callback(smtpError(451, '4.3.2 Beacon is busy; retry shortly'));
          log.error({ err: error }, 'SMTP delivery failed');
          callback(smtpError(451, '4.3.0 temporary failure, try again later'));
        },
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log.error({ err: error }, 'SMTP listener error'));
  const address = server.server.address() as AddressInfo;
  log.info({ address: `${address.address}:${address.port}` }, 'Beacon accepts alert mail over SMTP');
  return {
    host: address.address,
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Whether two addresses name the same mailbox (case aside, and any +tag of the first). */
function isSameMailbox(address: string, mailbox: string): boolean {
  const at = address.lastIndexOf('@');
  const local = (address.slice(0, Math.max(0, at)).split('+')[0] ?? '').toLowerCase();
  return `${local}${address.slice(at).toLowerCase()}` === mailbox.toLowerCase();
}

/** A mail to the support address becomes a report (source `email`, the sender the reporter). */
async function deliverReport(ctx: AppContext, raw: Buffer): Promise<void> {
  const report = await mailToReport(raw);
  if (!report.ok) throw smtpError(550, `5.6.0 ${report.error}`);
  await submitReport(ctx, { ...report.value, source: 'email' });
}
