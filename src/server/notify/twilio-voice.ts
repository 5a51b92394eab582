import type { OutboundAllowList } from '../../core/net/address-policy.js';
import { KEY_FOR } from '../../core/phone/phone-reply.js';
import type { TwilioConfig } from '../config.js';
import type { MessageIncident, OutboundMessage } from './message.js';
import { noticeOf, noticeSubject } from './notice-message.js';
import { createTwilioResource } from './phone/twilio-api.js';
import { escapeXml } from '../../core/escape-html.js';

// A page by phone call: Twilio reads the page (`<Say>`) and waits for one key (`<Gather
// numDigits="1">`); the key goes to Beacon's signed voice webhook, whose URL names the
// incidents of the call, so "press 4" to a bundle acknowledges all of it. Of the page's context
// a call reads the service and the alert summary (labels and links are for the screen). The
// TwiML is passed inline (Twilio takes up to 4,000 characters).

/** Path of the webhook a key press is posted to (ingest/twilio/routes.ts). */
export const TWILIO_VOICE_PATH = '/integrations/twilio/voice';
/** Incidents read out in one call. */
const MAX_SPOKEN = 5;
/** Characters of a title read out. */
const MAX_SPOKEN_TITLE = 160;
/** Characters of a notice's message read out. */
const MAX_SPOKEN_NOTICE = 1_000;
/** Characters of an alert summary or a list of services read out. */
const MAX_SPOKEN_FACT = 160;
/** Characters of TwiML Twilio takes in a Calls request's `Twiml` parameter. */
const TWILIO_MAX_TWIML = 4_000;

/** The TwiML of a call paging `message`; key presses go to `baseUrl`'s voice webhook. */
export function voiceTwiml(message: OutboundMessage, baseUrl: string): string {
  const notice = noticeOf(message);
  if (notice) {
    const text = `${noticeSubject(notice).replace(/^\[Beacon\] /, '')}. ${clip(notice.notice.message, MAX_SPOKEN_NOTICE)}`;
    return `<?xml version="1.0" encoding="UTF-8"?><Response><Say>This is Beacon. ${escapeXml(text)}</Say></Response>`;
  }
  const twiml = pageTwiml(message, baseUrl, true);
  // Escaped text can outgrow Twilio's limit: the call then reads the titles alone.
  return twiml.length <= TWILIO_MAX_TWIML ? twiml : pageTwiml(message, baseUrl, false);
}

function pageTwiml(message: OutboundMessage, baseUrl: string, hasFacts: boolean): string {
  const shown = message.incidents.slice(0, MAX_SPOKEN);
  const rest = message.incidents.length - shown.length;
  const isBundle = message.incidents.length > 1;
  const spoken = [
    isBundle ? `${message.incidents.length} incidents need you.` : '',
    ...shown.map(
      (incident) =>
        `${spokenRef(incident.ref)}, ${incident.severity}: ${clip(incident.title, MAX_SPOKEN_TITLE)}.${hasFacts ? spokenFacts(incident) : ''}`,
    ),
    rest > 0 ? `And ${rest} more.` : '',
    `Press ${KEY_FOR.ack} to acknowledge${isBundle ? ' all' : ''}, ${KEY_FOR.resolve} to resolve${isBundle ? ' all' : ''}.`,
  ].filter(Boolean);
  const ids = message.incidents.map((incident) => incident.incidentId).join(',');
  const action = `${baseUrl}${TWILIO_VOICE_PATH}?incidents=${ids}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?><Response>',
    `<Gather numDigits="1" timeout="10" method="POST" action="${escapeXml(action)}">`,
    `<Say loop="2">This is Beacon. ${escapeXml(spoken.join(' '))}</Say>`,
    '</Gather>',
    '<Say>No key was pressed. Goodbye.</Say>',
    '</Response>',
  ].join('');
}

/** Place a call through Twilio's Calls API that reads the page and takes a key press. */
export function sendTwilioVoice(
  message: OutboundMessage,
  twilio: TwilioConfig | undefined,
  baseUrl: string,
  allow: OutboundAllowList,
): Promise<void> {
  if (!twilio)
    return Promise.reject(
      new Error('voice calls are not configured (set BEACON_TWILIO_ACCOUNT_SID, _AUTH_TOKEN and _FROM)'),
    );
  return createTwilioResource(
    twilio,
    allow,
    'Calls',
    { To: message.address, From: twilio.from, Twiml: voiceTwiml(message, baseUrl) },
    message.now,
  );
}

/** ` Service checkout-api. Alert: Error rate above 5%.` (empty without a context). */
function spokenFacts(incident: MessageIncident): string {
  const services = incident.context?.services ?? [];
  const summary = incident.context?.alert?.summary;
  return [
    services.length > 0
      ? ` Service${services.length > 1 ? 's' : ''} ${clip(services.join(', '), MAX_SPOKEN_FACT)}.`
      : '',
    // An incident made from an alert is often titled with its summary: read it once.
    summary && summary !== incident.title
      ? ` Alert: ${clip(summary, MAX_SPOKEN_FACT).replace(/[.\s]+$/, '')}.`
      : '',
  ].join('');
}

/** `INC-12` read as "Incident 12" (a speech engine spells "INC"). */
function spokenRef(ref: string): string {
  return ref.replace(/^INC-/, 'Incident ');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
