import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { IntegrationType } from '../../../../core/schemas/alerting.js';
import { OverloadedError, UnauthenticatedError } from '../../../../core/errors.js';
import type { AppContext } from '../../../commands/context.js';
import {
  type AuthenticatedIntegration,
  authenticateIntegration,
  authenticateIntegrationForIngest,
} from '../../../commands/integrations.js';
import type { ZodApp } from '../../zod-app.js';

/** Route options of every inbound route: outside the OpenAPI document (see docs/integrations). */
export const hidden = { schema: { hide: true } };

/**
 * The enabled integration of `type` a key belongs to; any other key is UnauthenticatedError.
 * With `isForIngest`, for requests whose events go through the ingest queue (which checks
 * the key again when it writes them), a key found valid in the last 30 s is not looked up.
 */
export async function integrationOfType(
  ctx: AppContext,
  key: string,
  type: IntegrationType,
  options: { isForIngest?: boolean } = {},
): Promise<AuthenticatedIntegration> {
  const integration = options.isForIngest
    ? await authenticateIntegrationForIngest(ctx, key)
    : await authenticateIntegration(ctx, key);
  if (integration.type !== type) throw new UnauthenticatedError('unknown or disabled integration key');
  return integration;
}

/** A body that is not JSON. */
export class InvalidJsonError extends Error {
  readonly statusCode = 400;
  constructor(detail: string) {
    super(`the body is not valid JSON: ${detail}`);
  }
}

/**
 * Read every body of this scope as JSON whatever its content type (senders such as curl
 * or shell scripts often omit it); an empty body is `undefined`.
 */
export function acceptJsonBodies(scope: ZodApp): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(new InvalidJsonError(error instanceof Error ? error.message : String(error)), undefined);
    }
  });
}

/** Why a request of an inbound format failed, as the format's error renderer sees it. */
export type InboundFailure =
  | { kind: 'invalid_json'; status: 400; message: string }
  | { kind: 'too_large'; status: 413; message: string }
  | { kind: 'unauthenticated'; status: 401; message: string }
  | { kind: 'overloaded'; status: 503; message: string; retryAfterSeconds: number }
  | { kind: 'bad_request'; status: number; message: string }
  | { kind: 'internal'; status: 500; message: string };

const bodyLimits = new WeakMap<object, number>();

/** Every route of this scope takes bodies up to `bytes` (and says so in its 413 reply). */
export function useBodyLimit(scope: ZodApp, bytes: number): void {
  bodyLimits.set(scope, bytes);
  scope.addHook('onRoute', (route) => {
    route.bodyLimit ??= bytes;
  });
}

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

/** Install a scope's error handler: every failure in that format's own shape, never problem+json. */
export function useFormatErrors(scope: ZodApp, render: RenderFailure): void {
  scope.setErrorHandler((error: FastifyError, request, reply) => {
    const failure = classify(error, bodyLimits.get(scope));
    if (failure.kind === 'internal') request.log.error({ err: error }, 'inbound request failed');
    if (failure.kind === 'overloaded') reply.header('retry-after', String(failure.retryAfterSeconds));
    const { status, body } = render(failure, request, reply);
    return reply.code(status).type('application/json').serializer(JSON.stringify).send(body);
  });
}
