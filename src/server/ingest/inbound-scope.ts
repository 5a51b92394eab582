import type { ZodApp } from '../http/zod-app.js';

/** Route options of every inbound route: outside the OpenAPI document (see docs/integrations). */
export const hidden = { schema: { hide: true } };

const bodyLimits = new WeakMap<object, number>();

/** Every route of this scope takes bodies up to `bytes` (and says so in its 413 reply). */
export function useBodyLimit(scope: ZodApp, bytes: number): void {
  bodyLimits.set(scope, bytes);
  scope.addHook('onRoute', (route) => {
    route.bodyLimit ??= bytes;
  });
}

/** The body limit `useBodyLimit` set on this scope, if any. */
export function bodyLimitOf(scope: ZodApp): number | undefined {
  return bodyLimits.get(scope);
}
