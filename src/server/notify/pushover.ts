import type { OutboundAllowList } from '../../core/net/address-policy.js';
import { type OutboundMessage, ackAllOf } from './message.js';
import { clipChars, pushText, pushUrgency } from './push-message.js';
import { readBodyPrefix, requestOutbound } from './outbound/outbound-request.js';

// Pushover (https://pushover.net/api): a form POST to /1/messages.json with the application's
// token (the contact method's secret) and the user key (its address). Pages of an escalation
// step go at emergency priority: Pushover repeats them every `retry` seconds until someone
// acknowledges in the app or `expire` passes, and then POSTs to the `callback` URL, a signed
// one-click "acknowledge all" link of this message, which acknowledges the incidents in Beacon.

/** Where Pushover's API is (tests point this at a loopback stand-in). */
export const PUSHOVER_API_URL = 'https://api.pushover.net';

/** Pushover's limits: message 1,024 characters, title 250, URL 512, URL title 100. */
const MAX_MESSAGE = 1_024;
const MAX_TITLE = 250;
const MAX_URL = 512;
const MAX_URL_TITLE = 100;
/** Emergency pages repeat every minute (Pushover's minimum is 30 s) for up to an hour (at most 3 h). */
export const PUSHOVER_RETRY_SECONDS = 60;
export const PUSHOVER_EXPIRE_SECONDS = 3_600;
const TIMEOUT_MS = 10_000;

/** The form fields Beacon posts for `message` (without the token). */
export function pushoverFields(message: OutboundMessage): Record<string, string> {
  const text = pushText(message);
  const urgency = pushUrgency(message);
  const fields: Record<string, string> = {
    user: message.address,
    title: clipChars(text.title, MAX_TITLE),
    message: clipChars(text.body, MAX_MESSAGE),
    timestamp: String(Math.floor(message.now / 1000)),
    priority: urgency === 'page' ? '2' : urgency === 'notify' ? '1' : '0',
  };
  const link = pushoverLink(message);
  if (link && link.url.length <= MAX_URL) {
    fields.url = link.url;
    fields.url_title = clipChars(link.title, MAX_URL_TITLE);
  }
  if (urgency === 'page') {
    fields.retry = String(PUSHOVER_RETRY_SECONDS);
    fields.expire = String(PUSHOVER_EXPIRE_SECONDS);
    if (message.ackCallbackUrl && message.ackCallbackUrl.length <= MAX_URL)
      fields.callback = message.ackCallbackUrl;
  }
  return fields;
}

/** The one supplementary link: the incident, or for a bundle its "Acknowledge all" page. */
function pushoverLink(message: OutboundMessage): { url: string; title: string } | undefined {
  const ackAll = ackAllOf(message);
  if (ackAll) return { url: ackAll, title: `Acknowledge all ${message.incidents.length}` };
  const [incident] = message.incidents;
  return incident ? { url: incident.url, title: `Open ${incident.ref}` } : undefined;
}

/**
 * Send a page or notice through Pushover; throws (to be retried) on a refusal, Pushover's
 * 429 when the application's monthly limit is reached included, or a reply that is not
 * `status: 1` (and, at emergency priority, has no receipt). Returns the receipt of an
 * emergency message, with which its alerting is cancelled once the page is acknowledged.
 */
export async function sendPushover(
  message: OutboundMessage,
  allow: OutboundAllowList,
  apiUrl = PUSHOVER_API_URL,
): Promise<{ receipt?: string }> {
  if (!message.credential)
    throw new Error('Pushover needs the application token as the contact method secret');
  const fields = pushoverFields(message);
  const url = `${apiUrl.replace(/\/$/, '')}/1/messages.json`;
  const response = await requestOutbound({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Beacon' },
    body: new URLSearchParams({ token: message.credential, ...fields }).toString(),
    signal: AbortSignal.timeout(TIMEOUT_MS),
    allow,
  });
  const text = (await readBodyPrefix(response, 2_000).catch(() => Buffer.alloc(0))).toString('utf8');
  const host = new URL(url).host;
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`HTTP ${response.status} from ${host}${text ? `: ${text.slice(0, 200)}` : ''}`);
  }
  const reply = parseReply(text);
  if (reply?.status !== 1) throw new Error(`Pushover did not accept the message: ${text.slice(0, 200)}`);
  if (fields.priority !== '2') return {};
  if (typeof reply.receipt !== 'string' || !RECEIPT.test(reply.receipt))
    throw new Error(`Pushover gave no receipt for an emergency message: ${text.slice(0, 200)}`);
  return { receipt: reply.receipt };
}

/** A receipt: 30 letters and digits. */
const RECEIPT = /^[A-Za-z0-9]{30}$/;

/** What became of a request to stop an emergency message alerting. */
export type ReceiptCancelOutcome = 'cancelled' | 'closed';

/**
 * Stop an emergency message alerting (`POST /1/receipts/<receipt>/cancel.json` with the
 * application token): `cancelled`, or `closed` when Pushover no longer knows the receipt as
 * alerting (acknowledged in the app, expired, or gone: a 4xx) — there is nothing left to stop.
 * Throws, to be tried again, on a 429, a 5xx or a network failure.
 */
export async function cancelPushoverReceipt(
  receipt: { receipt: string; token: string },
  allow: OutboundAllowList,
  apiUrl = PUSHOVER_API_URL,
): Promise<ReceiptCancelOutcome> {
  if (!RECEIPT.test(receipt.receipt)) return 'closed';
  const url = `${apiUrl.replace(/\/$/, '')}/1/receipts/${receipt.receipt}/cancel.json`;
  const response = await requestOutbound({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Beacon' },
    body: new URLSearchParams({ token: receipt.token }).toString(),
    signal: AbortSignal.timeout(TIMEOUT_MS),
    allow,
  });
  const text = (await readBodyPrefix(response, 2_000).catch(() => Buffer.alloc(0))).toString('utf8');
  if (response.status === 429 || response.status >= 500)
    throw new Error(
      `HTTP ${response.status} from ${new URL(url).host}${text ? `: ${text.slice(0, 200)}` : ''}`,
    );
  if (response.status >= 400) return 'closed';
  return parseReply(text)?.status === 1 ? 'cancelled' : 'closed';
}

function parseReply(text: string): { status?: unknown; receipt?: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
