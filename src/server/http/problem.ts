import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BeaconError,
  type ErrorCode,
  type FieldError,
  OverloadedError,
  RateLimitedError,
  StaleWriteError,
} from '../../core/errors.js';
import { humanFieldMessage } from '../../core/field-messages.js';
import { type ProblemType, problemTypeUri } from '../../core/problem-types.js';

/** RFC 9457 problem details, with the failing fields named. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

/** The one table from error code to HTTP status and title. */
const STATUS: Record<ErrorCode, { status: number; title: string }> = {
  validation: { status: 400, title: 'Invalid request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  invalid_transition: { status: 409, title: 'Not allowed in the current status' },
  rate_limited: { status: 429, title: 'Too many requests' },
  overloaded: { status: 503, title: 'Service unavailable' },
};

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  404: 'Not found',
  413: 'Request body too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Write a problem+json reply. */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  detail: string,
  options: {
    code?: ProblemType;
    title?: string;
    errors?: FieldError[];
    instance?: string;
    /** Extension members (RFC 9457 §3.2), such as the current state after a stale write. */
    extensions?: Record<string, unknown>;
  } = {},
): FastifyReply {
  const body: Problem & Record<string, unknown> = {
    ...options.extensions,
    type: problemTypeUri(options.code ?? status),
    title: options.title ?? TITLES[status] ?? 'Error',
    status,
    detail,
    ...(options.instance ? { instance: options.instance } : {}),
    ...(options.errors && options.errors.length > 0
      ? {
          errors: options.errors.map((e) => ({
            field: e.field,
            message: humanFieldMessage(e.field, e.message),
          })),
        }
      : {}),
  };
  return reply.code(status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

function fieldOf(instancePath: string, params: Record<string, unknown> | undefined): string {
  const keys = params?.keys;
  if (Array.isArray(keys) && typeof keys[0] === 'string') return keys[0];
  return instancePath.replace(/^\//, '').replaceAll('/', '.') || '(body)';
}

/** Turn any error into problem+json; unexpected ones are logged and hidden. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const instance = request.url.split('?')[0];
  if (error instanceof OverloadedError || error instanceof RateLimitedError)
    reply.header('retry-after', String(error.retryAfterSeconds));
  if (error instanceof BeaconError) {
    const { status, title } = STATUS[error.code];
    return sendProblem(reply, status, error.message, {
      code: error.code,
      title,
      errors: error.fields,
      ...(instance ? { instance } : {}),
      ...(error instanceof StaleWriteError ? { extensions: { current: error.current } } : {}),
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((issue) => ({
      field: fieldOf(issue.instancePath, issue.params),
      message: issue.message ?? 'is invalid',
    }));
    const where = error.validationContext ?? 'request';
    const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return sendProblem(reply, 400, `invalid ${where}: ${detail}`, { code: 'validation', errors });
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, status, 'something went wrong on the server; it has been logged');
  }
  const code =
    error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
      ? 'validation'
      : undefined;
  return sendProblem(reply, status, error.message, {
    ...(code ? { code, errors: [{ field: '(body)', message: error.message }] } : {}),
  });
}

/**
 * Errors the router raises before any route is found, as problem+json: malformed
 * percent-encoding in the path (400) and an over-long path segment (414).
 */
export function handleRouterError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error.code === 'FST_ERR_BAD_URL') {
    const message = 'has malformed percent-encoding';
    return sendProblem(reply, 400, `the URL path ${message}`, {
      code: 'validation',
      errors: [{ field: '(path)', message }],
    });
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const message = 'has a segment longer than the server takes';
    return sendProblem(reply, 414, `the URL path ${message}`, { errors: [{ field: '(path)', message }] });
  }
  return handleError(error, request, reply);
}
