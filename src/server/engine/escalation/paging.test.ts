import { expect, it } from 'vitest';
import type { Incident } from '../../../core/schemas/incident.js';
import type { EscalationState } from '../../../core/schemas/oncall.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  linkIn,
  outboxRows,
  pagingEngine,
  serviceWithPolicy,
  useSmtpSink,
  startWebhookReceiver,
  notifyAtOnce,
  trigger,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';

const MINUTE = 60_000;
const HOOK_SECRET = 'viewer-webhook-secret-0123456789';

describeEachDialect('paging end to end', (dialect) => {
  const api = useApiHarness(dialect);
  const smtp = useSmtpSink();

  it('pages the on-call by email, escalates to a webhook, and a one-click ack stops it', async () => {
    const hook = await startWebhookReceiver(HOOK_SECRET);
    try {
      const { users } = api();
      await notifyAtOnce(api(), 'viewer', { type: 'webhook', address: hook.url, secret: HOOK_SECRET });
      const schedule = ok<{ id: number }>(
        await api().call('POST', '/api/v1/schedules', {
          as: 'responder',
          body: {
            name: 'Primary',
            timeZone: 'Europe/Berlin',
            layers: [
              {
                participants: [users.responder.userId],
                rotation: { kind: 'weekly' },
                handoffTime: '09:00',
                startDate: '2026-02-02',
              },
            ],
          },
        }),
        201,
      );
      const { serviceId } = await serviceWithPolicy(
        api(),
        [
          { delayMinutes: 5, targets: [{ type: 'schedule', id: schedule.id }] },
          { delayMinutes: 5, targets: [{ type: 'user', id: users.viewer.userId }] },
        ],
        1,
      );
      const integration = ok<{ key: string }>(
        await api().call('POST', `/api/v1/services/${serviceId}/integrations`, {
          body: { type: 'generic', name: 'monitoring' },
        }),
        201,
      );
      const event = await api().app.inject({
        method: 'POST',
        url: '/api/v1/events',
        headers: { authorization: `Bearer ${integration.key}` },
        payload: { action: 'trigger', summary: 'Checkout is down', severity: 'critical' },
      });
      expect(event.statusCode, event.body).toBe(202);
      const engine = pagingEngine(api().db.ctx, smtp().url);

      // Step 1 fires at once; the email waits out the 10 s bundle window.
      await engine.tick();
      expect(smtp().messages).toHaveLength(0);
      api().clock.advance(10_000);
      await engine.tick();
      expect(smtp().messages).toHaveLength(1);
      const mail = smtp().messages[0];
      expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toBe('responder@example.com');
      expect(mail?.subject).toBe('[Beacon] INC-1 triggered: Checkout is down');
      expect(mail?.html).toContain('Acknowledge');
      expect(mail?.text).toContain('http://beacon.test/incidents/INC-1');
      const ackPath = linkIn(mail?.text, 'Acknowledge');

      // Nothing more until step 2 is due, five minutes later: the viewer's signed webhook.
      api().clock.advance(MINUTE);
      await engine.tick();
      expect(hook.received).toHaveLength(0);
      api().clock.advance(4 * MINUTE);
      await engine.tick();
      api().clock.advance(10_000);
      await engine.tick();
      expect(hook.received).toHaveLength(1);
      expect(hook.received[0]?.isSignatureValid).toBe(true);
      expect(hook.received[0]?.body.incidents.map((i) => i.ref)).toEqual(['INC-1']);
      expect(smtp().messages).toHaveLength(1);

      // GET only shows a confirmation page (mail scanners prefetch links); POST acknowledges.
      const preview = await api().app.inject({ method: 'GET', url: ackPath });
      expect(preview.statusCode).toBe(200);
      expect(preview.headers['content-type']).toMatch(/^text\/html/);
      expect(preview.body).toContain('<form method="post"');
      expect(ok<Incident>(await api().call('GET', '/api/v1/incidents/INC-1')).status).toBe('triggered');
      const ack = await api().app.inject({
        method: 'POST',
        url: ackPath,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: '',
      });
      expect(ack.statusCode, ack.body).toBe(200);
      expect(ack.body).toContain('Acknowledged');
      const incident = ok<Incident>(await api().call('GET', '/api/v1/incidents/INC-1'));
      expect(incident.status).toBe('investigating');
      const state = ok<EscalationState>(await api().call('GET', '/api/v1/incidents/INC-1/escalation'));
      expect(state.isActive).toBe(false);

      // The repeat would have paged again after 5 more minutes: nobody hears anything.
      api().clock.advance(30 * MINUTE);
      await engine.tick();
      await engine.tick();
      expect(smtp().messages).toHaveLength(1);
      expect(hook.received).toHaveLength(1);

      const again = await api().app.inject({ method: 'POST', url: ackPath });
      expect(again.statusCode).toBe(410);
      expect(again.body).toContain('already used');
      const timeline = ok<{ items: Array<{ kind: string; body: string | null }> }>(
        await api().call('GET', '/api/v1/incidents/INC-1/timeline'),
      ).items;
      expect(timeline.filter((e) => e.kind === 'escalated')).toHaveLength(2);
      expect(timeline.filter((e) => e.kind === 'notified')).toHaveLength(2);
      expect(timeline.find((e) => e.kind === 'acknowledged')).toBeDefined();

      // The viewer's unused link expires after 24 hours.
      const resolvePath = new URL(hook.received[0]?.body.incidents[0]?.resolveUrl ?? '').pathname;
      api().clock.advance(25 * 60 * MINUTE);
      const expired = await api().app.inject({ method: 'GET', url: resolvePath });
      expect(expired.statusCode).toBe(410);
      expect(expired.body).toContain('expired');
      const tampered = await api().app.inject({ method: 'GET', url: `${resolvePath.slice(0, -3)}xyz` });
      expect(tampered.statusCode).toBe(404);

      // Used link ids are kept only while their links could still be used, then pruned.
      const usedIds = () => api().db.ctx.store.db.selectFrom('used_action_tokens').select('id').execute();
      expect(await usedIds()).toHaveLength(1);
      await engine.tick();
      expect(await usedIds()).toHaveLength(0);
      const stale = await api().app.inject({ method: 'POST', url: ackPath });
      expect(stale.statusCode).toBe(410);
      expect(stale.body).toContain('expired');
      await engine.close();
    } finally {
      await hook.close();
    }
  });

  it('stops paging for an incident the moment it is merged into another', async () => {
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 5, targets: [{ type: 'user', id: api().users.responder.userId }] },
      { delayMinutes: 5, targets: [{ type: 'user', id: api().users.viewer.userId }] },
    ]);
    const engine = pagingEngine(api().db.ctx, smtp().url);
    await trigger(api(), serviceId, 'API errors');
    await trigger(api(), serviceId, 'API latency');
    await engine.tick();
    api().clock.advance(10_000);
    await engine.tick();
    expect(smtp().messages).toHaveLength(1); // both incidents, one email to the responder
    ok(
      await api().call('POST', '/api/v1/incidents/INC-2/merge', { as: 'responder', body: { into: 'INC-1' } }),
    );
    const merged = ok<EscalationState>(await api().call('GET', '/api/v1/incidents/INC-2/escalation'));
    expect(merged).toMatchObject({ isActive: false, nextAt: null });
    expect(ok<EscalationState>(await api().call('GET', '/api/v1/incidents/INC-1/escalation')).isActive).toBe(
      true,
    );

    // Step 2 pages the viewer about INC-1 only.
    api().clock.advance(5 * MINUTE);
    await engine.tick();
    api().clock.advance(10_000);
    await engine.tick();
    expect(smtp().messages).toHaveLength(2);
    expect(smtp().messages[1]?.subject).toBe('[Beacon] INC-1 triggered: API errors');
    await engine.close();
  });

  it('bundles five incidents triggered within the window into one email', async () => {
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 5, targets: [{ type: 'user', id: api().users.responder.userId }] },
    ]);
    const engine = pagingEngine(api().db.ctx, smtp().url);
    for (let n = 1; n <= 5; n++) {
      ok(
        await api().call('POST', '/api/v1/incidents', {
          as: 'responder',
          body: { title: `Shard ${n} is down`, status: 'triggered', serviceIds: [serviceId] },
        }),
        201,
      );
      await engine.tick();
      api().clock.advance(1_000);
    }
    api().clock.advance(10_000);
    await engine.tick();
    expect(smtp().messages).toHaveLength(1);
    const mail = smtp().messages[0];
    expect(mail?.subject).toBe('[Beacon] 5 incidents triggered: INC-1, INC-2, INC-3, INC-4, INC-5');
    for (let n = 1; n <= 5; n++) expect(mail?.text).toContain(`INC-${n} Shard ${n} is down`);
    expect(await outboxRows(api().db.ctx)).toHaveLength(1);
  });

  it('retries a refused email with backoff, then dead-letters it; an admin re-queues it', async () => {
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 5, targets: [{ type: 'user', id: api().users.responder.userId }] },
    ]);
    smtp().isRejecting = true;
    const engine = pagingEngine(api().db.ctx, smtp().url, { notifyBundleSeconds: 0 });
    ok(
      await api().call('POST', '/api/v1/incidents', {
        as: 'responder',
        body: { title: 'Disk full', status: 'triggered', serviceIds: [serviceId] },
      }),
      201,
    );
    await engine.escalate();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      await engine.deliver();
      const [row] = await outboxRows(api().db.ctx);
      expect(row?.attempts).toBe(attempt);
      if (attempt < 6) {
        expect(row?.status).toBe('pending');
        expect(row?.last_error).toMatch(/mailbox unavailable/);
        const wait = (row?.next_attempt_at ?? 0) - api().clock.now();
        waits.push(wait);
        api().clock.advance(wait - 1);
        expect(await engine.deliver()).toBe(0);
        api().clock.advance(1);
      } else expect(row?.status).toBe('dead');
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    const dead = ok<{ items: Array<{ id: number; status: string }> }>(
      await api().call('GET', '/api/v1/notifications?status=dead'),
    ).items;
    expect(dead.map((d) => d.status)).toEqual(['dead']);
    expect(
      (await api().call('GET', '/api/v1/notifications?status=dead', { as: 'responder' })).statusCode,
    ).toBe(403);
    expect(
      (await api().call('POST', `/api/v1/notifications/${dead[0]?.id ?? 0}/retry`, { as: 'responder' }))
        .statusCode,
    ).toBe(403);
    smtp().isRejecting = false;
    const retried = ok<{ status: string }>(
      await api().call('POST', `/api/v1/notifications/${dead[0]?.id ?? 0}/retry`),
    );
    expect(retried.status).toBe('pending');
    await engine.deliver();
    expect(smtp().messages).toHaveLength(1);
    expect((await outboxRows(api().db.ctx))[0]?.status).toBe('sent');
    expect((await api().call('POST', '/api/v1/notifications/999/retry')).statusCode).toBe(404);
  });

  it('escalates by hand and notifies someone else on request', async () => {
    const { users } = api();
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 30, targets: [{ type: 'user', id: users.responder.userId }] },
      { delayMinutes: 30, targets: [{ type: 'user', id: users.admin.userId }] },
    ]);
    const engine = pagingEngine(api().db.ctx, smtp().url, { notifyBundleSeconds: 0 });
    ok(
      await api().call('POST', '/api/v1/incidents', {
        as: 'responder',
        body: { title: 'Queue stuck', status: 'triggered', serviceIds: [serviceId] },
      }),
      201,
    );
    await engine.tick();
    const escalated = ok<EscalationState>(
      await api().call('POST', '/api/v1/incidents/INC-1/escalate', { as: 'responder' }),
    );
    expect(escalated).toMatchObject({ isActive: false, stepIndex: null });
    expect((await api().call('POST', '/api/v1/incidents/INC-1/escalate', { as: 'viewer' })).statusCode).toBe(
      403,
    );
    const reassigned = ok<{ notified: string[] }>(
      await api().call('POST', '/api/v1/incidents/INC-1/reassign', {
        as: 'responder',
        body: { userIds: [users.viewer.userId] },
      }),
    );
    expect(reassigned.notified).toEqual(['Viewer']);
    expect(
      (await api().call('POST', '/api/v1/incidents/INC-1/reassign', { as: 'responder', body: {} }))
        .statusCode,
    ).toBe(400);
    api().clock.advance(10_000); // the API's bundle window
    await engine.tick();
    const recipients = smtp()
      .messages.map((m) => (m.to && 'text' in m.to ? m.to.text : ''))
      .sort();
    expect(recipients).toEqual(['admin@example.com', 'responder@example.com', 'viewer@example.com']);
    expect(
      (await api().call('POST', '/api/v1/incidents/INC-99/escalate', { as: 'responder' })).statusCode,
    ).toBe(404);
  });
});
