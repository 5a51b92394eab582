import { escapeHtml } from '../../core/escape-html.js';
import type { FollowUpMail } from '../../core/schemas/follow-ups.js';

/** Subject, text and HTML of the reminder of an overdue follow-up action to its owner. */
export function followUpMail(
  message: { recipientName: string | null },
  mail: FollowUpMail & { url: string },
): { subject: string; text: string; html: string } {
  const greeting = message.recipientName ? `Hi ${message.recipientName},` : 'Hi,';
  const due = mail.dueAt.slice(0, 10);
  const late = mail.daysOverdue === 1 ? '1 day' : `${mail.daysOverdue} days`;
  const lead =
    mail.daysOverdue > 0
      ? `the follow-up action ${mail.ref} you own was due on ${due} and is ${late} overdue.`
      : `the follow-up action ${mail.ref} you own was due on ${due} and is not done yet.`;
  const from = mail.incidents.length > 0 ? `It came out of ${mail.incidents.join('; ')}.` : null;
  const ticket = mail.externalUrl ? `Ticket: ${mail.externalUrl}` : null;
  const next = "Mark it done, move its due date, or say why it won't be done:";
  const lines = [
    `${greeting} ${lead}`,
    '',
    `${mail.ref}: ${mail.title}`,
    ...(from ? [from] : []),
    ...(ticket ? [ticket] : []),
  ];
  return {
    subject: `[Beacon] Follow-up overdue: ${mail.ref} ${mail.title}`,
    text: [...lines, '', next, mail.url].join('\n'),
    html: `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:600px;margin:0 auto;padding:16px">
<p>${escapeHtml(`${greeting} ${lead}`)}</p>
<p><strong>${escapeHtml(mail.ref)}</strong>: ${escapeHtml(mail.title)}</p>${from ? `\n<p>${escapeHtml(from)}</p>` : ''}${
      mail.externalUrl
        ? `\n<p>Ticket: <a href="${escapeHtml(mail.externalUrl)}">${escapeHtml(mail.externalUrl)}</a></p>`
        : ''
    }
<p>${escapeHtml(next)}</p>
<p><a href="${escapeHtml(mail.url)}" style="display:inline-block;padding:10px 16px;border-radius:6px;background:#1f6feb;color:#fff;text-decoration:none;font-weight:600">Open the follow-up</a></p>
</body></html>`,
  };
}
