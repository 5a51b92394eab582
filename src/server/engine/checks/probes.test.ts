import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
