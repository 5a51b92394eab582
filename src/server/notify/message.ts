import type { PageItem } from '../../core/schemas/oncall.js';
import type { UpdateNotice } from '../../core/schemas/stakeholders.js';
import { escapeHtml } from '../../core/escape-html.js';

export { escapeHtml };

/** An incident in a message, with its page and one-click links. */
export interface MessageIncident extends PageItem {
  url: string;
  ackUrl: string;
  resolveUrl: string;
}

/** Everything a channel needs to send one message (one or several incidents). */
export interface OutboundMessage {
  channel: string;
  address: string;
  recipientName: string | null;
  incidents: MessageIncident[];
  /** Webhook signing key. */
  secret: string;
  /** Instant of sending (epoch ms, from the server clock). */
  now: number;
  /** Set for a stakeholder update or update reminder (see notice-message.ts). */
  notice?: UpdateNotice | undefined;
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

/** The plain-text body: each incident with its links. */
export function textOf(message: OutboundMessage): string {
  const lines = [`${message.recipientName ? `Hi ${message.recipientName}, ` : ''}you are being paged.`, ''];
  for (const incident of message.incidents) {
    lines.push(
      `${incident.ref} ${incident.title}`,
      `  ${incident.severity} · ${incident.priority} · ${incident.reason}`,
      `  Open:        ${incident.url}`,
      `  Acknowledge: ${incident.ackUrl}`,
      `  Resolve:     ${incident.resolveUrl}`,
      '',
    );
  }
  lines.push('Acknowledging stops the escalation. Links work once and expire after 24 hours.');
  return lines.join('\n');
}

/** The HTML body: a small table per incident with Acknowledge and Resolve buttons. */
export function htmlOf(message: OutboundMessage): string {
  const button = (href: string, label: string, color: string) =>
    `<a href="${escapeHtml(href)}" style="display:inline-block;padding:10px 16px;margin:4px 8px 4px 0;border-radius:6px;background:${color};color:#fff;text-decoration:none;font-weight:600">${label}</a>`;
  const blocks = message.incidents.map(
    (incident) => `<div style="border:1px solid #ddd;border-radius:8px;padding:12px 16px;margin:12px 0">
  <div style="font-size:16px;font-weight:600"><a href="${escapeHtml(incident.url)}">${escapeHtml(incident.ref)}</a> ${escapeHtml(incident.title)}</div>
  <div style="color:#555;margin:4px 0 8px">${escapeHtml(incident.severity)} · ${escapeHtml(incident.priority)} · ${escapeHtml(incident.reason)}</div>
  ${button(incident.ackUrl, 'Acknowledge', '#1f6feb')}${button(incident.resolveUrl, 'Resolve', '#2da44e')}
</div>`,
  );
  return `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:600px;margin:0 auto;padding:16px">
<p>${message.recipientName ? `Hi ${escapeHtml(message.recipientName)}, you` : 'You'} are being paged.</p>
${blocks.join('\n')}
<p style="color:#777;font-size:13px">Acknowledging stops the escalation. Links work once and expire after 24 hours.</p>
</body></html>`;
}
