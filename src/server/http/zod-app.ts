import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IncidentRefParam, StrictId } from '../../core/schemas/common.js';
import { Problem } from './problem.js';

/** The Fastify instance with zod schemas for requests and responses. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Response schemas for a route: its success bodies plus problem+json for every error. */
export function replies<T extends Record<number, z.ZodType>>(ok: T) {
  return { ...ok, '4xx': Problem, '5xx': Problem };
}

/** Path parameter `:ref` of incident routes (INC-12 or 12). */
export const RefParams = z.object({ ref: IncidentRefParam });

/** Path parameter `:id` of numbered resources. */
export const IdParams = z.object({ id: StrictId });

/** Empty reply schema for 204s. */
export const NoContent = z.null();
