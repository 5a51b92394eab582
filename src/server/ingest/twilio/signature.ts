import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio's `X-Twilio-Signature`: HMAC-SHA1, keyed with the account's auth token, of the full
 * URL Twilio called (scheme to query string) followed by every POST parameter's name and value
 * with no separators, sorted by name (case-sensitive), base64-encoded.
 */
export function twilioSignature(
  authToken: string,
  url: string,
  params: ReadonlyArray<[string, string]>,
): string {
  const sorted = [...params].sort(([a, av], [b, bv]) => compare(a, b) || compare(av, bv));
  const data = url + sorted.map(([name, value]) => name + value).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Whether `given` is the signature of this request. */
export function isTwilioSignatureValid(
  authToken: string,
  url: string,
  params: ReadonlyArray<[string, string]>,
  given: string | undefined,
): boolean {
  if (!given) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
