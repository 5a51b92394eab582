import type { OutboundAllowList } from '../../../core/net/address-policy.js';
import type { TwilioConfig } from '../../config.js';
import { jsonObjectOf, postToProvider } from './provider-request.js';
import { RetryLaterError, retryAfterHeaderMs } from './retry-later.js';

/** Twilio's REST resources Beacon creates. */
export type TwilioResource = 'Messages' | 'Calls';

/**
 * Create a Message or Call: a form-encoded POST to `/2010-04-01/Accounts/{Sid}/{resource}.json`
 * with HTTP Basic auth (Account SID and auth token). Twilio answers 201; a 429 is retried later
 * through the outbox; any other answer throws with Twilio's error code and message.
 */
export async function createTwilioResource(
  twilio: TwilioConfig,
  allow: OutboundAllowList,
  resource: TwilioResource,
  params: Record<string, string>,
  now: number,
): Promise<void> {
  const url = `${twilio.apiUrl}/2010-04-01/Accounts/${encodeURIComponent(twilio.accountSid)}/${resource}.json`;
  const basic = Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64');
  const reply = await postToProvider({
    url,
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams(params).toString(),
    headers: { authorization: `Basic ${basic}` },
    allow,
  });
  if (reply.status === 201 || reply.status === 200) return;
  const error = jsonObjectOf(reply.text);
  const detail =
    error && typeof error.message === 'string'
      ? `${typeof error.code === 'number' ? `${error.code} ` : ''}${error.message}`
      : reply.text.slice(0, 200);
  const message = `HTTP ${reply.status} from Twilio${detail ? `: ${detail}` : ''}`;
  if (reply.status === 429)
    throw new RetryLaterError(message, retryAfterHeaderMs(reply.headers['retry-after'], now));
  throw new Error(message);
}
