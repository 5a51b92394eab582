import type { OutboundAllowList } from '../../../core/net/address-policy.js';
import { readBodyPrefix, requestOutbound } from '../outbound/outbound-request.js';

const TIMEOUT_MS = 10_000;
/** Bytes of a provider's reply read (its JSON answer is small; errors are cut for the log). */
const MAX_REPLY_BYTES = 16_384;

/** A provider API's reply: its status, headers and the start of its body. */
export interface ProviderReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** POST `body` (already encoded as `contentType`) to a provider's API through the outbound guard. */
export async function postToProvider(request: {
  url: string;
  contentType: string;
  body: string;
  allow: OutboundAllowList;
  headers?: Record<string, string>;
}): Promise<ProviderReply> {
  const response = await requestOutbound({
    url: request.url,
    method: 'POST',
    headers: {
      'content-type': request.contentType,
      accept: 'application/json',
      'user-agent': 'Beacon',
      ...request.headers,
    },
    body: request.body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
    allow: request.allow,
  });
  const text = (await readBodyPrefix(response, MAX_REPLY_BYTES)).toString('utf8');
  return { status: response.status, headers: response.headers, text };
}

/** `text` parsed as a JSON object, or undefined when it is not one. */
export function jsonObjectOf(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
