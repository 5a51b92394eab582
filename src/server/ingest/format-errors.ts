import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { OverloadedError, UnauthenticatedError, ValidationError } from '../../core/errors.js';
import type { ZodApp } from '../http/zod-app.js';
import { bodyLimitOf } from './inbound-scope.js';
import { InvalidJsonError } from './json-bodies.js';

/** Why a request of an inbound format failed, as the format's error renderer sees it. */
export type InboundFailure =
  | { kind: 'invalid_json'; status: 400; message: string }
  | { kind: 'too_large'; status: 413; message: string }
  | { kind: 'unauthenticated'; status: 401; message: string }
  | { kind: 'overloaded'; status: 503; message: string; retryAfterSeconds: number }
  | { kind: 'bad_request'; status: number; message: string }
  | { kind: 'internal'; status: 500; message: string };

/** Sort an error raised while serving an inbound request. */
export function classify(error: FastifyError | Error, bodyLimit = 512 * 1024): InboundFailure {
  const code = 'code' in error ? error.code : undefined;
  if (error instanceof InvalidJsonError || code === 'FST_ERR_CTP_INVALID_JSON_BODY')
    return { kind: 'invalid_json', status: 400, message: error.message };
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { kind: 'too_large', status: 413, message: `the request body is larger than ${bodyLimit} bytes` };
  if (error instanceof UnauthenticatedError)
    return { kind: 'unauthenticated', status: 401, message: error.message };
  if (error instanceof OverloadedError)
    return {
      kind: 'overloaded',
      status: 503,
      message: error.message,
      retryAfterSeconds: error.retryAfterSeconds,
    };
  if (error instanceof ValidationError) return { kind: 'bad_request', status: 400, message: error.message };
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) return { kind: 'bad_request', status, message: error.message };
  return { kind: 'internal', status: 500, message: 'something went wrong on the server; it has been logged' };
}

/** How a format writes an error: its status and body (and headers, e.g. Retry-After). */
export type RenderFailure = (
  failure: InboundFailure,
  request: FastifyRequest,
  reply: FastifyReply,
) => { status: number; body: unknown };

/** An inbound format as errors see it: its URLs and how it writes an error. */
export interface InboundFormat {
  /** Matches the URL paths (query string left out) this format serves. */
  paths: RegExp;
  /** Where the format takes an integration key in the path (capture group 1), if it does. */
  keyInPath?: RegExp;
  render: RenderFailure;
}

/** Answer a failure in a format's own shape (and headers, e.g. Retry-After). */
export function sendFailure(
  failure: InboundFailure,
  render: RenderFailure,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (failure.kind === 'overloaded') reply.header('retry-after', String(failure.retryAfterSeconds));
  const { status, body } = render(failure, request, reply);
  return reply.code(status).type('application/json').serializer(JSON.stringify).send(body);
}

/** Install a scope's error handler: every failure in that format's own shape, never problem+json. */
export function useFormatErrors(scope: ZodApp, format: Pick<InboundFormat, 'render'>): void {
  scope.setErrorHandler((error: FastifyError, request, reply) => {
    const failure = classify(error, bodyLimitOf(scope));
    if (failure.kind === 'internal') request.log.error({ err: error }, 'inbound request failed');
    return sendFailure(failure, format.render, request, reply);
  });
}
