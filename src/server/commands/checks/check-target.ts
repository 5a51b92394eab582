import { BeaconError } from '../../../core/errors.js';
import { hasRole } from '../../../core/roles.js';
import type { AppContext, Caller } from '../context.js';
import { assertOutboundHost, assertOutboundUrl } from '../outbound-target.js';
import type { CheckSpec } from './check-config.js';

/**
 * Refuse a check aimed at a target outbound requests may not reach (400), and let only admins
 * aim one at an internal target BEACON_OUTBOUND_ALLOW allows (403): a check's result tells
 * whoever reads it what the target answered, so it would read internal pages and scan ports.
 */
export function assertCheckTarget(ctx: AppContext, caller: Caller, spec: CheckSpec): void {
  const target =
    spec.type === 'http'
      ? { field: 'config.url', isInternal: assertOutboundUrl(ctx, 'config.url', spec.config.url) }
      : spec.type === 'tcp'
        ? { field: 'config.host', isInternal: assertOutboundHost(ctx, 'config.host', spec.config.host) }
        : undefined;
  if (target?.isInternal && !hasRole(caller.role, 'admin')) {
    const message = 'only admins may aim a check at an internal target (allowed by BEACON_OUTBOUND_ALLOW)';
    throw new BeaconError('forbidden', `${target.field}: ${message}`, [{ field: target.field, message }]);
  }
}
