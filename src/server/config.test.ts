import { describe, expect, it } from 'vitest';
import { NO_INTERNAL_TARGETS, judgeTarget } from '../core/net/address-policy.js';
import { loadConfig } from './config.js';

describe('BEACON_OUTBOUND_ALLOW', () => {
  it('allows nothing internal when unset or empty', () => {
    expect(loadConfig({}).outboundAllow).toEqual(NO_INTERNAL_TARGETS);
    expect(loadConfig({ BEACON_OUTBOUND_ALLOW: '' }).outboundAllow).toEqual(NO_INTERNAL_TARGETS);
  });

  it('reads CIDRs and host names', () => {
    const { outboundAllow } = loadConfig({ BEACON_OUTBOUND_ALLOW: '10.20.0.0/16, grafana.corp' });
    expect(judgeTarget(outboundAllow, '10.20.3.4')).toEqual({ kind: 'allowed-internal' });
    expect(judgeTarget(outboundAllow, 'grafana.corp')).toEqual({ kind: 'allowed-internal' });
    expect(judgeTarget(outboundAllow, '10.21.0.1').kind).toBe('refused');
  });

  it('refuses to start on a bad entry, naming the variable and the entry', () => {
    expect(() => loadConfig({ BEACON_OUTBOUND_ALLOW: '10.0.0.0/40' })).toThrow(
      'invalid configuration: BEACON_OUTBOUND_ALLOW: "10.0.0.0/40" is not a CIDR range',
    );
    expect(() => loadConfig({ BEACON_OUTBOUND_ALLOW: '127.0.0.1/32,not a host' })).toThrow(
      /BEACON_OUTBOUND_ALLOW: "not a host" is neither a CIDR range nor a host name/,
    );
  });
});
