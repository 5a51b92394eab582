import { type OutboundAllowList, parseOutboundAllow } from '../../src/core/net/address-policy.js';

/**
 * What tests allow outbound requests to reach: the loopback addresses their receivers and
 * targets listen on. Beacon's default (nothing internal) is tested with its own harness option.
 */
export const TEST_OUTBOUND_ALLOW = '127.0.0.1/32,::1/128';

/** {@link TEST_OUTBOUND_ALLOW}, parsed. */
export const TEST_OUTBOUND_ALLOW_LIST: OutboundAllowList = parseOutboundAllow(TEST_OUTBOUND_ALLOW);
