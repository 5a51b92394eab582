import { describe, expect, it } from 'vitest';
import { NO_INTERNAL_TARGETS, judgeTarget, parseOutboundAllow, refusalOfAddress } from './address-policy.js';

const refusedByDefault = (host: string) => judgeTarget(NO_INTERNAL_TARGETS, host);

describe('outbound address policy', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1 is a loopback address'],
    ['2130706433', '127.0.0.1 is a loopback address'],
    ['0x7f000001', '127.0.0.1 is a loopback address'],
    ['0177.0.0.1', '127.0.0.1 is a loopback address'],
    ['127.1', '127.0.0.1 is a loopback address'],
    ['[::1]', '::1 is a loopback address'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1 is a loopback address'],
    ['[::ffff:10.0.0.1]', '::ffff:a00:1 is a private address'],
    ['10.1.2.3', '10.1.2.3 is a private address'],
    ['172.16.0.1', '172.16.0.1 is a private address'],
    ['192.168.1.1', '192.168.1.1 is a private address'],
    ['169.254.169.254', '169.254.169.254 is a link-local address'],
    ['fe80::1', 'fe80::1 is a link-local address'],
    ['fd00::1', 'fd00::1 is a unique-local address'],
    ['100.64.0.1', '100.64.0.1 is a carrier-grade NAT address'],
    ['0.0.0.0', '0.0.0.0 is an unspecified address'],
    ['::', ':: is an unspecified address'],
    ['224.0.0.1', '224.0.0.1 is a multicast address'],
    ['ff02::1', 'ff02::1 is a multicast address'],
    ['255.255.255.255', '255.255.255.255 is a broadcast address'],
    ['240.0.0.1', '240.0.0.1 is a reserved address'],
    ['localhost', 'localhost is a loopback name'],
    ['LOCALHOST.', 'localhost is a loopback name'],
    ['api.localhost', 'api.localhost is a loopback name'],
  ])('refuses %s by default: %s', (host, reason) => {
    expect(refusedByDefault(host)).toEqual({
      kind: 'refused',
      reason: `${reason} (set BEACON_OUTBOUND_ALLOW to allow it)`,
    });
  });

  it('lets public addresses and names through (names are judged again once resolved)', () => {
    for (const host of ['8.8.8.8', '2606:4700::1111', 'hooks.slack.com', 'example.com']) {
      expect(refusedByDefault(host)).toEqual({ kind: 'public' });
    }
  });

  it('reads CIDRs, single addresses and host names, and refuses anything else naming it', () => {
    const allow = parseOutboundAllow(
      ' 10.0.0.0/8, ::1/128,192.168.1.5 , grafana.corp, *.svc.cluster.local ,',
    );
    expect(allow.hosts).toEqual(['grafana.corp', '*.svc.cluster.local']);
    expect(allow.ranges).toHaveLength(3);
    expect(() => parseOutboundAllow('10.0.0.0/33')).toThrow('"10.0.0.0/33" is not a CIDR range');
    expect(() => parseOutboundAllow('my host')).toThrow('"my host" is neither a CIDR range nor a host name');
  });

  it('makes allowed targets internal ones, as written', () => {
    const allow = parseOutboundAllow('10.0.0.0/8,::1/128,grafana.corp,*.svc.cluster.local');
    for (const host of ['10.9.8.7', '::ffff:10.9.8.7', '::1', 'Grafana.Corp', 'db.ns.svc.cluster.local']) {
      expect(judgeTarget(allow, host)).toEqual({ kind: 'allowed-internal' });
    }
    expect(judgeTarget(allow, '127.0.0.1').kind).toBe('refused');
    expect(judgeTarget(allow, 'svc.cluster.local').kind).toBe('public');
  });

  it('judges resolved addresses: a name reaches an internal address only when the name itself is allowed', () => {
    const allow = parseOutboundAllow('127.0.0.1/32,grafana.corp');
    expect(refusalOfAddress(allow, '127.0.0.1', '127.0.0.1')).toBeNull();
    expect(refusalOfAddress(allow, 'grafana.corp', '10.0.0.5')).toBeNull();
    expect(refusalOfAddress(allow, 'example.com', '93.184.215.14')).toBeNull();
    expect(refusalOfAddress(allow, 'localhost', '127.0.0.1')).toBe(
      'localhost resolves to 127.0.0.1, a loopback address (add the host name to BEACON_OUTBOUND_ALLOW to allow it)',
    );
    expect(refusalOfAddress(NO_INTERNAL_TARGETS, '2130706433', '127.0.0.1')).toBe(
      '127.0.0.1 is a loopback address (set BEACON_OUTBOUND_ALLOW to allow it)',
    );
    expect(refusalOfAddress(NO_INTERNAL_TARGETS, 'rebind.example', '::ffff:169.254.169.254')).toMatch(
      /^rebind\.example resolves to ::ffff:a9fe:a9fe, a link-local address/,
    );
  });
});
