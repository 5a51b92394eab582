import { expect, it } from 'vitest';
import type { AuditEntry } from '../../../core/schemas/access.js';
import type {
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from '../../../core/schemas/webhooks.js';
import {
  startEventReceiver,
  webhookSender,
} from '../../../../test/support/server/engine/webhook-test-helpers.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  createService,
  declare,
  expectProblem,
  ok,
} from '../../../../test/support/server/http/api-test-helpers.js';

describeEachDialect('webhooks API', (dialect) => {
  const api = useApiHarness(dialect);

  const create = async (body: Record<string, unknown>) =>
    ok<WebhookSubscriptionWithSecret>(await api().call('POST', '/api/v1/webhooks', { body }), 201);

  it('creates, lists, changes and deletes subscriptions with a secret Beacon generates', async () => {
    const service = await createService(api(), 'payments');
    const created = await create({
      url: 'https://hooks.example.com/beacon',
      description: 'Ticketing',
      eventTypes: ['incident.triggered', 'incident.resolved'],
      serviceIds: [service.id],
    });
    expect(created).toMatchObject({
      url: 'https://hooks.example.com/beacon',
      description: 'Ticketing',
      eventTypes: ['incident.triggered', 'incident.resolved'],
      serviceIds: [service.id],
      enabled: true,
      lastDelivery: null,
      pendingCount: 0,
      deadCount: 0,
      createdAt: '2026-03-01T12:00:00.000Z',
    });
    expect(created.secret).toMatch(/^whsec_[\w-]{43}$/);
    const defaults = await create({ url: 'http://127.0.0.1:9/hook' });
    expect(defaults).toMatchObject({ description: '', eventTypes: null, serviceIds: null, enabled: true });
    expect(defaults.secret).not.toBe(created.secret);

    const list = ok<{ items: WebhookSubscription[] }>(await api().call('GET', '/api/v1/webhooks')).items;
    expect(list.map((s) => s.id)).toEqual([created.id, defaults.id]);
    expect(list[0]).not.toHaveProperty('secret');

    api().clock.advance(60_000);
    const changed = ok<WebhookSubscription>(
      await api().call('PATCH', `/api/v1/webhooks/${created.id}`, {
        body: { enabled: false, eventTypes: null, serviceIds: null, description: 'Ticketing (paused)' },
      }),
    );
    expect(changed).toMatchObject({
      enabled: false,
      eventTypes: null,
      serviceIds: null,
      description: 'Ticketing (paused)',
      url: 'https://hooks.example.com/beacon',
      updatedAt: '2026-03-01T12:01:00.000Z',
    });
    expect(ok<WebhookSubscription>(await api().call('GET', `/api/v1/webhooks/${created.id}`))).toEqual(
      changed,
    );

    expect((await api().call('DELETE', `/api/v1/webhooks/${created.id}`)).statusCode).toBe(204);
    expectProblem(await api().call('GET', `/api/v1/webhooks/${created.id}`), 404);
    expectProblem(await api().call('DELETE', `/api/v1/webhooks/${created.id}`), 404);
  });

  it('refuses bad input with problem+json naming the field', async () => {
    const post = (body: unknown) => api().call('POST', '/api/v1/webhooks', { body });
    expectProblem(await post({}), 400, 'url');
    expectProblem(await post({ url: 'ftp://example.com/x' }), 400, 'url');
    expectProblem(await post({ url: 'not a url' }), 400, 'url');
    expectProblem(await post({ url: `https://example.com/${'a'.repeat(2000)}` }), 400, 'url');
    expectProblem(
      await post({ url: 'https://example.com', eventTypes: ['incident.exploded'] }),
      400,
      'eventTypes.0',
    );
    expectProblem(await post({ url: 'https://example.com', eventTypes: [] }), 400, 'eventTypes');
    expectProblem(await post({ url: 'https://example.com', serviceIds: [] }), 400, 'serviceIds');
    expectProblem(await post({ url: 'https://example.com', serviceIds: [999] }), 400, 'serviceIds');
    expectProblem(await post({ url: 'https://example.com', enabled: 'yes' }), 400, 'enabled');
    expectProblem(
      await post({ url: 'https://example.com', description: 'd'.repeat(501) }),
      400,
      'description',
    );
    const created = await create({ url: 'https://example.com' });
    const patch = (body: unknown) => api().call('PATCH', `/api/v1/webhooks/${created.id}`, { body });
    expectProblem(await patch({ url: 'mailto:ops@example.com' }), 400, 'url');
    expectProblem(await patch({ secret: 'mine' }), 400, 'secret');
    expectProblem(await patch({ serviceIds: [12345] }), 400, 'serviceIds');
    expectProblem(await api().call('PATCH', '/api/v1/webhooks/999', { body: {} }), 404);
    expectProblem(await api().call('GET', '/api/v1/webhooks/abc'), 400, 'id');
    expectProblem(
      await api().call('GET', `/api/v1/webhooks/${created.id}/deliveries?status=lost`),
      400,
      'status',
    );
    expectProblem(await api().call('GET', `/api/v1/webhooks/${created.id}/deliveries/999`), 404);
    expectProblem(await api().call('POST', `/api/v1/webhooks/${created.id}/deliveries/999/retry`), 404);
    expectProblem(await api().call('GET', '/api/v1/webhooks/999/deliveries'), 404);
    expectProblem(await api().call('POST', '/api/v1/webhooks/999/test'), 404);
    expectProblem(await api().call('POST', '/api/v1/webhooks/999/rotate-secret'), 404);
  });

  it('is for admins only: responders and viewers get 403, anonymous callers 401', async () => {
    const created = await create({ url: 'https://example.com' });
    const routes: Array<['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?]> = [
      ['GET', '/api/v1/webhooks'],
      ['POST', '/api/v1/webhooks', { url: 'https://example.com' }],
      ['GET', `/api/v1/webhooks/${created.id}`],
      ['PATCH', `/api/v1/webhooks/${created.id}`, { enabled: false }],
      ['GET', `/api/v1/webhooks/${created.id}/secret`],
      ['POST', `/api/v1/webhooks/${created.id}/rotate-secret`],
      ['POST', `/api/v1/webhooks/${created.id}/test`],
      ['GET', `/api/v1/webhooks/${created.id}/deliveries`],
      ['DELETE', `/api/v1/webhooks/${created.id}`],
    ];
    for (const [method, url, body] of routes) {
      for (const as of ['responder', 'viewer'] as const) {
        expectProblem(await api().call(method, url, { as, ...(body ? { body } : {}) }), 403);
      }
      expectProblem(await api().call(method, url, { as: null, ...(body ? { body } : {}) }), 401);
    }
    const still = ok<WebhookSubscription>(await api().call('GET', `/api/v1/webhooks/${created.id}`));
    expect(still.enabled).toBe(true);
  });

  it('reveals and rotates the secret; deliveries are signed with the current one', async () => {
    const receiver = await startEventReceiver();
    try {
      const created = await create({ url: receiver.url });
      const shown = ok<{ secret: string }>(await api().call('GET', `/api/v1/webhooks/${created.id}/secret`));
      expect(shown.secret).toBe(created.secret);
      const rotated = ok<WebhookSubscriptionWithSecret>(
        await api().call('POST', `/api/v1/webhooks/${created.id}/rotate-secret`),
      );
      expect(rotated.secret).not.toBe(created.secret);
      expect(
        ok<{ secret: string }>(await api().call('GET', `/api/v1/webhooks/${created.id}/secret`)).secret,
      ).toBe(rotated.secret);

      // A receiver still checking the old secret refuses; one with the new secret accepts.
      receiver.secrets = [created.secret];
      ok<WebhookDelivery>(await api().call('POST', `/api/v1/webhooks/${created.id}/test`), 202);
      await webhookSender(api().db.ctx).runOnce();
      expect(receiver.received.map((e) => e.isSignatureValid)).toEqual([false]);
      receiver.secrets = [rotated.secret];
      api().clock.advance(30_000);
      await webhookSender(api().db.ctx).runOnce();
      expect(receiver.received.map((e) => e.isSignatureValid)).toEqual([false, true]);
      const log = ok<WebhookDeliveryPage>(
        await api().call('GET', `/api/v1/webhooks/${created.id}/deliveries`),
      );
      expect(log.items[0]).toMatchObject({ status: 'delivered', attemptCount: 2, lastHttpStatus: 204 });
    } finally {
      await receiver.close();
    }
  });

  it('pages the delivery log newest first and filters it by status', async () => {
    const created = await create({ url: 'http://127.0.0.1:9/closed' });
    for (let i = 0; i < 3; i++) await declare(api(), { title: `Incident ${i}` });
    ok(await api().call('POST', `/api/v1/webhooks/${created.id}/test`), 202);
    const url = `/api/v1/webhooks/${created.id}/deliveries`;
    const first = ok<WebhookDeliveryPage>(await api().call('GET', `${url}?limit=3`));
    expect(first.items.map((d) => d.eventType)).toEqual([
      'webhook.test',
      'incident.triggered',
      'incident.triggered',
    ]);
    expect(first.items[1]?.incident?.ref).toBe('INC-3');
    expect(first.nextCursor).not.toBeNull();
    const second = ok<WebhookDeliveryPage>(
      await api().call('GET', `${url}?limit=3&cursor=${first.nextCursor ?? ''}`),
    );
    expect(second.items.map((d) => d.incident?.ref)).toEqual(['INC-1']);
    expect(second.nextCursor).toBeNull();
    expect(ok<WebhookDeliveryPage>(await api().call('GET', `${url}?status=pending`)).items).toHaveLength(4);
    expect(ok<WebhookDeliveryPage>(await api().call('GET', `${url}?status=delivered`)).items).toHaveLength(0);
    const listed = ok<{ items: WebhookSubscription[] }>(await api().call('GET', '/api/v1/webhooks')).items;
    expect(listed[0]).toMatchObject({ pendingCount: 4, deadCount: 0 });
    expectProblem(await api().call('POST', `${url}/${first.items[0]?.id}/retry`), 404);
  });

  it('records every admin action in the audit log', async () => {
    const created = await create({ url: 'https://example.com/a' });
    ok(await api().call('PATCH', `/api/v1/webhooks/${created.id}`, { body: { enabled: false } }));
    ok(await api().call('GET', `/api/v1/webhooks/${created.id}/secret`));
    ok(await api().call('POST', `/api/v1/webhooks/${created.id}/rotate-secret`));
    ok(await api().call('POST', `/api/v1/webhooks/${created.id}/test`), 202);
    expect((await api().call('DELETE', `/api/v1/webhooks/${created.id}`)).statusCode).toBe(204);
    const entries = ok<{ items: AuditEntry[] }>(
      await api().call('GET', '/api/v1/audit?limit=200'),
    ).items.filter((entry) => entry.targetType === 'webhook');
    expect(entries.map((entry) => entry.action).reverse()).toEqual([
      'webhook.create',
      'webhook.update',
      'webhook.reveal_secret',
      'webhook.rotate_secret',
      'webhook.test',
      'webhook.delete',
    ]);
    expect(entries.every((entry) => entry.actor?.id === api().users.admin.userId)).toBe(true);
    expect(entries.every((entry) => entry.targetId === String(created.id))).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(created.secret);
  });
});
