import { describe, expect, it } from 'vitest';
import os from 'node:os';
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

describe('BEACON_TWILIO_* and BEACON_TELEGRAM_*', () => {
  const twilio = {
    BEACON_TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
    BEACON_TWILIO_AUTH_TOKEN: 'auth-token-0123456789',
    BEACON_TWILIO_FROM: '+15017122661',
  };

  it('are off by default', () => {
    expect(loadConfig({}).twilio).toBeUndefined();
    expect(loadConfig({}).telegram).toBeUndefined();
  });

  it('reach the real providers unless the API URLs are set', () => {
    expect(loadConfig(twilio).twilio).toEqual({
      accountSid: twilio.BEACON_TWILIO_ACCOUNT_SID,
      authToken: twilio.BEACON_TWILIO_AUTH_TOKEN,
      from: '+15017122661',
      apiUrl: 'https://api.twilio.com',
    });
    const telegram = {
      BEACON_TELEGRAM_BOT_TOKEN: '123456:ABC-def_1',
      BEACON_TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(16),
    };
    expect(loadConfig(telegram).telegram?.apiUrl).toBe('https://api.telegram.org');
    expect(
      loadConfig({ ...telegram, BEACON_TELEGRAM_API_URL: 'http://127.0.0.1:9000/' }).telegram?.apiUrl,
    ).toBe('http://127.0.0.1:9000');
  });

  it('refuse to start half set or malformed, naming the variable', () => {
    expect(() => loadConfig({ ...twilio, BEACON_TWILIO_FROM: '' })).toThrow(
      'invalid configuration: BEACON_TWILIO_FROM: is required with the other BEACON_TWILIO_ settings',
    );
    expect(() => loadConfig({ ...twilio, BEACON_TWILIO_FROM: '5017122661' })).toThrow(
      /BEACON_TWILIO_FROM: must be/,
    );
    expect(() => loadConfig({ BEACON_TELEGRAM_BOT_TOKEN: '123456:ABC' })).toThrow(
      'invalid configuration: BEACON_TELEGRAM_WEBHOOK_SECRET: is required with BEACON_TELEGRAM_BOT_TOKEN',
    );
  });
});

describe('BEACON_WORKERS', () => {
  it('is the number of cores by default', () => {
    expect(loadConfig({}).workers).toBe(Math.min(os.availableParallelism(), 64));
    expect(loadConfig({ BEACON_WORKERS: '3' }).workers).toBe(3);
  });

  it('refuses anything but a whole number from 1 to 64, naming the setting', () => {
    for (const bad of ['0', '-1', '1.5', 'two', '65'])
      expect(() => loadConfig({ BEACON_WORKERS: bad })).toThrow(
        'invalid configuration: BEACON_WORKERS: must be a whole number from 1 to 64',
      );
  });
});
