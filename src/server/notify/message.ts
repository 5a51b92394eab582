import type { PageItem } from '../../core/schemas/oncall.js';
import type { PageContext } from '../../core/schemas/page-context.js';
import type { ReporterMail } from '../../core/schemas/reports.js';
import type { FollowUpMail } from '../../core/schemas/follow-ups.js';
import type { UpdateNotice } from '../../core/schemas/stakeholders.js';
import { escapeHtml } from '../../core/escape-html.js';
import type { AccountMessage } from './account-message.js';
import { pageFacts, pageLinks } from './page-facts.js';

export { escapeHtml };

/** An incident in a message, with its page and one-click links. */
export interface MessageIncident extends PageItem {
  url: string;
  ackUrl: string;
  resolveUrl: string;
  /** What a responder needs beyond the title (services, alert, who else was paged…). */
  context?: PageContext | undefined;
}

/** Everything a channel needs to send one message (one or several incidents). */
export interface OutboundMessage {
  channel: string;
  address: string;
  recipientName: string | null;
  incidents: MessageIncident[];
  /** Webhook signing key. */
  secret: string;
  /** The contact method's own secret, if it has one (ntfy access token, Pushover app token). */
  credential?: string | undefined;
  /** Instant of sending (epoch ms, from the server clock). */
  now: number;
  /** Set for a stakeholder update or update reminder (see notice-message.ts). */
  notice?: UpdateNotice | undefined;
  /** Set for an invitation or password reset mail (see account-message.ts). */
  account?: AccountMessage | undefined;
  /** Set for the mail answering a customer report (see reporter-message.ts). */
  reporter?: ReporterMail | undefined;
  /** Set for the reminder of an overdue follow-up (see follow-up-message.ts), with its page's URL. */
  followUp?: (FollowUpMail & { url: string }) | undefined;
  /** One-click link acknowledging every incident of the message (shown when there are several). */
  ackAllUrl?: string | undefined;
  /** A second such link, for a provider to call back when the page is acknowledged there (Pushover). */
  ackCallbackUrl?: string | undefined;
}

/** The "Acknowledge all" link when the message has several incidents. */
export function ackAllOf(message: OutboundMessage): string | undefined {
  return message.incidents.length > 1 ? message.ackAllUrl : undefined;
}

/** `[Beacon] INC-12 triggered: title` (or its real status), or a count and refs for a bundle. */
export function subjectOf(message: OutboundMessage): string {
  const [first] = message.incidents;
  if (message.incidents.length === 1 && first)
    return `[Beacon] ${first.ref} ${first.status ?? 'triggered'}: ${first.title}`;
  const refs = message.incidents.map((incident) => incident.ref);
  const shown = refs.slice(0, 5).join(', ') + (refs.length > 5 ? ', …' : '');
  const isAllTriggered = message.incidents.every(
    (incident) => (incident.status ?? 'triggered') === 'triggered',
  );
  return `[Beacon] ${message.incidents.length} incidents${isAllTriggered ? ' triggered' : ''}: ${shown}`;
}

/** The plain-text body: each incident with what a responder needs and its links. */
export function textOf(message: OutboundMessage): string {
  const lines = [`${message.recipientName ? `Hi ${message.recipientName}, ` : ''}you are being paged.`, ''];
  const ackAll = ackAllOf(message);
  if (ackAll) lines.push(`Acknowledge all ${message.incidents.length}: ${ackAll}`, '');
  for (const incident of message.incidents) {
    lines.push(
      `${incident.ref} ${incident.title}`,
      `  ${incident.severity} · ${incident.priority} · ${incident.reason}`,
      ...pageFacts(incident.context, message.now).map((fact) => `  ${column(fact.label)}${fact.value}`),
      ...pageLinks(incident.context).map((link) => `  ${column(link.label)}${link.url}`),
      `  Open:        ${incident.url}`,
      `  Acknowledge: ${incident.ackUrl}`,
      `  Resolve:     ${incident.resolveUrl}`,
      '',
    );
  }
  lines.push('Acknowledging stops the escalation. Links work once and expire after 24 hours.');
  return lines.join('\n');
}

/** `Label:` and spaces up to the column the links start at (at least one space). */
function column(label: string): string {
  return `${label}:`.padEnd(12) + ' ';
}

/** The HTML body: a small table per incident with Acknowledge and Resolve buttons. */
export function htmlOf(message: OutboundMessage): string {
  const button = (href: string, label: string, color: string) =>
    `<a href="${escapeHtml(href)}" style="display:inline-block;padding:10px 16px;margin:4px 8px 4px 0;border-radius:6px;background:${color};color:#fff;text-decoration:none;font-weight:600">${label}</a>`;
  const blocks = message.incidents.map(
    (incident) => `<div style="border:1px solid #ddd;border-radius:8px;padding:12px 16px;margin:12px 0">
  <div style="font-size:16px;font-weight:600"><a href="${escapeHtml(incident.url)}">${escapeHtml(incident.ref)}</a> ${escapeHtml(incident.title)}</div>
  <div style="color:#555;margin:4px 0 8px">${escapeHtml(incident.severity)} · ${escapeHtml(incident.priority)} · ${escapeHtml(incident.reason)}</div>
  ${factsTable(incident, message.now)}${button(incident.ackUrl, 'Acknowledge', '#1f6feb')}${button(incident.resolveUrl, 'Resolve', '#2da44e')}
</div>`,
  );
  const ackAll = ackAllOf(message);
  return `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:600px;margin:0 auto;padding:16px">
<p>${message.recipientName ? `Hi ${escapeHtml(message.recipientName)}, you` : 'You'} are being paged.</p>
${ackAll ? `<p>${button(ackAll, `Acknowledge all ${message.incidents.length}`, '#1f6feb')}</p>\n` : ''}${blocks.join('\n')}
<p style="color:#777;font-size:13px">Acknowledging stops the escalation. Links work once and expire after 24 hours.</p>
</body></html>`;
}

function factsTable(incident: MessageIncident, now: number): string {
  const rows = [
    ...pageFacts(incident.context, now).map(
      (fact) =>
        `<tr><th style="text-align:left;padding:2px 12px 2px 0;color:#555;font-weight:500;vertical-align:top">${escapeHtml(fact.label)}</th><td style="padding:2px 0">${escapeHtml(fact.value)}</td></tr>`,
    ),
    ...pageLinks(incident.context).map(
      (link) =>
        `<tr><th style="text-align:left;padding:2px 12px 2px 0;color:#555;font-weight:500">${escapeHtml(link.label)}</th><td style="padding:2px 0"><a href="${escapeHtml(link.url)}">${escapeHtml(link.url)}</a></td></tr>`,
    ),
  ];
  return rows.length > 0
    ? `<table style="border-collapse:collapse;margin:0 0 8px">${rows.join('')}</table>\n  `
    : '';
}
