import { type MessageIncident, type OutboundMessage, subjectOf } from './message.js';
import { noticeOf, noticeSubject, noticeText } from './notice-message.js';
import { pageFacts, pageLinks } from './page-facts.js';

// What a push notification (ntfy, Pushover) says: a title and a short plain-text body made
// for a lock screen. Each provider caps both, so the body is cut at a line where it can be.

/** A push notification's title and body, before the provider's limits. */
export interface PushText {
  title: string;
  body: string;
}

/** How urgent a push is: `page` wakes people (escalation steps), `notify` tells, `info` informs. */
export type PushUrgency = 'page' | 'notify' | 'info';

/** The title and body of a page or notice as a push notification. */
export function pushText(message: OutboundMessage): PushText {
  const notice = noticeOf(message);
  if (notice) return { title: noticeSubject(notice).replace(/^\[Beacon\] /, ''), body: noticeText(notice) };
  const title = subjectOf(message).replace(/^\[Beacon\] /, '');
  const body = message.incidents.map((incident) => incidentLines(incident, message)).join('\n\n');
  return { title, body };
}

/** A page from an escalation step wakes people; a reassignment or other notification tells them. */
export function pushUrgency(message: OutboundMessage): PushUrgency {
  if (message.notice) return 'info';
  return message.incidents.some((incident) => incident.key.startsWith('esc:')) ? 'page' : 'notify';
}

/** Whether any incident of the message is SEV1 or SEV2. */
export function isSevere(message: OutboundMessage): boolean {
  return message.incidents.some((incident) => /^SEV[12]$/.test(incident.severity));
}

function incidentLines(incident: MessageIncident, message: OutboundMessage): string {
  const isBundle = message.incidents.length > 1;
  const lines = [
    ...(isBundle ? [`${incident.ref} ${incident.title}`] : []),
    `${incident.severity} · ${incident.priority} · ${incident.reason}`,
    ...pageFacts(incident.context, message.now).map((fact) => `${fact.label}: ${fact.value}`),
    ...pageLinks(incident.context).map((link) => `${link.label}: ${link.url}`),
  ];
  return lines.join('\n');
}

/** `text` cut to at most `max` characters (code points), ending with `…` when cut. */
export function clipChars(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** `text` cut to at most `maxBytes` of UTF-8, never inside a character, ending with `…` when cut. */
export function clipBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  let size = 0;
  const budget = maxBytes - Buffer.byteLength('…');
  for (const char of text) {
    const bytes = Buffer.byteLength(char);
    if (size + bytes > budget) break;
    out += char;
    size += bytes;
  }
  return `${out}…`;
}
