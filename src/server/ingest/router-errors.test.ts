import { expect, it } from 'vitest';
import { useApiHarness } from '../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../test/support/server/test-database.js';
import { json, send } from '../../../test/support/server/ingest/inbound-test-helpers.js';

const LONG = 'k'.repeat(10_000);

// Errors the router raises before any route is found, in the shape of the path's format.
describeEachDialect('router errors', (dialect) => {
  const api = useApiHarness(dialect);

  it('answers an over-long key in an Alertmanager path as an unknown key, {code, message}', async () => {
    const res = await send(api(), 'POST', `/integrations/alertmanager/${LONG}/api/v2/alerts`, []);
    expect(json<{ code: number }>(res, 401).code).toBe(401);
  });

  it('answers an over-long Opsgenie identifier with 414 in Opsgenie’s shape', async () => {
    const res = await send(api(), 'POST', `/v2/alerts/${LONG}/close?identifierType=alias`, {});
    expect(json<{ message: string; requestId: string }>(res, 414)).toMatchObject({
      message: expect.any(String) as string,
      requestId: expect.any(String) as string,
    });
  });

  it('takes an Opsgenie alias of 512 characters in the path', async () => {
    const res = await send(api(), 'POST', `/v2/alerts/${'a'.repeat(512)}/close?identifierType=alias`, {});
    expect(res.statusCode).toBe(401);
  });

  it('answers router errors under /api/v1 as problem+json', async () => {
    const long = await api().call('GET', `/api/v1/incidents/${LONG}`);
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(long.json()).toMatchObject({ status: 414, title: 'URI too long' });
    const bad = await api().call('GET', '/api/v1/incidents/%E0%A4%A');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.json()).toMatchObject({ status: 400, errors: [{ field: '(path)' }] });
  });
});
