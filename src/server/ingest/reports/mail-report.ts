import { REPORT_MESSAGE_LIMIT, SubmitReportBody } from '../../../core/schemas/reports.js';
import { cleanText } from '../../../core/text/clean-text.js';
import { TEXT_LIMITS } from '../../../core/text/limits.js';
import { parseMail } from '../email/parse.js';

/** A support mail as a report's fields, or why it is none. */
export type MailReport =
  { ok: true; value: { name: string; email: string; message: string } } | { ok: false; error: string };

/**
 * Read a mail sent to the support address as a report: the sender is the reporter (their
 * display name, else the address), the subject and body are the message (cut at the limit).
 */
export async function mailToReport(raw: Buffer): Promise<MailReport> {
  const mail = await parseMail(raw);
  if (!mail) return { ok: false, error: 'the message is not readable as MIME' };
  const sender = mail.from?.value[0];
  const email = cleanText(sender?.address ?? '');
  const name = cleanText(sender?.name ?? '').trim() || email;
  const subject = cleanText(mail.subject ?? '').trim();
  const body = cleanText(mail.text ?? '').trim();
  const message = [subject, body]
    .filter((part) => part !== '')
    .join('\n\n')
    .slice(0, REPORT_MESSAGE_LIMIT);
  const parsed = SubmitReportBody.safeParse({ name: name.slice(0, TEXT_LIMITS.name), email, message });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${String(issue?.path[0] ?? 'message')} ${issue?.message ?? 'is invalid'}` };
  }
  return { ok: true, value: parsed.data };
}
