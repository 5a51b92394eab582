import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import type { TcpCheckConfig } from '../../../core/schemas/checks.js';
import type { ProbeResult } from '../../commands/checks/check-state.js';
import { describeNetworkError } from './network-errors.js';

/** Open a TCP connection and close it at once: up when it connects within the timeout. */
export function probeTcp(config: z.infer<typeof TcpCheckConfig>, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect({ host: config.host, port: config.port });
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
      finish({ isUp: true, latencyMs: Math.round(performance.now() - started), message: 'connected' });
    });
    // Kept for the socket's life: an error after the result must not go unhandled.
    socket.on('error', (error) => {
      finish({ isUp: false, latencyMs: null, message: describeNetworkError(error, timeoutMs) });
    });
  });
}
