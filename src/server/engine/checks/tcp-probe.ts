import net from 'node:net';
import { monotonicNow } from './monotonic.js';
import type { z } from 'zod';
import type { OutboundAllowList } from '../../../core/net/address-policy.js';
import type { TcpCheckConfig } from '../../../core/schemas/checks.js';
import type { ProbeResult } from '../../commands/checks/check-state.js';
import { assertLiteralAllowed, bareHost, guardedLookup } from '../../notify/outbound/outbound-guard.js';
import { describeNetworkError } from './network-errors.js';

/**
 * Open a TCP connection and close it at once: up when it connects within the timeout (latency
 * on `now`). The address is checked against the outbound policy before connecting, so a check
 * cannot scan ports `allow` does not open.
 */
export function probeTcp(
  config: z.infer<typeof TcpCheckConfig>,
  timeoutMs: number,
  allow: OutboundAllowList,
  now: () => number = monotonicNow,
): Promise<ProbeResult> {
  const host = bareHost(config.host);
  try {
    assertLiteralAllowed(allow, host);
  } catch (error) {
    return Promise.resolve({ isUp: false, latencyMs: null, message: describeNetworkError(error, timeoutMs) });
  }
  return new Promise((resolve) => {
    const started = now();
    const socket = net.connect({ host, port: config.port, lookup: guardedLookup(allow) });
    let isDone = false;
    const finish = (result: ProbeResult) => {
      if (isDone) return;
      isDone = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => {
      finish({ isUp: false, latencyMs: null, message: `timed out after ${timeoutMs} ms` });
    }, timeoutMs);
    socket.once('connect', () => {
      finish({ isUp: true, latencyMs: Math.round(now() - started), message: 'connected' });
    });
    // Kept for the socket's life: an error after the result must not go unhandled.
    socket.on('error', (error) => {
      finish({ isUp: false, latencyMs: null, message: describeNetworkError(error, timeoutMs) });
    });
  });
}
