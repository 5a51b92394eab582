import { cleanJson } from '../../core/text/clean-text.js';
import { MAX_JSON_DEPTH, isJsonTextDeeperThan } from '../../core/text/json-depth.js';
import type { ZodApp } from '../http/zod-app.js';

/** A body that is not JSON. */
export class InvalidJsonError extends Error {
  readonly statusCode = 400;
  constructor(detail: string) {
    super(`the body is not valid JSON: ${detail}`);
  }
}

/** A JSON body that nests objects and arrays deeper than Beacon takes. */
export class TooDeepJsonError extends Error {
  readonly statusCode = 400;
  constructor() {
    super(`the body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

/**
 * Read every body of this scope as JSON whatever its content type (senders such as curl
 * or shell scripts often omit it); an empty body is `undefined`. The nesting is measured on
 * the text before it is parsed, and every string of the parsed body is cleaned (`cleanJson`):
 * what the normalisers see is already fit to store.
 */
export function acceptJsonBodies(scope: ZodApp): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    if (isJsonTextDeeperThan(text, MAX_JSON_DEPTH)) {
      done(new TooDeepJsonError(), undefined);
      return;
    }
    try {
      done(null, cleanJson(JSON.parse(text)));
    } catch (error) {
      done(new InvalidJsonError(error instanceof Error ? error.message : String(error)), undefined);
    }
  });
}
