import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_INTERNAL_TARGETS, parseOutboundAllow } from '../../../core/net/address-policy.js';
import { HttpCheckConfig } from '../../../core/schemas/checks.js';
import {
  type TestHttpTarget,
  startHttpTarget,
  startTcpTarget,
} from '../../../../test/support/server/engine/checks/check-test-helpers.js';
import { TEST_OUTBOUND_ALLOW_LIST as allow } from '../../../../test/support/outbound-allow.js';
import { MAX_BODY_BYTES, probeHttp } from './http-probe.js';
import { probeTcp } from './tcp-probe.js';

describe('HTTP probe', () => {
  let target: TestHttpTarget;
  beforeEach(async () => {
    target = await startHttpTarget();
  });
  afterEach(() => target.close());
  const probe = (config: Record<string, unknown> = {}, timeoutMs = 5000) =>
    probeHttp(HttpCheckConfig.parse({ url: target.url, ...config }), timeoutMs, allow);

  it('is up on the expected status, with its latency', async () => {
    const result = await probe();
    expect(result).toMatchObject({ isUp: true, statusCode: 200, message: 'HTTP 200' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(await probe({ method: 'HEAD' })).toMatchObject({ isUp: true });
    target.status = 204;
    expect(await probe({ expectedStatus: 204 })).toMatchObject({ isUp: true, statusCode: 204 });
  });

  it('fails on another status, naming both', async () => {
    target.status = 503;
    expect(await probe()).toMatchObject({ isUp: false, statusCode: 503, message: 'expected 200, got 503' });
  });

  it('follows redirects and judges the final status', async () => {
    const result = await probeHttp(HttpCheckConfig.parse({ url: `${target.url}moved` }), 5000, allow);
    expect(result).toMatchObject({ isUp: true, statusCode: 200 });
    expect(target.hits).toBe(2);
  });

  it('looks for the keyword in the body', async () => {
    expect(await probe({ keyword: 'healthy' })).toMatchObject({ isUp: true });
    target.body = 'status: degraded';
    expect(await probe({ keyword: 'healthy' })).toMatchObject({
      isUp: false,
      message: 'keyword "healthy" not found in the response',
    });
  });

  it('reads at most 1 MB of the body', async () => {
    target.body = `${'x'.repeat(MAX_BODY_BYTES)}healthy`;
    expect(await probe({ keyword: 'healthy' })).toMatchObject({ isUp: false });
    target.body = `${'x'.repeat(MAX_BODY_BYTES - 10)}healthy`;
    expect(await probe({ keyword: 'healthy' })).toMatchObject({ isUp: true });
  });

  it('fails when slower than the latency limit', async () => {
    target.delayMs = 150;
    const result = await probe({ latencyLimitMs: 50 });
    expect(result.isUp).toBe(false);
    expect(result.message).toMatch(/^responded in \d+ ms, over the 50 ms limit$/);
    expect(result.latencyMs).toBeGreaterThanOrEqual(140);
    expect(await probe({ latencyLimitMs: 5000 })).toMatchObject({ isUp: true });
  });

  it('times out', async () => {
    target.delayMs = 2000;
    expect(await probe({}, 100)).toMatchObject({ isUp: false, message: 'timed out after 100 ms' });
  });

  it('says when nothing listens', async () => {
    const port = new URL(target.url).port;
    await target.close();
    const result = await probeHttp(HttpCheckConfig.parse({ url: `http://127.0.0.1:${port}/` }), 2000, allow);
    expect(result).toMatchObject({ isUp: false, latencyMs: null, message: 'connection refused' });
    target = await startHttpTarget();
  });
});

describe('TCP probe', () => {
  it('is up while something listens, refused once it stops', async () => {
    const listener = await startTcpTarget();
    const config = { host: '127.0.0.1', port: listener.port };
    const up = await probeTcp(config, 2000, allow);
    expect(up).toMatchObject({ isUp: true, message: 'connected' });
    await listener.close();
    expect(await probeTcp(config, 2000, allow)).toMatchObject({ isUp: false, message: 'connection refused' });
  });
});

describe('probes and the outbound policy', () => {
  const LOOPBACK = /^refused: 127\.0\.0\.1 is a loopback address \(set BEACON_OUTBOUND_ALLOW to allow it\)$/;
  let target: TestHttpTarget;
  beforeEach(async () => {
    target = await startHttpTarget();
  });
  afterEach(() => target.close());
  const port = () => new URL(target.url).port;

  it.each([
    ['an address', (p: string) => `http://127.0.0.1:${p}/`, LOOPBACK],
    ['a decimal address', (p: string) => `http://2130706433:${p}/`, LOOPBACK],
    ['a hex address', (p: string) => `http://0x7f000001:${p}/`, LOOPBACK],
    [
      'an IPv4-mapped address',
      (p: string) => `http://[::ffff:127.0.0.1]:${p}/`,
      /^refused: ::ffff:7f00:1 is a loopback/,
    ],
    ['IPv6 loopback', (p: string) => `http://[::1]:${p}/`, /^refused: ::1 is a loopback address/],
    [
      'a name resolving to it',
      (p: string) => `http://localhost:${p}/`,
      /^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/,
    ],
  ])('refuses loopback given as %s by default, without connecting', async (_form, url, reason) => {
    const result = await probeHttp(
      HttpCheckConfig.parse({ url: url(port()), keyword: 'healthy' }),
      5000,
      NO_INTERNAL_TARGETS,
    );
    expect(result).toMatchObject({ isUp: false, statusCode: null, message: expect.stringMatching(reason) });
    expect(target.hits).toBe(0);
  });

  it('checks every redirect: an allowed target cannot send the probe to one that is not', async () => {
    const inner = await startHttpTarget({ host: '127.0.0.2' });
    try {
      inner.body = 'secret: internal page';
      target.redirectTo = inner.url;
      const probe = () =>
        probeHttp(HttpCheckConfig.parse({ url: target.url, keyword: 'secret' }), 5000, allow);
      expect(await probe()).toMatchObject({
        isUp: false,
        message: 'refused: 127.0.0.2 is a loopback address (set BEACON_OUTBOUND_ALLOW to allow it)',
      });
      target.redirectTo = `http://localhost:${new URL(inner.url).port}/`;
      expect((await probe()).message).toMatch(/^refused: localhost resolves to/);
      expect(target.hits).toBe(2);
      expect(inner.hits).toBe(0);
    } finally {
      await inner.close();
    }
  });

  it('reaches an internal target by an allowed host name, whatever it resolves to', async () => {
    const byName = parseOutboundAllow('localhost');
    const url = `http://localhost:${port()}/`;
    expect(await probeHttp(HttpCheckConfig.parse({ url }), 5000, byName)).toMatchObject({ isUp: true });
    // The name is allowed, not the address: written as an address it stays refused.
    expect((await probeHttp(HttpCheckConfig.parse({ url: target.url }), 5000, byName)).message).toMatch(
      LOOPBACK,
    );
    expect(target.hits).toBe(1);
  });

  it('stops after five redirects', async () => {
    target.redirectTo = '/again';
    expect(await probeHttp(HttpCheckConfig.parse({ url: target.url }), 5000, allow)).toMatchObject({
      isUp: false,
      message: 'stopped after 5 redirects',
    });
    expect(target.hits).toBe(6);
  });

  it('refuses a TCP check of a loopback port by default, however it is written', async () => {
    const listener = await startTcpTarget();
    try {
      for (const host of ['127.0.0.1', '2130706433', '0x7f000001', '::1', '::ffff:127.0.0.1', 'localhost']) {
        const result = await probeTcp({ host, port: listener.port }, 2000, NO_INTERNAL_TARGETS);
        expect(result).toMatchObject({
          isUp: false,
          message: expect.stringMatching(/^refused: .* loopback/),
        });
      }
      expect(listener.accepted).toBe(0);
      expect(await probeTcp({ host: '127.0.0.1', port: listener.port }, 2000, allow)).toMatchObject({
        isUp: true,
      });
      expect(listener.accepted).toBe(1);
    } finally {
      await listener.close();
    }
  });
});
