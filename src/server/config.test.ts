import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const trustProxy = (value?: string) =>
  loadConfig({
    BEACON_DATA_DIR: '/tmp/beacon-unused',
    ...(value === undefined ? {} : { BEACON_TRUST_PROXY: value }),
  }).trustProxy;

describe('BEACON_TRUST_PROXY', () => {
  it('is off by default', () => {
    expect(trustProxy()).toBe(false);
    expect(trustProxy('')).toBe(false);
    expect(trustProxy('false')).toBe(false);
  });

  it('takes true, or addresses, ranges and range names', () => {
    expect(trustProxy('true')).toBe(true);
    expect(trustProxy('10.0.0.0/8, 192.168.1.10,::1,fd00::/8,loopback')).toEqual([
      '10.0.0.0/8',
      '192.168.1.10',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses anything else, naming the setting', () => {
    expect(() => trustProxy('2')).toThrow(
      /BEACON_TRUST_PROXY: name the proxies' addresses or ranges, not a hop count/,
    );
    for (const bad of ['yes', '10.0.0.300', '10.0.0.0/33', '1.2.3', '0x7f000001', '10.0.0.1,,']) {
      expect(() => trustProxy(bad), bad).toThrow(/BEACON_TRUST_PROXY/);
    }
  });
});
