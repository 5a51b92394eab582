import type { OutboundAllowList } from '../../core/net/address-policy.js';
import { KEY_FOR } from '../../core/phone/phone-reply.js';
import { clipToSegments, longestPrefix, smsSize } from '../../core/phone/sms-length.js';
import type { TwilioConfig } from '../config.js';
import type { MessageIncident, OutboundMessage } from './message.js';
import { noticeOf, noticeSubject } from './notice-message.js';
import { createTwilioResource } from './phone/twilio-api.js';

// A page by SMS is short: one segment for one incident (160 GSM characters, 70 when the title
// needs UCS-2), at most three for a bundle. The reply instructions come first, so cutting a
// long title never cuts them; acknowledging is a reply (`4`, `6`, `4 12`), not a link, and
// "Reply 4" to a bundle acknowledges all of it. Of the page's context an SMS carries the
// service and the alert summary, when they fit: before the link, which goes first.

/** Segments a page of one incident may take. */
const SINGLE_SEGMENTS = 1;
/** Segments a bundled page or a notice may take. */
const BUNDLE_SEGMENTS = 3;
/** Incidents a bundled SMS lists. */
const MAX_LISTED = 5;
/** A title shorter than this after cutting makes room by leaving the link out. */
const MIN_TITLE = 24;

/** The text of a page (or notice) sent by SMS. */
export function smsText(message: OutboundMessage): string {
  const notice = noticeOf(message);
  if (notice) return clipToSegments(`${noticeSubject(notice)}\n${notice.notice.message}`, BUNDLE_SEGMENTS);
  const [first, ...others] = message.incidents;
  if (!first) return '[Beacon] page';
  if (others.length === 0) return singleIncidentText(first);
  const shown = message.incidents.slice(0, MAX_LISTED);
  const rest = message.incidents.length - shown.length;
  const example = `${KEY_FOR.ack} ${numberOf(first)}`;
  const head = `[Beacon] ${message.incidents.length} incidents. Reply ${KEY_FOR.ack} ack all, ${KEY_FOR.resolve} resolve all, "${example}" ${first.ref} only`;
  const lines = shown.map((incident) => `${incident.ref} ${incident.severity} ${incident.title}`);
  const textOf = () => [head, ...lines, ...(rest > 0 ? [`+${rest} more`] : [])].join('\n');
  // Every listed incident first; then each one's facts, in order, while the page still fits.
  shown.forEach((incident, index) => {
    const facts = smsFacts(incident);
    if (!facts) return;
    const bare = lines[index] ?? '';
    lines[index] = `${bare} - ${facts}`;
    if (smsSize(textOf()).segments > BUNDLE_SEGMENTS) lines[index] = bare;
  });
  return clipToSegments(textOf(), BUNDLE_SEGMENTS);
}

/** `checkout-api: Error rate above 5%`: the incident's services and alert summary, if it has them. */
export function smsFacts(incident: MessageIncident): string | undefined {
  const services = incident.context?.services.join(', ') ?? '';
  const summary = incident.context?.alert?.summary ?? '';
  // An incident made from an alert is often titled with its summary: once is enough.
  const alert = summary === incident.title ? '' : summary;
  if (services && alert) return `${services}: ${alert}`;
  if (services) return `Service: ${services}`;
  return alert || undefined;
}

function singleIncidentText(incident: MessageIncident): string {
  const head = `[Beacon] ${incident.ref} ${incident.severity} ${incident.priority} Reply ${KEY_FOR.ack} ack, ${KEY_FOR.resolve} resolve`;
  const facts = smsFacts(incident);
  if (facts) {
    const withFacts = `${head}\n${incident.title}\n${facts}`;
    for (const text of [`${withFacts}\n${incident.url}`, withFacts])
      if (smsSize(text).segments <= SINGLE_SEGMENTS) return text;
  }
  const withLink = `${head}\n${incident.title}\n${incident.url}`;
  if (smsSize(withLink).segments <= SINGLE_SEGMENTS) return withLink;
  const fitted = fitTitle(head, incident.title, `\n${incident.url}`);
  if (fitted !== undefined) return fitted;
  return clipToSegments(`${head}\n${incident.title}`, SINGLE_SEGMENTS);
}

/** `head`, the title cut to fit one segment, and `tail`; undefined when the title would be too short. */
function fitTitle(head: string, title: string, tail: string): string | undefined {
  const cut = longestPrefix(
    title,
    (prefix) => smsSize(`${head}\n${prefix}${tail}`).segments <= SINGLE_SEGMENTS,
  );
  return cut !== undefined && cut.length >= MIN_TITLE ? `${head}\n${cut}${tail}` : undefined;
}

function numberOf(incident: MessageIncident): string {
  return incident.ref.replace(/^\D+/, '');
}

/** Send a page by SMS through Twilio's Messages API. */
export function sendTwilioSms(
  message: OutboundMessage,
  twilio: TwilioConfig | undefined,
  allow: OutboundAllowList,
): Promise<void> {
  if (!twilio)
    return Promise.reject(
      new Error('SMS is not configured (set BEACON_TWILIO_ACCOUNT_SID, _AUTH_TOKEN and _FROM)'),
    );
  return createTwilioResource(
    twilio,
    allow,
    'Messages',
    { To: message.address, From: twilio.from, Body: smsText(message) },
    message.now,
  );
}
