import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { problemTypeUri } from '../../core/problem-types.js';

/** What an error body the HTTP parser refused a request with looks like on a path. */
export type ClientErrorBody = (path: string, status: number, message: string) => unknown;

/** A request the HTTP parser refused, as Node reports it to the server. */
interface ClientError extends Error {
  code?: string;
  rawPacket?: Buffer;
}

const BAD_REQUEST: [number, string] = [
  400,
  'the request is not valid HTTP (for example a raw byte that is not ASCII in the URL)',
];

/** The answers to the parser's errors other than a request it could not read. */
const PARSER_ERRORS: Record<string, [number, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'the request took too long to arrive'],
  HPE_HEADER_OVERFLOW: [431, 'the request headers are too large'],
};

/** The path of the request line in the raw bytes the parser refused, if there is one. */
function pathOf(error: ClientError): string {
  const line = error.rawPacket?.toString('latin1').split('\r\n', 1)[0] ?? '';
  return line.split(' ')[1]?.split('?')[0] ?? '';
}

/**
 * Answer a request Node's HTTP parser refused (a raw byte in the URL, headers too large, a
 * request too slow) in the shape its path documents: `bodyOf` gives the inbound formats'
 * shapes, else RFC 9457 problem+json. Then close the connection, as the parser cannot go on.
 */
export function answerClientError(bodyOf: ClientErrorBody | undefined) {
  return (connectionError: Error, socket: Socket): void => {
    const error = connectionError as ClientError;
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, message] = PARSER_ERRORS[error.code ?? ''] ?? BAD_REQUEST;
    const path = pathOf(error);
    const formatBody = bodyOf?.(path, status, message);
    const title = STATUS_CODES[status] ?? 'Bad Request';
    const [type, body] =
      formatBody === undefined
        ? ['application/problem+json', problemOf(status, title, message)]
        : ['application/json', formatBody];
    const text = JSON.stringify(body);
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      );
    }
    socket.destroy();
  };
}

function problemOf(status: number, title: string, message: string) {
  if (status !== 400) return { type: problemTypeUri(status), title, status, detail: message };
  return {
    type: problemTypeUri('validation'),
    title: 'Invalid request',
    status,
    detail: message,
    errors: [{ field: '(request)', message }],
  };
}
