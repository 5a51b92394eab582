import type { OutboundAllowList } from '../../../core/net/address-policy.js';
import type { SourceFetch } from '../../import/source-api.js';
import { readBodyPrefix, requestOutbound } from './outbound-request.js';

/** The largest reply body read (a page of another tool's API is far smaller). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * A `fetch` for GETs to other tools' APIs (the import readers) through the outbound guard:
 * every address the target resolves to is judged by the policy (internal ranges refused unless
 * `allow` lets them through); redirects are not followed.
 */
export function outboundFetch(allow: OutboundAllowList): SourceFetch {
  return async (url, init) => {
    const reply = await requestOutbound({
      url: url.toString(),
      method: 'GET',
      headers: init.headers,
      signal: init.signal,
      allow,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(reply.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    }
    const body = await readBodyPrefix(reply, MAX_BODY_BYTES);
    const hasBody = reply.status !== 204 && reply.status !== 304 && reply.status >= 200;
    return new Response(hasBody ? new Uint8Array(body) : null, {
      status: reply.status < 200 || reply.status > 599 ? 502 : reply.status,
      statusText: reply.statusText,
      headers,
    });
  };
}
