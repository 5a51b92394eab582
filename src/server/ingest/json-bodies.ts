import type { ZodApp } from '../http/zod-app.js';

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
