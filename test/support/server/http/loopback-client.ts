import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ZodApp } from '../../../../src/server/http/zod-app.js';

/** A reply read off a real HTTP connection. */
export interface LoopbackReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- callers name the body they expect
  json<T = unknown>(): T;
}

/** Options of one request: a body to send as JSON, headers, and the loopback address to send from. */
export interface LoopbackRequest {
  body?: unknown;
  headers?: Record<string, string>;
  /** The client's source address, any of 127.0.0.0/8 (the server sees it as `request.ip`). */
  from?: string;
}

/** Listen on a free loopback port and return the base URL. */
export async function listenOnLoopback(app: ZodApp): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** One request over a real TCP connection on loopback (redirects are not followed). */
export function loopbackRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: LoopbackRequest = {},
): Promise<LoopbackReply> {
  const url = new URL(path, baseUrl);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method,
        localAddress: options.from ?? '127.0.0.1',
        agent: false,
        headers: {
          ...(payload !== undefined
            ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }
            : {}),
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body,
            // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- as above
            json: <T>() => JSON.parse(body) as T,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** The `name=value` of a Set-Cookie header's cookie `name`, if the reply sets it (to a non-empty value). */
export function cookieFrom(reply: LoopbackReply, name: string): string | undefined {
  const cookies = reply.headers['set-cookie'] ?? [];
  const found = cookies.map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith(`${name}=`));
  return found && found.length > name.length + 1 ? found : undefined;
}
