import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { ManualClock } from '../../../../../src/core/clock.js';
import type { Check } from '../../../../../src/core/schemas/checks.js';
import { createService, ok } from '../../http/api-test-helpers.js';
import type { ApiHarness } from '../../api-harness.js';

// Targets for check tests (test-only module): real servers on 127.0.0.1, changed by the test.

let serviceCount = 0;

/** Add a check (as an admin) to a new service and return it. */
export async function addCheck(api: ApiHarness, body: Record<string, unknown>): Promise<Check> {
  const service = await createService(api, `service ${++serviceCount}`);
  // Test targets listen on loopback: an internal target, which only admins may check.
  return ok<Check>(
    await api.call('POST', `/api/v1/services/${service.id}/checks`, { as: 'admin', body }),
    201,
  );
}

/** An HTTP server whose answer the test sets. */
export interface TestHttpTarget {
  url: string;
  status: number;
  body: string;
  /** Wait this long before answering (or move the target's clock this far). */
  delayMs: number;
  /** When set, every answer is a 302 redirect here. */
  redirectTo: string | undefined;
  hits: number;
  /** Keep every answer back until the returned function is called. */
  hold(): () => void;
  close(): Promise<void>;
}

/**
 * Start an HTTP server on a free port of `host` (default 127.0.0.1) answering `status` with
 * `body`; `/moved` redirects to `/`, and every path to `redirectTo` once that is set.
 * With `clock`, `delayMs` moves that clock forward before answering at once (for probes timed
 * on it), so a latency test does not depend on how busy the machine is; without, it waits.
 */
export async function startHttpTarget(
  options: { clock?: ManualClock; host?: string } = {},
): Promise<TestHttpTarget> {
  const { clock, host = '127.0.0.1' } = options;
  let held = Promise.resolve();
  const server = http.createServer((request, response) => {
    target.hits++;
    const answer = () => {
      if (request.url === '/moved' || target.redirectTo !== undefined) {
        response.writeHead(302, { location: target.redirectTo ?? '/' }).end();
        return;
      }
      response.writeHead(target.status, { 'content-type': 'text/plain' }).end(target.body);
    };
    void held.then(() => {
      if (clock) {
        clock.advance(target.delayMs);
        answer();
      } else setTimeout(answer, target.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const target: TestHttpTarget = {
    url: `http://${host}:${port}/`,
    status: 200,
    body: 'status: healthy',
    delayMs: 0,
    redirectTo: undefined,
    hits: 0,
    hold: () => {
      let release = (): void => undefined;
      held = new Promise((resolve) => (release = resolve));
      return () => {
        held = Promise.resolve();
        release();
      };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return target;
}

/** A TCP listener, and how to close it so connections are refused. */
export interface TestTcpTarget {
  port: number;
  /** Connections accepted so far. */
  accepted: number;
  close(): Promise<void>;
}

/** Listen on a free TCP port of 127.0.0.1. */
export async function startTcpTarget(): Promise<TestTcpTarget> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    target.accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const target: TestTcpTarget = {
    port,
    accepted: 0,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return target;
}

/** A logger that keeps what was logged, for tests that assert nothing went wrong. */
export function recordingLog(): { error: (...args: unknown[]) => void; errors: unknown[][] } {
  const errors: unknown[][] = [];
  return { errors, error: (...args: unknown[]) => errors.push(args) };
}
