import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Incident } from '../../../core/schemas/incident.js';
import { TEST_OUTBOUND_ALLOW_LIST } from '../../../../test/support/outbound-allow.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  notifyAtOnce,
  outboxRows,
  pagingEngine,
  serviceWithPolicy,
  trigger,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';
import {
  type NtfyReceiver,
  type PushoverReceiver,
  startNtfyReceiver,
  startPushoverReceiver,
} from '../../../../test/support/server/engine/escalation/push-receivers.js';
import { createChannels } from '../../notify/index.js';
import { PushoverReceiptCloser } from '../notifications/pushover-receipt-closer.js';

const QUIET_LOG = { error: () => undefined, info: () => undefined };

// Pages to phones end to end: ntfy's Acknowledge button and Pushover's acknowledged receipt
// reach Beacon's one-click endpoint and acknowledge the incident; a provider's 429 is retried.

describeEachDialect('pages to phones', (dialect) => {
  const api = useApiHarness(dialect);
  let ntfy: NtfyReceiver;
  let pushover: PushoverReceiver;
  beforeEach(async () => {
    [ntfy, pushover] = await Promise.all([startNtfyReceiver(), startPushoverReceiver()]);
  });
  afterEach(async () => {
    await Promise.all([ntfy.close(), pushover.close()]);
  });

  const engineFor = () =>
    pagingEngine(
      api().db.ctx,
      'smtp://127.0.0.1:1',
      {},
      {
        channels: createChannels({
          smtpUrl: undefined,
          smtpFrom: 'Beacon <beacon@localhost>',
          allow: TEST_OUTBOUND_ALLOW_LIST,
          pushoverApiUrl: pushover.url,
        }),
      },
    );
  /** The responder paged by Pushover at once: the service to trigger and the paging engine. */
  const pagedByPushover = async () => {
    await notifyAtOnce(api(), 'responder', {
      type: 'pushover',
      address: pushover.userKey,
      secret: pushover.appToken,
    });
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 5, targets: [{ type: 'user', id: api().users.responder.userId }] },
    ]);
    return { serviceId, engine: engineFor() };
  };
  /** Open an incident on the service and let the engine send its page. */
  const pageAbout = async (engine: ReturnType<typeof engineFor>, serviceId: number, title?: string) => {
    await trigger(api(), serviceId, title);
    await engine.tick();
    api().clock.advance(10_000);
    await engine.tick();
  };
  /** Pushover's callback of an acknowledgement in the app, posted to Beacon. */
  const callBack = async (receipt: string) => {
    const callback = pushover.acknowledge(receipt);
    expect(callback?.url).toMatch(/^http:\/\/beacon\.test\/ack\//);
    return api().app.inject({
      method: 'POST',
      url: new URL(callback?.url ?? '').pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: callback?.body ?? '',
    });
  };
  const statusOf = async (ref: string) =>
    ok<Incident>(await api().call('GET', `/api/v1/incidents/${ref}`)).status;

  it('ntfy: an urgent push whose Acknowledge button acknowledges the incident', async () => {
    const token = 'tk_beacontest0123456789abcdefgh';
    ntfy.tokens.set('beacon-responder', token);
    await notifyAtOnce(api(), 'responder', {
      type: 'ntfy',
      address: `${ntfy.url}/beacon-responder`,
      secret: token,
    });
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 5, targets: [{ type: 'user', id: api().users.responder.userId }] },
    ]);
    const engine = engineFor();
    await pageAbout(engine, serviceId);

    expect(ntfy.refused).toEqual([]);
    const [push] = ntfy.received;
    expect(push).toMatchObject({
      topic: 'beacon-responder',
      priority: 5,
      title: 'INC-1 triggered: Checkout is down',
    });
    const actions = push?.actions as Array<{ label: string; url: string; method: string }>;
    const ack = actions.find((action) => action.label === 'Acknowledge');
    expect(ack?.method).toBe('POST');
    // The ntfy app POSTs the action's URL with an empty body.
    const pressed = await api().app.inject({ method: 'POST', url: new URL(ack?.url ?? '').pathname });
    expect(pressed.statusCode, pressed.body).toBe(200);
    expect(await statusOf('INC-1')).toBe('investigating');
    await engine.close();
  });

  it('Pushover: an emergency page acknowledged in the app acknowledges the incident through its callback', async () => {
    const { serviceId, engine } = await pagedByPushover();
    await pageAbout(engine, serviceId);

    expect(pushover.refused).toEqual([]);
    const [push] = pushover.received;
    expect(push).toMatchObject({ priority: '2', retry: '60', expire: '3600' });
    const called = await callBack(push?.receipt ?? '');
    expect(called.statusCode, called.body).toBe(200);
    expect(await statusOf('INC-1')).toBe('investigating');
    const timeline = ok<{ items: Array<{ kind: string; actor: { name: string } }> }>(
      await api().call('GET', '/api/v1/incidents/INC-1/timeline'),
    );
    expect(
      timeline.items.some((entry) => entry.kind === 'acknowledged' && entry.actor.name === 'Responder'),
    ).toBe(true);
    await engine.close();
  });

  it('Pushover: an emergency page acknowledged in Beacon stops alerting the phone, once', async () => {
    const { serviceId, engine } = await pagedByPushover();
    const closer = new PushoverReceiptCloser(api().db.ctx, QUIET_LOG, pushover.url);
    await pageAbout(engine, serviceId);
    const [push] = pushover.received;
    expect(push?.receipt).toMatch(/^[A-Za-z0-9]{30}$/);
    expect((await outboxRows(api().db.ctx))[0]?.provider_receipt).toBe(push?.receipt);

    // Still triggered: the phone keeps alerting.
    await closer.runOnce();
    expect(pushover.cancelled).toEqual([]);

    const acked = await api().call('POST', '/api/v1/incidents/INC-1/acknowledge', {
      as: 'responder',
      body: {},
    });
    expect(acked.statusCode, acked.body).toBe(200);
    // Pushover fails once: the cancel is tried again once its lease has run out, not before.
    pushover.failingCancels = 1;
    await closer.runOnce();
    expect(pushover.cancelled).toEqual([]);
    api().clock.advance(10_000);
    await closer.runOnce();
    expect(pushover.cancelled).toEqual([]);
    api().clock.advance(30_000);
    await closer.runOnce();
    expect(pushover.cancelled).toEqual([push?.receipt]);
    expect((await outboxRows(api().db.ctx))[0]?.receipt_closed_at).toBe(api().clock.now());
    api().clock.advance(60_000);
    await closer.runOnce();
    expect(pushover.cancelled).toHaveLength(1);
    await Promise.all([engine.close(), closer.close()]);
  });

  it('Pushover: a receipt acknowledged in the app, or older than its expiry, is not cancelled again', async () => {
    const { serviceId, engine } = await pagedByPushover();
    const closer = new PushoverReceiptCloser(api().db.ctx, QUIET_LOG, pushover.url);
    await pageAbout(engine, serviceId);
    const [push] = pushover.received;
    const called = await callBack(push?.receipt ?? '');
    expect(called.statusCode, called.body).toBe(200);
    // Pushover answers 400 (no longer alerting): the receipt is closed, never asked again.
    await closer.runOnce();
    expect(pushover.cancelled).toEqual([]);
    expect((await outboxRows(api().db.ctx))[0]?.receipt_closed_at).toBe(api().clock.now());

    // A second incident acknowledged only after Pushover's hour has passed: nothing to cancel.
    await pageAbout(engine, serviceId, 'Search is down');
    expect(pushover.received).toHaveLength(2);
    api().clock.advance(3_600_000 + 1);
    const late = await api().call('POST', '/api/v1/incidents/INC-2/acknowledge', {
      as: 'responder',
      body: {},
    });
    expect(late.statusCode, late.body).toBe(200);
    await closer.runOnce();
    expect(pushover.cancelled).toEqual([]);
    await Promise.all([engine.close(), closer.close()]);
  });

  it("Pushover's 429 keeps the page in the outbox and it is sent on the retry", async () => {
    const { serviceId, engine } = await pagedByPushover();
    pushover.isOverLimit = true;
    await pageAbout(engine, serviceId);
    const [row] = await outboxRows(api().db.ctx);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row?.last_error).toMatch(/HTTP 429/);

    pushover.isOverLimit = false;
    api().clock.advance(30_000);
    await engine.tick();
    expect(pushover.received).toHaveLength(1);
    expect((await outboxRows(api().db.ctx))[0]?.status).toBe('sent');
    await engine.close();
  });

  it('refuses a Pushover method without a valid user key or application token, naming the field', async () => {
    const add = (body: Record<string, string>) =>
      api().call('POST', '/api/v1/me/contact-methods', {
        as: 'responder',
        body: { type: 'pushover', ...body },
      });
    const badKey = await add({ address: 'not-a-key', secret: pushover.appToken });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.body).toContain('address');
    const noToken = await add({ address: pushover.userKey });
    expect(noToken.statusCode).toBe(400);
    expect(noToken.body).toContain('secret');
    const ntfyWithQuery = await api().call('POST', '/api/v1/me/contact-methods', {
      as: 'responder',
      body: { type: 'ntfy', address: `${ntfy.url}/topic?x=1` },
    });
    expect(ntfyWithQuery.statusCode).toBe(400);
    expect(
      ok<{ items: unknown[] }>(await api().call('GET', '/api/v1/me/contact-methods', { as: 'responder' }))
        .items,
    ).toEqual([]);
  });
});
