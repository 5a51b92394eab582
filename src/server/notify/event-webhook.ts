import { performance } from 'node:perf_hooks';
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
  let response: Response;
  try {
    response = await fetch(request.url, {
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
      redirect: 'manual',
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
        ? `HTTP ${status}: redirects are not followed (Location: ${response.headers.get('location') ?? 'none'})`
        : `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return { httpStatus: status, error, responseBody, durationMs: elapsed() };
}

/** The first `limit` bytes of a reply as text; the rest is not downloaded. */
async function readSnippet(response: Response, limit: number): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // The receiver hung up mid-reply: keep what arrived.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  if (size === 0) return null;
  const bytes = Buffer.concat(chunks).subarray(0, limit);
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
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
