import { monotonicNow } from './monotonic.js';
import type { z } from 'zod';
import type { OutboundAllowList } from '../../../core/net/address-policy.js';
import type { HttpCheckConfig } from '../../../core/schemas/checks.js';
import type { ProbeResult } from '../../commands/checks/check-state.js';
import { requestFollowingRedirects } from '../../notify/outbound/follow-redirects.js';
import { discardBody, readBodyPrefix } from '../../notify/outbound/outbound-request.js';
import { describeNetworkError } from './network-errors.js';

/** How much of a body is searched for the keyword. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * One HTTP(S) request, following redirects (each hop through the outbound guard, so only
 * targets `allow` permits are reached): up when the final status is the expected one, the
 * keyword (if any) is in the first 1 MB of the body, and the response headers came within the
 * latency limit (if any). Latency is measured to the response headers, on `now` (the
 * monotonic clock; tests pass the clock they move).
 */
export async function probeHttp(
  config: z.infer<typeof HttpCheckConfig>,
  timeoutMs: number,
  allow: OutboundAllowList,
  now: () => number = monotonicNow,
): Promise<ProbeResult> {
  const started = now();
  const signal = AbortSignal.timeout(timeoutMs);
  let latencyMs: number | null = null;
  try {
    const response = await requestFollowingRedirects({
      url: config.url,
      method: config.method,
      signal,
      headers: { 'user-agent': 'Beacon-Check/1' },
      allow,
    });
    latencyMs = Math.round(now() - started);
    const statusCode = response.status;
    const fail = (message: string): ProbeResult => ({ isUp: false, latencyMs, statusCode, message });
    if (statusCode !== config.expectedStatus) {
      discardBody(response);
      return fail(`expected ${config.expectedStatus}, got ${statusCode}`);
    }
    if (config.keyword !== undefined) {
      const text = new TextDecoder().decode(await readBodyPrefix(response, MAX_BODY_BYTES));
      if (!text.includes(config.keyword))
        return fail(`keyword "${config.keyword}" not found in the response`);
    } else {
      discardBody(response);
    }
    if (config.latencyLimitMs !== undefined && latencyMs > config.latencyLimitMs) {
      return fail(`responded in ${latencyMs} ms, over the ${config.latencyLimitMs} ms limit`);
    }
    return { isUp: true, latencyMs, statusCode, message: `HTTP ${statusCode}` };
  } catch (error) {
    return { isUp: false, latencyMs, statusCode: null, message: describeNetworkError(error, timeoutMs) };
  }
}
