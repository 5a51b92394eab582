import { performance } from 'node:perf_hooks';
import type { OutboundAllowList } from '../../core/net/address-policy.js';
import { type OutboundResponse, readBodyPrefix, requestOutbound } from './outbound/outbound-request.js';
import { webhookSignature } from './webhook.js';

/** How long a receiver has to answer. */
export const EVENT_WEBHOOK_TIMEOUT_MS = 10_000;

/** One signed event to POST. */
export interface EventRequest {
  url: string;
  body: string;
  secret: string;
  /** Instant of sending (epoch ms, from the server clock): the signed timestamp. */
  now: number;
  eventType: string;
  deliveryId: string;
  attempt: number;
  /** Internal targets the operator allows (BEACON_OUTBOUND_ALLOW). */
  allow: OutboundAllowList;
}

/** What came back: a status and the start of the reply, or the reason there was none. */
export interface EventResponse {
  httpStatus: number | null;
  /** null for a 2xx reply; otherwise why the attempt failed. */
  error: string | null;
  responseBody: string | null;
  durationMs: number;
}

/**
 * POST an event with the signature headers of docs/webhooks.md and report what happened
 * (never throws). Redirects are not followed; only a 2xx reply counts as delivered.
 */
export async function postEvent(
  request: EventRequest,
  options: { timeoutMs?: number; snippetBytes?: number } = {},
): Promise<EventResponse> {
  const timestamp = String(Math.floor(request.now / 1000));
  const timeoutMs = options.timeoutMs ?? EVENT_WEBHOOK_TIMEOUT_MS;
  // Elapsed time is measured, not scheduled: a monotonic timer, not the domain clock.
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  let response: OutboundResponse;
  try {
    response = await requestOutbound({
      url: request.url,
      allow: request.allow,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Beacon-Webhooks/1',
        'x-beacon-event': request.eventType,
        'x-beacon-delivery': request.deliveryId,
        'x-beacon-attempt': String(request.attempt),
        'x-beacon-timestamp': timestamp,
        'x-beacon-signature': webhookSignature(request.secret, timestamp, request.body),
      },
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return {
      httpStatus: null,
      error: networkError(error, timeoutMs),
      responseBody: null,
      durationMs: elapsed(),
    };
  }
  const responseBody = await readSnippet(response, options.snippetBytes ?? 1024);
  const status = response.status;
  const error =
    status >= 200 && status < 300
      ? null
      : status >= 300 && status < 400
        ? `HTTP ${status}: redirects are not followed (Location: ${response.headers.location ?? 'none'})`
        : `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return { httpStatus: status, error, responseBody, durationMs: elapsed() };
}

/** The first `limit` bytes of a reply as text; the rest is not downloaded. */
async function readSnippet(response: OutboundResponse, limit: number): Promise<string | null> {
  // The receiver may hang up mid-reply: keep what arrived (nothing, then).
  const bytes = await readBodyPrefix(response, limit).catch(() => Buffer.alloc(0));
  return bytes.length === 0 ? null : new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

function networkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no reply within ${timeoutMs / 1000} s`;
  }
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return cause?.code && !message.includes(cause.code) ? `${cause.code}: ${message}` : message;
}
