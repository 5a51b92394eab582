import { escapeHtml } from '../../core/escape-html.js';
import type { ReporterMail } from '../../core/schemas/reports.js';

/**
 * Subject, text and HTML of the mail answering a customer report. It carries the customer's
 * reference and their own words back, never an incident's internal title or notes.
 */
export function reporterMail(mail: ReporterMail): { subject: string; text: string; html: string } {
  const greeting = mail.name ? `Hello ${mail.name},` : 'Hello,';
  const isResolved = mail.kind === 'resolved';
  const lead = isResolved
    ? `Thank you for your report. A problem like the one you describe has just been fixed.`
    : `Thank you for your report. We received it and are looking into it.`;
  const next = isResolved
    ? `If you still see it, reply to this mail and mention your reference ${mail.reportRef}.`
    : `We will write to you again when the problem is fixed. Your reference is ${mail.reportRef}.`;
  const subject = isResolved
    ? `Fixed: your report ${mail.reportRef}`
    : `We received your report ${mail.reportRef}`;
  const quote = `You wrote: “${mail.excerpt}”`;
  return {
    subject,
    text: [greeting, '', lead, next, '', quote].join('\n'),
    html: `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:600px;margin:0 auto;padding:16px">
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(lead)}</p>
<p>${escapeHtml(next)}</p>
<blockquote style="color:#555;border-left:3px solid #ccc;margin:0;padding-left:12px">${escapeHtml(quote)}</blockquote>
</body></html>`,
  };
}
