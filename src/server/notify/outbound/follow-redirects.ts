import {
  type OutboundRequest,
  type OutboundResponse,
  discardBody,
  requestOutbound,
} from './outbound-request.js';

/** Redirects a probe follows before giving up. */
export const MAX_REDIRECTS = 5;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Send a request and follow its redirects (at most `maxRedirects`), each hop through the
 * outbound guard: a public target cannot redirect Beacon to an internal one.
 */
export async function requestFollowingRedirects(
  request: OutboundRequest,
  maxRedirects = MAX_REDIRECTS,
): Promise<OutboundResponse> {
  let current = request;
  for (let hop = 0; ; hop++) {
    const response = await requestOutbound(current);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.status) || location === undefined) return response;
    discardBody(response);
    if (hop >= maxRedirects) throw new Error(`stopped after ${maxRedirects} redirects`);
    // As browsers do: 303 (and 301/302 after a POST) continue as GET without the body.
    const isNowGet = response.status === 303 || (response.status <= 302 && current.method === 'POST');
    current = {
      ...current,
      url: new URL(location, current.url).href,
      ...(isNowGet ? { method: 'GET', body: undefined } : {}),
    };
  }
}
