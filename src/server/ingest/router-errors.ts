import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type InboundFailure, type InboundFormat, classify, sendFailure } from './format-errors.js';

/** Longer than any integration key: such a path segment cannot name an integration. */
const MAX_KEY_LENGTH = 64;

/** What a router error means on one format's path. */
function routerFailure(error: FastifyError, path: string, format: InboundFormat): InboundFailure {
  if (error.code === 'FST_ERR_BAD_URL')
    return { kind: 'bad_request', status: 400, message: 'the URL path has malformed percent-encoding' };
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const key = format.keyInPath?.exec(path)?.[1];
    if (key !== undefined && key.length > MAX_KEY_LENGTH)
      return { kind: 'unauthenticated', status: 401, message: 'unknown or disabled integration key' };
    return { kind: 'bad_request', status: 414, message: 'a segment of the URL path is too long' };
  }
  return classify(error);
}

/** A handler of router errors (bad URL, over-long path segment): it answers, or leaves it to the next. */
export type RouterErrorHandler = (
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) => FastifyReply | undefined;

/**
 * Errors the router raises before any route or scope is found, answered on the paths of
 * these formats in that format's own shape (an over-long key in the path as an unknown key);
 * other paths are left to the API's problem+json.
 */
export function formatRouterErrors(formats: readonly InboundFormat[]): RouterErrorHandler {
  return (error, request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const format = formats.find((f) => f.paths.test(path));
    if (!format) return undefined;
    return sendFailure(routerFailure(error, path, format), format.render, request, reply);
  };
}

/**
 * The body of a request Node's HTTP parser refused (no route, no request object), on the paths
 * of these formats in that format's own shape; undefined on other paths.
 */
export function formatClientErrorBodies(formats: readonly InboundFormat[]) {
  return (path: string, status: number, message: string): unknown => {
    const format = formats.find((f) => f.paths.test(path));
    if (!format) return undefined;
    // The renderers read at most the reply's elapsed time (Opsgenie's `took`): nothing ran yet.
    const reply = { elapsedTime: 0 } as FastifyReply;
    return format.render({ kind: 'bad_request', status, message }, {} as FastifyRequest, reply).body;
  };
}
