import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Incident } from '../../core/schemas/incident.js';
import type { WebhookDeliveryDetail, WebhookDeliveryPage } from '../../core/schemas/webhooks.js';
import { transitionIncident } from '../commands/change-incident-status.js';
import { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DELAYS_MS } from '../commands/outbox/webhooks.js';
import { act, createService, declare, ok } from '../../../test/support/server/http/api-test-helpers.js';
import { findIncidentByNumber } from '../store/queries/incidents.js';
import { insertWebhookDeliveries } from '../store/queries/webhooks.js';
import { useApiHarness } from '../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../test/support/server/test-database.js';
import {
  type EventReceiver,
  deliveryRows,
  startEventReceiver,
  subscribe,
  webhookSender,
} from '../../../test/support/server/engine/webhook-test-helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describeEachDialect('webhook delivery', (dialect) => {
  const api = useApiHarness(dialect);
  let receiver: EventReceiver;
  beforeEach(async () => {
    receiver = await startEventReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  /** Create a subscription to the receiver and make the receiver check its secret. */
  async function subscribeReceiver(body: Record<string, unknown> = {}) {
    const subscription = await subscribe(api(), { url: receiver.url, ...body });
    receiver.secrets.push(subscription.secret);
    return subscription;
  }

  it('sends every change of an incident once, in order, signed, with the incident as it was', async () => {
    await subscribeReceiver({ description: 'all events' });
    // This SEV1 closes without a post-incident review (reviews.test.ts covers that requirement).
    ok(await api().call('PATCH', '/api/v1/settings', { body: { reviewRequiredSeverities: [] } }));
    const service = await createService(api(), 'checkout');
    const incident = await declare(api(), {
      status: 'triggered',
      serviceIds: [service.id],
      severity: 'SEV1',
    });
    const ref = incident.ref;
    ok(await act(api(), ref, 'acknowledge'));
    ok(await act(api(), ref, 'status', { status: 'identified', message: 'Bad deploy found' }));
    ok(
      await api().call('POST', `/api/v1/incidents/${ref}/notes`, {
        as: 'responder',
        body: { body: 'Rolling back' },
      }),
      201,
    );
    ok(await act(api(), ref, 'resolve', { resolutionSummary: 'Rolled back' }));
    ok(await act(api(), ref, 'close', { rootCause: 'A bad config' }));
    ok(await act(api(), ref, 'reopen', { message: 'It came back' }));
    const duplicate = await declare(api(), { title: 'Checkout slow' });
    ok(await act(api(), duplicate.ref, 'merge', { into: ref }));
    // A field edit is incident.updated, with what changed.
    ok(
      await api().call('PATCH', `/api/v1/incidents/${ref}`, {
        as: 'responder',
        body: { title: 'Checkout down' },
      }),
    );

    const sender = webhookSender(api().db.ctx);
    await sender.runOnce();
    await sender.runOnce();

    expect(receiver.received.every((event) => event.isSignatureValid)).toBe(true);
    const ofIncident = receiver.received.filter((event) => event.body.incident?.ref === ref);
    expect(ofIncident.map((event) => event.body.event_type)).toEqual([
      'incident.triggered',
      'incident.acknowledged',
      'incident.status_changed',
      'incident.update_posted',
      'incident.resolved',
      'incident.closed',
      'incident.reopened',
      'incident.updated',
    ]);
    expect(receiver.types().filter((type) => type === 'incident.merged')).toHaveLength(1);
    expect(receiver.types()).toHaveLength(10); // 8 + the duplicate's triggered and merged
    expect(ofIncident.at(-1)?.body).toMatchObject({
      changes: { title: { before: 'Checkout is failing', after: 'Checkout down' } },
      incident: { title: 'Checkout down' },
    });

    const [triggered, acknowledged, identified, note, resolved] = ofIncident;
    expect(triggered?.body).toMatchObject({
      event_type: 'incident.triggered',
      occurred_at: '2026-03-01T12:00:00.000Z',
      actor: { type: 'user', id: api().users.responder.userId, name: 'Responder' },
      changes: { status: { before: null, after: 'triggered' }, severity: { before: null, after: 'SEV1' } },
      incident: {
        id: incident.id,
        ref,
        url: `http://beacon.test/incidents/${ref}`,
        title: 'Checkout is failing',
        status: 'triggered',
        severity: 'SEV1',
        services: [{ id: service.id, name: 'checkout' }],
        acknowledged_at: null,
      },
    });
    expect(acknowledged?.body.incident?.status).toBe('investigating');
    expect(acknowledged?.body.changes?.acknowledged_at?.after).toBe('2026-03-01T12:00:00.000Z');
    expect(identified?.body).toMatchObject({
      message: 'Bad deploy found',
      changes: { status: { before: 'investigating', after: 'identified' } },
    });
    expect(note?.body).toMatchObject({
      message: 'Rolling back',
      update_kind: 'note',
      changes: null,
      incident: { status: 'identified' },
    });
    expect(resolved?.body.incident).toMatchObject({ status: 'resolved', resolution_summary: 'Rolled back' });
    const merged = receiver.received.find((event) => event.body.event_type === 'incident.merged');
    expect(merged?.body.incident).toMatchObject({
      ref: duplicate.ref,
      status: 'merged',
      merged_into: { id: incident.id, ref },
    });

    const [first] = receiver.received;
    expect(first?.headers['x-beacon-event']).toBe('incident.triggered');
    expect(first?.headers['x-beacon-delivery']).toMatch(UUID);
    expect(first?.headers['x-beacon-attempt']).toBe('1');
    expect(first?.headers['x-beacon-timestamp']).toBe(String(Date.parse('2026-03-01T12:00:00Z') / 1000));
    expect(first?.headers['content-type']).toBe('application/json');
    expect(new Set(receiver.received.map((event) => event.headers['x-beacon-delivery'])).size).toBe(10);
    expect(new Set(receiver.received.map((event) => event.body.id)).size).toBe(10);
    expect((await deliveryRows(api().db.ctx)).every((row) => row.status === 'delivered')).toBe(true);
  });

  it('announces a posted status update as incident.update_posted', async () => {
    await subscribeReceiver({ eventTypes: ['incident.update_posted'] });
    const incident = await declare(api());
    ok(
      await api().call('POST', `/api/v1/incidents/${incident.ref}/updates`, {
        as: 'responder',
        body: { message: 'Payments are failing for some EU customers; rollback in progress.' },
      }),
      201,
    );
    await webhookSender(api().db.ctx).runOnce();
    expect(receiver.types()).toEqual(['incident.update_posted']);
    expect(receiver.received[0]?.body).toMatchObject({
      update_kind: 'status_update',
      message: expect.stringMatching(/^Payments are failing for some EU customers; rollback in progress\./),
      incident: { ref: incident.ref },
    });
  });

  it('sends only the event types and services a subscription asks for, and nothing while disabled', async () => {
    const web = await createService(api(), 'web');
    const db = await createService(api(), 'db');
    const onlyResolved = await subscribeReceiver({ eventTypes: ['incident.resolved'] });
    const onlyDb = await subscribeReceiver({ serviceIds: [db.id] });
    const disabled = await subscribe(api(), { url: receiver.url, enabled: false });
    const onWeb = await declare(api(), { serviceIds: [web.id] });
    const onDb = await declare(api(), { serviceIds: [db.id] });
    const onNone = await declare(api());
    for (const incident of [onWeb, onDb, onNone])
      ok(await act(api(), incident.ref, 'resolve', { resolutionSummary: 'ok' }));

    await webhookSender(api().db.ctx).runOnce();

    const rows = await deliveryRows(api().db.ctx);
    const sent = (subscriptionId: number) =>
      rows
        .filter((row) => row.subscription_id === subscriptionId)
        .map((row) => `${row.event_type} INC-${JSON.parse(row.payload).incident.number}`);
    expect(sent(onlyResolved.id)).toEqual([
      `incident.resolved ${onWeb.ref}`,
      `incident.resolved ${onDb.ref}`,
      `incident.resolved ${onNone.ref}`,
    ]);
    expect(sent(onlyDb.id)).toEqual([`incident.triggered ${onDb.ref}`, `incident.resolved ${onDb.ref}`]);
    expect(sent(disabled.id)).toEqual([]);
    expect(receiver.received).toHaveLength(5);

    // Enabled again, it receives what happens from then on (not what it missed).
    ok(
      await api().call('PATCH', `/api/v1/webhooks/${disabled.id}`, {
        body: { enabled: true, eventTypes: ['incident.closed'] },
      }),
    );
    ok(await act(api(), onNone.ref, 'close', { rootCause: 'none' }));
    expect(sent(disabled.id)).toEqual([]);
    expect(
      (await deliveryRows(api().db.ctx))
        .filter((row) => row.subscription_id === disabled.id)
        .map((row) => row.event_type),
    ).toEqual(['incident.closed']);
  });

  it('retries a failing receiver on schedule, gives up as dead, and a manual retry delivers', async () => {
    const subscription = await subscribeReceiver();
    let isFailing = true;
    receiver.reply = () =>
      isFailing ? { status: 503, body: `busy ${'x'.repeat(3000)}` } : { status: 200, body: 'thanks' };
    const incident = await declare(api(), { status: 'triggered' });
    ok(await act(api(), incident.ref, 'acknowledge'));
    const sender = webhookSender(api().db.ctx);
    const clock = api().clock;

    await sender.runOnce();
    expect(receiver.types()).toEqual(['incident.triggered']); // the acknowledgement waits its turn
    for (const [index, delay] of WEBHOOK_RETRY_DELAYS_MS.entries()) {
      clock.advance(delay - 1);
      await sender.runOnce();
      expect(receiver.received, `before retry ${index + 1}`).toHaveLength(index + 1);
      clock.advance(1);
      await sender.runOnce();
      expect(receiver.received, `retry ${index + 1}`).toHaveLength(index + 2);
    }
    expect(receiver.types()).toEqual(Array(WEBHOOK_MAX_ATTEMPTS).fill('incident.triggered'));
    expect(receiver.received.map((event) => event.headers['x-beacon-attempt'])).toEqual(
      Array.from({ length: WEBHOOK_MAX_ATTEMPTS }, (_, i) => String(i + 1)),
    );
    expect(new Set(receiver.received.map((event) => event.headers['x-beacon-delivery'])).size).toBe(1);

    const log = `/api/v1/webhooks/${subscription.id}/deliveries`;
    const dead = ok<WebhookDeliveryPage>(await api().call('GET', `${log}?status=dead`)).items;
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      eventType: 'incident.triggered',
      status: 'dead',
      attemptCount: 8,
      lastHttpStatus: 503,
      lastError: 'HTTP 503 Service Unavailable',
      nextAttemptAt: null,
      incident: { ref: incident.ref },
    });
    const detail = ok<WebhookDeliveryDetail>(await api().call('GET', `${log}/${dead[0]?.id}`));
    expect(detail.attempts).toHaveLength(8);
    expect(detail.attempts[0]).toMatchObject({
      attempt: 8,
      httpStatus: 503,
      error: 'HTTP 503 Service Unavailable',
    });
    expect(detail.attempts[0]?.responseBody).toHaveLength(1024);
    expect(detail.attempts[0]?.responseBody?.startsWith('busy xxx')).toBe(true);
    expect(detail.attempts[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(detail.attempts.at(-1)?.at).toBe('2026-03-01T12:00:00.000Z');
    expect(detail.payload).toMatchObject({
      event_type: 'incident.triggered',
      incident: {
        ref: incident.ref,
        url: expect.stringMatching(new RegExp(`^https?://.+/incidents/${incident.ref}$`)),
      },
    });

    // Once the first is dead, the acknowledgement behind it goes (it fails too, and is retried).
    await sender.runOnce();
    expect(receiver.types().at(-1)).toBe('incident.acknowledged');

    isFailing = false;
    const retried = ok<{ status: string; attemptCount: number }>(
      await api().call('POST', `${log}/${dead[0]?.id}/retry`),
    );
    expect(retried).toMatchObject({ status: 'pending', attemptCount: 0 });
    expectProblemStatus(await api().call('POST', `${log}/${dead[0]?.id}/retry`), 404);
    await sender.runOnce();
    const last = receiver.received.at(-1);
    expect(last?.body.event_type).toBe('incident.triggered');
    expect(last?.headers['x-beacon-delivery']).toBe(receiver.received[0]?.headers['x-beacon-delivery']);
    expect(last?.headers['x-beacon-attempt']).toBe('1');
    const after = ok<WebhookDeliveryDetail>(await api().call('GET', `${log}/${dead[0]?.id}`));
    expect(after).toMatchObject({
      status: 'delivered',
      attemptCount: 1,
      lastHttpStatus: 200,
      lastError: null,
    });
    expect(after.attempts[0]).toMatchObject({
      attempt: 1,
      httpStatus: 200,
      error: null,
      responseBody: 'thanks',
    });
    expect(after.attempts).toHaveLength(9);
    const listed = ok<{ items: Array<{ id: number; deadCount: number; lastDelivery: unknown }> }>(
      await api().call('GET', '/api/v1/webhooks'),
    ).items;
    expect(listed[0]).toMatchObject({ deadCount: 0, lastDelivery: { status: 'delivered', httpStatus: 200 } });
  });

  it('logs a receiver that cannot be reached, and does not follow redirects', async () => {
    const closed = await startEventReceiver();
    await closed.close();
    const unreachable = await subscribe(api(), { url: closed.url });
    const redirecting = await subscribeReceiver();
    receiver.reply = () => ({ status: 302 });
    await declare(api());
    await webhookSender(api().db.ctx).runOnce();
    const lastError = async (id: number) =>
      ok<WebhookDeliveryPage>(await api().call('GET', `/api/v1/webhooks/${id}/deliveries`)).items[0];
    expect(await lastError(unreachable.id)).toMatchObject({
      status: 'pending',
      lastHttpStatus: null,
      lastError: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(await lastError(redirecting.id)).toMatchObject({
      status: 'pending',
      lastHttpStatus: 302,
      lastError: expect.stringMatching(/redirects are not followed/),
    });
  });

  it('sends nothing for a change that is rolled back', async () => {
    await subscribeReceiver();
    const incident = await declare(api());
    const ctx = api().db.ctx;
    await expect(
      ctx.store.transaction(async (tx) => {
        const row = await findIncidentByNumber(tx, incident.number);
        if (!row) throw new Error('no incident');
        await transitionIncident(
          tx,
          row,
          { status: 'resolved', resolutionSummary: 'fixed' },
          { type: 'user', id: null, name: 'x' },
          ctx.clock.now(),
        );
        expect(
          (await tx.selectFrom('webhook_deliveries').select('event_type').execute()).map((r) => r.event_type),
        ).toEqual(['incident.triggered', 'incident.resolved']);
        throw new Error('something later in the change failed');
      }),
    ).rejects.toThrow('something later');
    await webhookSender(ctx).runOnce();
    expect(receiver.types()).toEqual(['incident.triggered']);
  });

  it('shares the work between senders without sending anything twice', async () => {
    await subscribeReceiver();
    const incidents: Incident[] = [];
    for (let i = 0; i < 12; i++) incidents.push(await declare(api(), { title: `Incident ${i}` }));
    const ctx = api().db.ctx;
    await Promise.all([
      webhookSender(ctx).runOnce(),
      webhookSender(ctx).runOnce(),
      webhookSender(ctx).runOnce(),
    ]);
    expect(receiver.received).toHaveLength(12);
    expect(new Set(receiver.received.map((event) => event.body.incident?.ref)).size).toBe(12);
  });

  it('keeps the newest 1,000 finished deliveries of each subscription, and every unfinished one', async () => {
    const kept = await subscribeReceiver();
    const other = await subscribeReceiver();
    const ctx = api().db.ctx;
    const payload = (n: number) => ({
      id: `event-${n}`,
      event_type: 'webhook.test' as const,
      occurred_at: new Date(ctx.clock.now()).toISOString(),
      incident: null,
      actor: { type: 'system' as const, id: null, name: 'test' },
      changes: null,
      message: null,
      update_kind: null,
    });
    await ctx.store.transaction(async (tx) => {
      for (let n = 0; n < 1004; n++) {
        await insertWebhookDeliveries(
          tx,
          [{ subscriptionId: kept.id, incidentId: null }],
          payload(n),
          ctx.clock.now(),
        );
      }
      await insertWebhookDeliveries(
        tx,
        [{ subscriptionId: other.id, incidentId: null }],
        payload(9999),
        ctx.clock.now(),
      );
      await tx
        .updateTable('webhook_deliveries')
        .set({ status: 'delivered' })
        .where('subscription_id', '=', kept.id)
        .execute();
      // The oldest is still waiting to be sent: it stays.
      await tx
        .updateTable('webhook_deliveries')
        .set({ status: 'pending', next_attempt_at: ctx.clock.now() + 3_600_000 })
        .where('event_id', '=', 'event-0')
        .execute();
    });
    expect(await webhookSender(ctx).prune()).toBe(3);
    const left = await deliveryRows(ctx);
    expect(
      left
        .filter((row) => row.subscription_id === kept.id)
        .map((row) => row.event_id)
        .slice(0, 2),
    ).toEqual(['event-0', 'event-4']);
    expect(left.filter((row) => row.subscription_id === kept.id)).toHaveLength(1001);
    expect(left.filter((row) => row.subscription_id === other.id)).toHaveLength(1);
  });

  it('sends a test event whatever the filters, and prunes the log after 30 days', async () => {
    const subscription = await subscribeReceiver({ enabled: false, eventTypes: ['incident.closed'] });
    const queued = ok<{ id: number; eventType: string; status: string }>(
      await api().call('POST', `/api/v1/webhooks/${subscription.id}/test`),
      202,
    );
    expect(queued).toMatchObject({ eventType: 'webhook.test', status: 'pending', incident: null });
    const sender = webhookSender(api().db.ctx);
    await sender.runOnce();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.body).toMatchObject({
      event_type: 'webhook.test',
      incident: null,
      changes: null,
      actor: { type: 'user', name: 'Admin' },
      message: 'Test event sent by Admin from Beacon.',
    });
    expect(receiver.received[0]?.isSignatureValid).toBe(true);

    api().clock.advance(29 * 24 * 3_600_000);
    expect(await sender.prune()).toBe(0);
    api().clock.advance(2 * 24 * 3_600_000);
    expect(await sender.prune()).toBe(1);
    expect(await deliveryRows(api().db.ctx)).toHaveLength(0);
  });
});

function expectProblemStatus(
  res: { statusCode: number; headers: Record<string, unknown> },
  status: number,
): void {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/problem\+json/);
}
