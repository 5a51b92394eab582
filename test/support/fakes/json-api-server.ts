import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One answer of a fake JSON API. */
export type Reply = { status: number; body: unknown; headers?: Record<string, string> };

/** A fake JSON API on loopback: its root URL, every request's path and query, and how to stop it. */
export interface JsonApiServer {
  url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

/** Serve `answer`'s replies as JSON on a free loopback port, recording each request. */
export async function startJsonApiServer(
  answer: (request: http.IncomingMessage, url: URL) => Reply,
): Promise<JsonApiServer> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
    requests.push(`${url.pathname}${url.search}`);
    const reply = answer(request, url);
    response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    response.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
