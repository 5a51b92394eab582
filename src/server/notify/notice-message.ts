import type { UpdateNotice } from '../../core/schemas/stakeholders.js';
import { type MessageIncident, type OutboundMessage, escapeHtml } from './message.js';

// Stakeholder updates and update reminders: what they say on each channel. Stakeholder
// updates go by email only; reminders follow the recipient's own contact methods.

/** The incident a notice is about, and the notice. */
export interface NoticeMessage {
  incident: MessageIncident;
  notice: UpdateNotice;
  recipientName: string | null;
}

/** The notice a message carries (a stakeholder update or reminder), or undefined for a page. */
export function noticeOf(message: OutboundMessage): NoticeMessage | undefined {
  const [incident] = message.incidents;
  if (!message.notice || !incident) return undefined;
  return { incident, notice: message.notice, recipientName: message.recipientName };
}

/** `[Beacon] Stakeholder update on INC-12: title` or `[Beacon] Update overdue on INC-12: title`. */
export function noticeSubject({ incident, notice }: NoticeMessage): string {
  const what = notice.kind === 'stakeholder_update' ? 'Stakeholder update on' : 'Update overdue on';
  return `[Beacon] ${what} ${incident.ref}: ${incident.title}`;
}

/** The incident's state when the notice was written: status, severity, impact, priority. */
function stateLines(notice: UpdateNotice): Array<[string, string]> {
  return [
    ['Status', capitalize(notice.status)],
    ['Severity', `${notice.severity} (${notice.priority})`],
    ['Impact', capitalize(notice.impact)],
  ];
}

/** The plain-text body. */
export function noticeText(message: NoticeMessage): string {
  const { incident, notice } = message;
  const state = stateLines(notice).map(([label, value]) => `${`${label}:`.padEnd(10)}${value}`);
  if (notice.kind === 'update_reminder') {
    return [
      `${message.recipientName ? `Hi ${message.recipientName}, n` : 'N'}${notice.message.slice(1)}`,
      '',
      `${incident.ref} ${incident.title}`,
      ...state,
      '',
      `Post an update: ${incident.url}`,
    ].join('\n');
  }
  return [
    `Stakeholder update on ${incident.ref}: ${incident.title}`,
    '',
    notice.message,
    '',
    ...state,
    '',
    `Posted by ${notice.author ?? 'Beacon'} at ${readableTime(notice.at)}.`,
    ...(notice.isExternal ? [] : [`Incident page: ${incident.url}`]),
    '',
    `You receive this as a stakeholder of ${incident.ref}.`,
  ].join('\n');
}

/** The HTML body. */
export function noticeHtml(message: NoticeMessage): string {
  const { incident, notice } = message;
  const rows = stateLines(notice)
    .map(
      ([label, value]) =>
        `<tr><td style="color:#555;padding:2px 16px 2px 0">${label}</td><td style="font-weight:600">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const link = `<a href="${escapeHtml(incident.url)}">${escapeHtml(incident.ref)}</a>`;
  const isReminder = notice.kind === 'update_reminder';
  const heading = isReminder
    ? `Update overdue on ${link}: ${escapeHtml(incident.title)}`
    : `Stakeholder update on ${notice.isExternal ? escapeHtml(incident.ref) : link}: ${escapeHtml(incident.title)}`;
  const body = isReminder
    ? `<p>${message.recipientName ? `Hi ${escapeHtml(message.recipientName)}, n` : 'N'}${escapeHtml(notice.message.slice(1))}</p>
<p><a href="${escapeHtml(incident.url)}" style="display:inline-block;padding:10px 16px;border-radius:6px;background:#1f6feb;color:#fff;text-decoration:none;font-weight:600">Post an update</a></p>`
    : `<div style="white-space:pre-wrap;border-left:4px solid #1f6feb;padding:8px 12px;margin:12px 0;background:#f6f8fa">${escapeHtml(notice.message)}</div>`;
  const footer = isReminder
    ? ''
    : `<p style="color:#777;font-size:13px">Posted by ${escapeHtml(notice.author ?? 'Beacon')} at ${escapeHtml(readableTime(notice.at))}. You receive this as a stakeholder of ${escapeHtml(incident.ref)}.</p>`;
  return `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:600px;margin:0 auto;padding:16px">
<div style="font-size:16px;font-weight:600">${heading}</div>
${body}
<table style="border-collapse:collapse;margin:8px 0">${rows}</table>
${footer}
</body></html>`;
}

/** The JSON a generic webhook receives for a reminder. */
export function noticeWebhookBody(message: NoticeMessage, now: number) {
  const { incident, notice } = message;
  return {
    event: notice.kind === 'stakeholder_update' ? 'incident.stakeholder_update' : 'incident.update_reminder',
    sentAt: new Date(now).toISOString(),
    recipient: message.recipientName,
    message: notice.message,
    incident: {
      id: incident.incidentId,
      ref: incident.ref,
      title: incident.title,
      status: notice.status,
      severity: notice.severity,
      impact: notice.impact,
      priority: notice.priority,
      url: incident.url,
    },
  };
}

/** How a chat app marks up a line: a link (to Beacon's own URL) and people's text escaped. */
export interface ChatMarkup {
  link(url: string, escapedText: string): string;
  escape(text: string): string;
}

/** One line for chat: what happened, with the incident linked, every typed text escaped by `markup`. */
export function noticeChatLine(message: NoticeMessage, markup: ChatMarkup): string {
  const { incident, notice } = message;
  const state = `${capitalize(notice.status)} · ${notice.severity} · ${notice.priority}`;
  const link = markup.link(incident.url, markup.escape(incident.ref));
  return `${markup.escape(noticeSubject(message))}\n${link} ${markup.escape(state)}\n${markup.escape(notice.message)}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function readableTime(isoTime: string): string {
  return `${isoTime.slice(0, 16).replace('T', ' ')} UTC`;
}
