import http from 'node:http';

/** One request exactly as the fuzz suite puts it on the wire. */
export interface RawRequest {
  method: string;
  /** Path and query as sent: already percent-encoded, possibly malformed on purpose. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** What came back: status, headers and (at most 1 MB of) the body. */
export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const MAX_BODY = 1024 * 1024;

/**
 * An HTTP/1.1 client for one server on loopback; paths go out byte for byte. Each request has
 * its own connection: the server closes a connection after some refusals (an overlong URL, a body
 * over the limit), and a reused one could then fail a later, innocent request.
 */
export class RawHttpClient {
  constructor(private readonly port: number) {}

  /** Send `request`; an event stream is read up to its headers and then closed. */
  send(request: RawRequest): Promise<RawReply> {
    return new Promise((resolve, reject) => {
      const outgoing = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          agent: false,
          method: request.method,
          path: request.path,
          headers: {
            ...request.headers,
            ...(request.body ? { 'content-length': String(request.body.length) } : {}),
          },
          // The suite sends paths no browser would (raw bytes above 0x7f): let them through.
          insecureHTTPParser: true,
        },
        (incoming) => {
          if (String(incoming.headers['content-type']).startsWith('text/event-stream')) {
            incoming.destroy();
            resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: '' });
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          incoming.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_BODY) chunks.push(chunk);
          });
          incoming.on('error', reject);
          incoming.on('end', () =>
            resolve({
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      // A server that hangs up without an answer (as Node does on an overlong URL) is an answer too.
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNRESET' || error.code === 'EPIPE')
          resolve({
            status: 0,
            headers: {},
            body: `(no answer: the server closed the connection, ${error.code})`,
          });
        else reject(error);
      });
      outgoing.end(request.body);
    });
  }
}
