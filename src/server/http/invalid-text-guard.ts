import type { FastifyRequest, RouteOptions } from 'fastify';
import { BeaconError, type FieldError } from '../../core/errors.js';
import { findInvalidText } from '../../core/text/invalid-text.js';
import { MAX_JSON_DEPTH, isJsonDeeperThan } from '../../core/text/json-depth.js';

/**
 * Refuse a request whose params, query or body hold text the databases cannot store alike
 * (NUL and other C0 controls, lone surrogates), or whose body nests deeper than any API shape
 * does: 400 naming each field, before validation, so no route stores such text or sends it to
 * the database in a filter, and no recursive walk meets a body thousands of levels deep.
 */
export function refuseInvalidText(request: FastifyRequest): Promise<void> {
  // First the depth, without recursion: the text check below walks the value recursively.
  if (isJsonDeeperThan(request.body)) {
    const message = `nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`;
    return Promise.reject(
      new BeaconError('validation', `invalid request: (body): ${message}`, [{ field: '(body)', message }]),
    );
  }
  const fields: FieldError[] = [
    ...findInvalidText(request.params),
    ...findInvalidText(request.query),
    ...findInvalidText(request.body),
  ].map(({ path, message }) => ({ field: path || '(body)', message }));
  if (fields.length > 0) {
    const detail = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    return Promise.reject(new BeaconError('validation', `invalid request: ${detail}`, fields));
  }
  return Promise.resolve();
}

// The API and the calendar feeds (whose tokens are looked up in the database). The one-click
// pages only verify a signature, and the inbound formats outside /api/v1 clean their own text.
const GUARDED = ['/api/v1/', '/calendar/'];

/** Route hook: add `refuseInvalidText` to API routes unless `skip` says one handles text itself. */
export function guardInvalidText(skip: (route: RouteOptions) => boolean) {
  return (route: RouteOptions): void => {
    if (!GUARDED.some((prefix) => route.url.startsWith(prefix)) || skip(route)) return;
    const existing = route.preValidation;
    route.preValidation = existing
      ? [...(Array.isArray(existing) ? existing : [existing]), refuseInvalidText]
      : [refuseInvalidText];
  };
}
