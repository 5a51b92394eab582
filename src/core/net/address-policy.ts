import ipaddr from 'ipaddr.js';

// Beacon connects out on behalf of its users (webhooks, chat, checks). Without a policy, anyone
// allowed to add a contact method or a check could make the server reach what only the server
// can reach: its own loopback services, the private network, the cloud metadata endpoint.
// Only public unicast addresses are reachable by default; BEACON_OUTBOUND_ALLOW opens more.

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** What an address's range is called in a refusal: "127.0.0.1 is a loopback address". */
const RANGE_NAMES: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private address',
  uniqueLocal: 'a unique-local address',
  deprecatedSiteLocal: 'a site-local address',
  reserved: 'a reserved address',
};

/** An address's range, IPv4-mapped IPv6 judged as its IPv4 address; `unicast` is public. */
export function rangeOf(address: Address): string {
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (address as ipaddr.IPv6).toIPv4Address().range();
  }
  return address.range();
}

/**
 * A literal IP address as resolvers read it (`[::1]`, `127.1`, `2130706433`, `0x7f000001`,
 * `::ffff:127.0.0.1`), or undefined for a host name.
 */
export function parseIpLiteral(host: string): Address | undefined {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (!ipaddr.isValid(bare)) return undefined;
  return ipaddr.parse(bare);
}

/** Names that always mean this machine (RFC 6761 and the usual /etc/hosts aliases). */
export function isLoopbackName(host: string): boolean {
  const name = normalizeHost(host);
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === 'localhost.localdomain' ||
    name === 'ip6-localhost' ||
    name === 'ip6-loopback'
  );
}

/** The operator's allow list: address ranges and host names (`*.corp.example` for a domain). */
export interface OutboundAllowList {
  readonly ranges: readonly [Address, number][];
  readonly hosts: readonly string[];
}

/** Nothing internal allowed: the default. */
export const NO_INTERNAL_TARGETS: OutboundAllowList = { ranges: [], hosts: [] };

const HOST_NAME = /^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Parse `BEACON_OUTBOUND_ALLOW` (comma-separated CIDRs, addresses and host names); throws naming a bad entry. */
export function parseOutboundAllow(text: string): OutboundAllowList {
  const ranges: [Address, number][] = [];
  const hosts: string[] = [];
  for (const entry of text.split(',').map((part) => part.trim().toLowerCase())) {
    if (entry === '') continue;
    if (entry.includes('/')) {
      if (!ipaddr.isValidCIDR(entry)) throw new Error(`"${entry}" is not a CIDR range`);
      ranges.push(ipaddr.parseCIDR(entry));
      continue;
    }
    const address = parseIpLiteral(entry);
    if (address) {
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (HOST_NAME.test(entry)) {
      hosts.push(entry);
    } else {
      throw new Error(`"${entry}" is neither a CIDR range nor a host name`);
    }
  }
  return { ranges, hosts };
}

/** Whether the allow list names `host` (exactly, or under a `*.` domain entry). */
export function isAllowedHost(allow: OutboundAllowList, host: string): boolean {
  const name = normalizeHost(host);
  return allow.hosts.some((entry) =>
    entry.startsWith('*.') ? name.endsWith(entry.slice(1)) : name === entry,
  );
}

function isInAllowedRange(allow: OutboundAllowList, address: Address): boolean {
  const candidates: Address[] = [address];
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    candidates.push((address as ipaddr.IPv6).toIPv4Address());
  }
  return allow.ranges.some(([network, bits]) =>
    candidates.some((candidate) => candidate.kind() === network.kind() && candidate.match(network, bits)),
  );
}

/** How a target, as written, stands: public, internal but allowed, or refused (with why). */
export type TargetVerdict =
  { kind: 'public' } | { kind: 'allowed-internal' } | { kind: 'refused'; reason: string };

/**
 * Judge a target host as written (before any lookup): a literal internal address or a name
 * like `localhost` is refused unless allowed; an allowed host name is an internal target.
 * A name that only resolves to an internal address is judged at connect time.
 */
export function judgeTarget(allow: OutboundAllowList, host: string): TargetVerdict {
  if (isAllowedHost(allow, host)) return { kind: 'allowed-internal' };
  const address = parseIpLiteral(host);
  if (address) {
    const range = rangeOf(address);
    if (range === 'unicast') return { kind: 'public' };
    if (isInAllowedRange(allow, address)) return { kind: 'allowed-internal' };
    return { kind: 'refused', reason: refusal(address.toString(), range) };
  }
  if (isLoopbackName(host)) {
    return { kind: 'refused', reason: `${normalizeHost(host)} is a loopback name ${ALLOW_HINT}` };
  }
  return { kind: 'public' };
}

/**
 * Judge one address a target resolved to, at connect time: null when Beacon may connect,
 * else why not. An allowed host name may reach any address; any other name reaches internal
 * addresses only when it is itself an allowed literal address (so no name can be pointed at an
 * internal range after it was checked).
 */
export function refusalOfAddress(allow: OutboundAllowList, host: string, resolved: string): string | null {
  if (isAllowedHost(allow, host)) return null;
  const address = parseIpLiteral(resolved);
  if (!address) return `${resolved} is not an IP address`;
  const range = rangeOf(address);
  if (range === 'unicast') return null;
  const literal = parseIpLiteral(host);
  if (literal && isInAllowedRange(allow, address)) return null;
  const shown = address.toString();
  return literal
    ? refusal(shown, range)
    : `${normalizeHost(host)} resolves to ${shown}, ${describeRange(range)} (add the host name to BEACON_OUTBOUND_ALLOW to allow it)`;
}

const ALLOW_HINT = '(set BEACON_OUTBOUND_ALLOW to allow it)';

function refusal(address: string, range: string): string {
  return `${address} is ${describeRange(range)} ${ALLOW_HINT}`;
}

function describeRange(range: string): string {
  return RANGE_NAMES[range] ?? `a special-purpose address (${range})`;
}

function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}
