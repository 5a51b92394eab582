import { escapeHtml } from '../../core/escape-html.js';
import type { ReporterMail } from '../../core/schemas/reports.js';

/**
 * Subject, text and HTML of the mail answering a customer report. It carries the customer's
 * reference and their own words back, never an incident's internal title or notes.
 */
export function reporterMail(mail: ReporterMail): { subject: string; text: string; html: string } {
  const greeting = mail.name ? `Hello ${mail.name},` : 'Hello,';
  const { subject, lead, next } = WORDS[mail.kind](mail.reportRef);
  const news = mail.update ? `${capitalised(mail.update.status)}: ${mail.update.message}` : null;
  const quote = `You wrote: “${mail.excerpt}”`;
  return {
    subject,
    text: [greeting, '', lead, ...(news ? ['', news, ''] : []), next, '', quote].join('\n'),
    html: `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:600px;margin:0 auto;padding:16px">
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(lead)}</p>${news ? `\n<p style="white-space:pre-wrap">${escapeHtml(news)}</p>` : ''}
<p>${escapeHtml(next)}</p>
<blockquote style="color:#555;border-left:3px solid #ccc;margin:0;padding-left:12px">${escapeHtml(quote)}</blockquote>
</body></html>`,
  };
}

const WORDS: Record<ReporterMail['kind'], (ref: string) => { subject: string; lead: string; next: string }> =
  {
    acknowledgement: (ref) => ({
      subject: `We received your report ${ref}`,
      lead: 'Thank you for your report. We received it and are looking into it.',
      next: `We will write to you again when the problem is fixed. Your reference is ${ref}.`,
    }),
    update: (ref) => ({
      subject: `Update on your report ${ref}`,
      lead: 'Here is where we stand on the problem you reported.',
      next: `We will write to you again when it is fixed. Your reference is ${ref}.`,
    }),
    resolved: (ref) => ({
      subject: `Fixed: your report ${ref}`,
      lead: 'Thank you for your report. A problem like the one you describe has just been fixed.',
      next: `If you still see it, reply to this mail and mention your reference ${ref}.`,
    }),
  };

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
