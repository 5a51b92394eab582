import type { FastifyRequest } from 'fastify';
import type { IntegrationType } from '../../core/schemas/alerting.js';
import { UnauthenticatedError } from '../../core/errors.js';
import type { AppContext } from '../commands/context.js';
import {
  type AuthenticatedIntegration,
  authenticateIntegration,
  authenticateIntegrationForIngest,
} from '../commands/integrations.js';

/** The key from `Authorization: Bearer <key>` (or basic auth with the key as password). */
export function integrationKeyFrom(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer?.[1]) return bearer[1];
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return '';
}

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
