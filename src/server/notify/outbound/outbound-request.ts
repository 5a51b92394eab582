import http from 'node:http';
import https from 'node:https';
import type { OutboundAllowList } from '../../../core/net/address-policy.js';
import { OutboundRefusedError, assertLiteralAllowed, bareHost, guardedLookup } from './outbound-guard.js';

/** One HTTP(S) request out of Beacon; redirects are never followed here. */
export interface OutboundRequest {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Internal targets the operator allows (BEACON_OUTBOUND_ALLOW). */
  allow: OutboundAllowList;
}

/** The reply's status line and headers; `body` is the stream (read it or `destroy` it). */
export interface OutboundResponse {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: http.IncomingMessage;
}

/**
 * Send one request through the outbound guard: the target's addresses are checked when the
 * socket connects, and connections are not pooled (each request connects, and is judged, anew).
 */
export function requestOutbound(request: OutboundRequest): Promise<OutboundResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const isHttps = url.protocol === 'https:';
    if (!isHttps && url.protocol !== 'http:') {
      reject(new OutboundRefusedError(`${url.protocol} URLs are not allowed`));
      return;
    }
    const host = bareHost(url.hostname);
    assertLiteralAllowed(request.allow, host);
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const options: https.RequestOptions = {
      method: request.method,
      hostname: host,
      port: url.port || (isHttps ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      headers: { ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      agent: false,
      lookup: guardedLookup(request.allow),
      ...(request.signal ? { signal: request.signal } : {}),
      ...(url.username
        ? { auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` }
        : {}),
    };
    const outgoing = (isHttps ? https : http).request(options, (response) => {
      resolve({
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? '',
        headers: response.headers,
        body: response,
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The first `maxBytes` of a reply's body (the rest is not downloaded); throws if the stream fails. */
export async function readBodyPrefix(response: OutboundResponse, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      const bytes = chunk as Buffer;
      chunks.push(bytes);
      size += bytes.byteLength;
      if (size >= maxBytes) break;
    }
  } finally {
    response.body.destroy();
  }
  return Buffer.concat(chunks).subarray(0, maxBytes);
}

/** Drop a reply's body unread. */
export function discardBody(response: OutboundResponse): void {
  response.body.destroy();
}
