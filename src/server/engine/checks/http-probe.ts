import { monotonicNow } from './monotonic.js';
import type { z } from 'zod';
import type { HttpCheckConfig } from '../../../core/schemas/checks.js';
import type { ProbeResult } from '../../commands/checks/check-state.js';
import { describeNetworkError } from './network-errors.js';

/** How much of a body is searched for the keyword. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Read at most `maxBytes` of a body as text, then let the rest go. */
async function readText(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, maxBytes));
}

/**
 * One HTTP(S) request, following redirects: up when the final status is the expected one,
 * the keyword (if any) is in the first 1 MB of the body, and the response headers came
 * within the latency limit (if any). Latency is measured to the response headers, on `now`
 * (the monotonic clock; tests pass the clock they move).
 */
export async function probeHttp(
  config: z.infer<typeof HttpCheckConfig>,
  timeoutMs: number,
  now: () => number = monotonicNow,
): Promise<ProbeResult> {
  const started = now();
  const signal = AbortSignal.timeout(timeoutMs);
  let latencyMs: number | null = null;
  try {
    const response = await fetch(config.url, {
      method: config.method,
      redirect: 'follow',
      signal,
      headers: { 'user-agent': 'Beacon-Check/1' },
    });
    latencyMs = Math.round(now() - started);
    const statusCode = response.status;
    const fail = (message: string): ProbeResult => ({ isUp: false, latencyMs, statusCode, message });
    if (statusCode !== config.expectedStatus) {
      await response.body?.cancel();
      return fail(`expected ${config.expectedStatus}, got ${statusCode}`);
    }
    if (config.keyword !== undefined) {
      const text = await readText(response, MAX_BODY_BYTES);
      if (!text.includes(config.keyword))
        return fail(`keyword "${config.keyword}" not found in the response`);
    } else {
      await response.body?.cancel();
    }
    if (config.latencyLimitMs !== undefined && latencyMs > config.latencyLimitMs) {
      return fail(`responded in ${latencyMs} ms, over the ${config.latencyLimitMs} ms limit`);
    }
    return { isUp: true, latencyMs, statusCode, message: `HTTP ${statusCode}` };
  } catch (error) {
    return { isUp: false, latencyMs, statusCode: null, message: describeNetworkError(error, timeoutMs) };
  }
}
