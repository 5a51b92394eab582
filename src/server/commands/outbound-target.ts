import { ValidationError } from '../../core/errors.js';
import { judgeTarget } from '../../core/net/address-policy.js';
import type { AppContext } from './context.js';

/**
 * Refuse, with a 400 naming `field`, a target host written as an internal address (or a name
 * like `localhost`) that BEACON_OUTBOUND_ALLOW does not allow; true when it is an allowed
 * internal target. Names are resolved and judged again on every connection.
 */
export function assertOutboundHost(ctx: AppContext, field: string, host: string): boolean {
  const verdict = judgeTarget(ctx.outboundAllow, host);
  if (verdict.kind === 'refused') throw new ValidationError(field, `refused: ${verdict.reason}`);
  return verdict.kind === 'allowed-internal';
}

/** {@link assertOutboundHost} for the host of an http(s) URL (an unparsable URL is left to the schema). */
export function assertOutboundUrl(ctx: AppContext, field: string, url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return assertOutboundHost(ctx, field, host.replace(/^\[(.*)\]$/, '$1'));
}
