import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Integration, IntegrationWithKey } from '../../../core/schemas/alerting.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { expectProblem, ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { send } from '../../../../test/support/server/ingest/inbound-test-helpers.js';

describeEachDialect('integration keys', (dialect) => {
  const api = useApiHarness(dialect);

  async function create(type = 'generic'): Promise<IntegrationWithKey> {
    const service = ok<{ id: number }>(
      await api().call('POST', '/api/v1/services', { body: { name: 'web' } }),
      201,
    );
    return ok<IntegrationWithKey>(
      await api().call('POST', `/api/v1/services/${service.id}/integrations`, {
        body: { type, name: 'Monitor' },
      }),
      201,
    );
  }

  const event = (key: string) =>
    send(
      api(),
      'POST',
      '/api/v1/events',
      { summary: 'CPU high', dedupKey: 'cpu' },
      { authorization: `Bearer ${key}` },
    );

  it('shows a new key once, in the creation reply, and only its prefix afterwards', async () => {
    const created = await create();
    expect(created.key).toMatch(/^[0-9a-f]{32}$/);
    expect(created.keyPrefix).toBe(created.key.slice(0, 8));

    for (const as of ['admin', 'responder', 'viewer'] as const) {
      const one = await api().call('GET', `/api/v1/integrations/${created.id}`, { as });
      const list = await api().call('GET', '/api/v1/integrations', { as });
      const ofService = await api().call('GET', `/api/v1/services/${created.service.id}/integrations`, {
        as,
      });
      for (const reply of [one, list, ofService]) {
        expect(reply.statusCode).toBe(200);
        expect(reply.body).not.toContain(created.key);
      }
      expect(ok<Integration>(one)).toMatchObject({ id: created.id, keyPrefix: created.keyPrefix });
      expect(ok<Integration>(one)).not.toHaveProperty('key');
    }
    const renamed = await api().call('PATCH', `/api/v1/integrations/${created.id}`, {
      body: { name: 'New name' },
    });
    expect(ok<Integration>(renamed)).not.toHaveProperty('key');
    expect((await event(created.key)).statusCode).toBe(202);
  });

  it('stores only the hash and the prefix of a key', async () => {
    const created = await create();
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM integrations`.execute(
      api().db.ctx.store.db,
    );
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0] ?? {})).not.toContain('key');
    expect(JSON.stringify(rows)).not.toContain(created.key);
    expect(rows[0]).toMatchObject({ key_prefix: created.keyPrefix });
  });

  it('regenerates a key: the reply carries the new one, the old one stops working', async () => {
    const created = await create();
    const rotated = ok<IntegrationWithKey>(
      await api().call('POST', `/api/v1/integrations/${created.id}/rotate`),
    );
    expect(rotated.key).not.toBe(created.key);
    expect(rotated.keyPrefix).toBe(rotated.key.slice(0, 8));
    const after = await api().call('GET', `/api/v1/integrations/${created.id}`);
    expect(after.body).not.toContain(rotated.key);
    expect(ok<Integration>(after).keyPrefix).toBe(rotated.keyPrefix);
    expect((await event(created.key)).statusCode).toBe(401);
    expect((await event(rotated.key)).statusCode).toBe(202);
  });

  it('leaves creating and regenerating keys to admins', async () => {
    const created = await create();
    expectProblem(
      await api().call('POST', `/api/v1/integrations/${created.id}/rotate`, { as: 'responder' }),
      403,
    );
    expectProblem(await api().call('POST', '/api/v1/integrations/999/rotate'), 404);
    expectProblem(
      await api().call('POST', `/api/v1/services/${created.service.id}/integrations`, {
        body: { type: 'nagios', name: 'x' },
      }),
      400,
      'type',
    );
    expect((await event(created.key)).statusCode).toBe(202);
  });
});
