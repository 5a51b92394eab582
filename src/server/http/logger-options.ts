import type { FastifyLoggerOptions, FastifyRequest } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';

/** What a secret is replaced with in the log. */
export const REDACTED = '[redacted]';

/**
 * Path segments after which the next segment is a secret, for requests that matched no
 * route (a matched route's secrets are found by its parameter names, see `isSecretName`).
 */
const SECRET_AFTER: ReadonlyArray<readonly string[]> = [
  ['integrations', 'alertmanager'],
  ['integrations', 'alertmanager-webhook'],
  ['integrations', 'email'],
  ['integrations', 'heartbeat'],
  ['calendar', 'schedules'],
  ['calendar', 'users'],
  ['ack'],
];

/** Names (of query parameters, route parameters) whose values are secrets. */
const SECRET_NAMES = new Set(['auth', 'code', 'sig', 'signature']);
const SECRET_SUFFIXES = ['key', 'token', 'secret', 'password'];

/** Whether a parameter called `name` (`api_key`, `routing_key`, `token`…) holds a secret. */
export function isSecretName(name: string): boolean {
  const bare = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_NAMES.has(bare) || SECRET_SUFFIXES.some((suffix) => bare.endsWith(suffix));
}

/** Headers that carry credentials: bearer and `GenieKey` keys, API keys, cookies. */
const SECRET_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
  'x-csrf-token',
];

/** Fields whose values are secrets wherever a log line carries them (one level deep too). */
const SECRET_FIELDS = ['password', 'token', 'secret', 'routing_key', 'api_key', 'apiKey'];

const REDACT_PATHS = [
  ...SECRET_HEADERS.flatMap((header) => [`headers["${header}"]`, `*.headers["${header}"]`]),
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]),
  // The bytes of a malformed request (Fastify's "client error" at trace level): headers and all.
  'err.rawPacket',
];

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function followsSecretPrefix(segments: readonly string[], index: number): boolean {
  return SECRET_AFTER.some((prefix) => {
    const start = index - prefix.length;
    return start >= 0 && prefix.every((part, i) => decoded(segments[start + i] ?? '').toLowerCase() === part);
  });
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      return equals !== -1 && isSecretName(decoded(name)) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
}

/**
 * A request URL fit for the log: integration keys, one-click tokens, calendar and heartbeat
 * tokens in the path, and secret query parameters (`?api_key=`) replaced by `[redacted]`.
 * `secretValues` are the values of the matched route's secret parameters.
 */
export function redactUrl(url: string, secretValues: readonly string[] = []): string {
  const question = url.indexOf('?');
  const pathPart = question === -1 ? url : url.slice(0, question);
  const segments = pathPart.split('/');
  const path = segments
    .map((segment, index) => {
      if (segment === '') return segment;
      const isSecret = followsSecretPrefix(segments, index) || secretValues.includes(decoded(segment));
      return isSecret ? REDACTED : segment;
    })
    .join('/');
  return question === -1 ? path : `${path}?${redactQuery(url.slice(question + 1))}`;
}

/** The values of a matched route's parameters named like secrets (`:key`, `:token`). */
function secretParams(params: unknown): string[] {
  if (typeof params !== 'object' || params === null) return [];
  return Object.entries(params as Record<string, unknown>)
    .filter(([name, value]) => isSecretName(name) && typeof value === 'string' && value !== '')
    .map(([, value]) => value as string);
}

/**
 * How a request appears in the log: Fastify's fields, with the URL's secrets redacted. Any
 * `req` field of a line comes here, so a missing part is tolerated.
 */
function serializeRequest(request: FastifyRequest) {
  const { method, url, params, host, ip, socket } = request as Partial<FastifyRequest>;
  return {
    method,
    url: typeof url === 'string' ? redactUrl(url, secretParams(params)) : undefined,
    host,
    remoteAddress: ip,
    remotePort: socket?.remotePort,
  };
}

/**
 * The server's pino options: requests logged with secrets taken out of their URLs, and
 * credential headers and secret fields redacted from any line that carries them.
 * `stream` replaces standard output (tests read the log from it).
 */
export function loggerOptions(
  level: string,
  stream?: DestinationStream,
): FastifyLoggerOptions & LoggerOptions {
  return {
    level,
    serializers: { req: serializeRequest },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    ...(stream ? { stream } : {}),
  };
}
