/** How the UI words a customer report: why it is linked, a plain-text excerpt, who sent it. */
import type { Report, ReportLinkReason } from '../../core/schemas/reports.js';

/**
 * Why a report is linked to its incident, in one line:
 * "matched: shared terms payment, 502; same component; 3 min apart" or "linked by Ann".
 */
export function linkReasonText(reason: ReportLinkReason | null): string {
  if (reason === null) return '';
  if (reason.kind === 'manual') {
    const who = reason.user ? reason.user.name || reason.user.email : null;
    return who ? `linked by ${who}` : 'linked by hand';
  }
  const parts: string[] = [];
  if (reason.sharedTerms.length > 0) parts.push(`shared terms ${reason.sharedTerms.join(', ')}`);
  if (reason.sameComponent) parts.push('same component');
  const minutes = Math.round(reason.minutesApart);
  parts.push(minutes < 1 ? 'under a minute apart' : `${minutes} min apart`);
  return `${reason.kind === 'cluster' ? 'grouped with similar reports' : 'matched'}: ${parts.join('; ')}`;
}

/**
 * The start of a message as one line of plain text: whitespace runs folded, cut at a word
 * boundary near `max` characters with an ellipsis. Never markup: React renders it as text.
 */
export function messageExcerpt(message: string, max = 140): string {
  const text = message.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Who sent a report: "Ann Lee <ann@example.com>", the one that is known, or "anonymous". */
export function reporterText(report: { name: string | null; email: string | null }): string {
  const name = report.name?.trim() ?? '';
  const email = report.email?.trim() ?? '';
  if (name && email) return `${name} <${email}>`;
  return name || email || 'anonymous';
}

const SOURCE_LABELS: Record<Report['source'], string> = { form: 'Form', api: 'API', email: 'Email' };

/** "Form", "API" or "Email". */
export function sourceLabel(source: Report['source']): string {
  return SOURCE_LABELS[source];
}
