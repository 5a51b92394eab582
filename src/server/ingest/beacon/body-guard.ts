import { Transform } from 'node:stream';
import type { preParsingAsyncHookHandler, preValidationAsyncHookHandler } from 'fastify';
import { ValidationError } from '../../../core/errors.js';
import { cleanJson } from '../../../core/text/clean-text.js';
import { JsonDepthScanner, MAX_JSON_DEPTH } from '../../../core/text/json-depth.js';

/**
 * Measure the body's nesting while it streams in, before the API's JSON parser sees it:
 * deeper than MAX_JSON_DEPTH is refused with 400 (problem+json naming the body).
 */
export const refuseDeepJson: preParsingAsyncHookHandler = (_request, _reply, payload) => {
  const scanner = new JsonDepthScanner();
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (scanner.feed(chunk.toString('latin1')) > MAX_JSON_DEPTH)
        callback(
          new ValidationError('(body)', `nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`),
        );
      else callback(null, chunk);
    },
  });
  payload.on('error', (error) => guard.destroy(error));
  // Fastify stops listening to the stream once it has answered (e.g. 413 for a body over the
  // limit) while the rest of the body still flows through the guard: an error raised then
  // must not go unheard, or it would end the process. Fastify's own listener answers the first.
  guard.on('error', () => {
    payload.unpipe(guard);
    payload.resume();
  });
  return Promise.resolve(payload.pipe(guard));
};

/** Clean every string of the parsed body (control characters, lone surrogates) before validation. */
export const cleanBody: preValidationAsyncHookHandler = (request) => {
  request.body = cleanJson(request.body);
  return Promise.resolve();
};
