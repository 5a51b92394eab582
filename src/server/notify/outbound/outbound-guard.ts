import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import {
  type OutboundAllowList,
  parseIpLiteral,
  refusalOfAddress,
} from '../../../core/net/address-policy.js';

/** A connection the outbound policy refused; its message starts with `refused:`. */
export class OutboundRefusedError extends Error {
  readonly code = 'EOUTBOUNDREFUSED';
  constructor(reason: string) {
    super(`refused: ${reason}`);
    this.name = 'OutboundRefusedError';
  }
}

/** `host` without the brackets a URL puts around an IPv6 address. */
export function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Throw when `host` is a literal address the policy refuses (sockets skip the lookup for those). */
export function assertLiteralAllowed(allow: OutboundAllowList, host: string): void {
  const literal = parseIpLiteral(host);
  if (!literal) return;
  const reason = refusalOfAddress(allow, host, literal.toString());
  if (reason) throw new OutboundRefusedError(reason);
}

/**
 * A `lookup` for `node:net`, `http` and `https`: resolves the name, refuses unless every
 * address passes the policy, and hands the socket only addresses it checked, so the address
 * connected to is the address judged (a second lookup cannot rebind the name).
 */
export function guardedLookup(allow: OutboundAllowList): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(
      hostname,
      { all: true, family: options.family ?? 0, ...(options.hints ? { hints: options.hints } : {}) },
      (error, addresses) => {
        if (error) {
          callback(error, '', 0);
          return;
        }
        for (const { address } of addresses) {
          const reason = refusalOfAddress(allow, hostname, address);
          if (reason) {
            callback(new OutboundRefusedError(reason), '', 0);
            return;
          }
        }
        const [first] = addresses;
        if (options.all) callback(null, addresses);
        else if (first) callback(null, first.address, first.family);
        else callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      },
    );
  };
}
