import { expect, it } from 'vitest';
import type { AdminWarning, IncidentDelivery } from '../../../core/schemas/delivery.js';
import { ok, readTimeline } from '../../../../test/support/server/http/api-test-helpers.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  pagingEngine,
  serviceWithPolicy,
  useSmtpSink,
  trigger,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';

describeEachDialect('delivery failures are loud', (dialect) => {
  const api = useApiHarness(dialect);
  const smtp = useSmtpSink();

  const deliveries = async (ref: string, as: 'viewer' | 'responder' = 'viewer') =>
    ok<{ items: IncidentDelivery[] }>(
      await api().call('GET', `/api/v1/incidents/${ref}/notifications`, { as }),
    ).items;
  // This harness has no BEACON_SMTP_URL (the engine mails the sink): leave that warning aside.
  const warnings = async () =>
    ok<{ items: AdminWarning[] }>(await api().call('GET', '/api/v1/admin/warnings')).items.filter(
      (warning) => warning.code === 'dead_letters',
    );

  it('shows a failing page on the paging history of every incident it bundles, with the error and next retry', async () => {
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 5, targets: [{ type: 'user', id: api().users.responder.userId }] },
    ]);
    smtp().isRejecting = true;
    const engine = pagingEngine(api().db.ctx, smtp().url, { notifyBundleSeconds: 10 });
    try {
      await trigger(api(), serviceId, 'Checkout is down');
      await trigger(api(), serviceId, 'Search is slow');
      await engine.escalate();
      api().clock.advance(10_000);
      expect(await engine.deliver()).toBe(1);
      for (const ref of ['INC-1', 'INC-2']) {
        const [delivery] = await deliveries(ref);
        expect(delivery).toMatchObject({
          recipient: 'Responder',
          channel: 'email',
          method: 'responder@example.com',
          status: 'pending',
          attempts: 1,
          maxAttempts: 6,
          nextAttemptAt: new Date(api().clock.now() + 30_000).toISOString(),
        });
        expect(delivery?.lastError).toMatch(/mailbox unavailable/);
      }
      expect((await api().call('GET', '/api/v1/incidents/INC-9/notifications')).statusCode).toBe(404);
      expect(
        (await api().call('GET', '/api/v1/incidents/INC-1/notifications', { as: null })).statusCode,
      ).toBe(401);
    } finally {
      await engine.close();
    }
  });

  it('a dead letter writes the incident timeline and raises an admin banner until dismissed', async () => {
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 5, targets: [{ type: 'user', id: api().users.responder.userId }] },
    ]);
    smtp().isRejecting = true;
    const engine = pagingEngine(api().db.ctx, smtp().url, { notifyBundleSeconds: 0 });
    try {
      await trigger(api(), serviceId);
      await engine.escalate();
      for (let attempt = 1; attempt <= 6; attempt++) {
        await engine.deliver();
        const [delivery] = await deliveries('INC-1');
        if (attempt < 6) api().clock.advance(Date.parse(delivery?.nextAttemptAt ?? '') - api().clock.now());
      }
      const [dead] = await deliveries('INC-1', 'responder');
      expect(dead).toMatchObject({ status: 'dead', attempts: 6, nextAttemptAt: null });
      const failed = (await readTimeline(api(), 'INC-1')).filter((e) => e.kind === 'notification_failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]?.body).toMatch(
        /^Could not notify Responder by email after 6 attempts; gave up: .*mailbox unavailable/,
      );

      const [banner] = await warnings();
      expect(banner).toMatchObject({ code: 'dead_letters', count: 1, isDismissible: true });
      expect(banner?.message).toMatch(/1 notification could not be delivered .*INC-1/);
      expect((await api().call('GET', '/api/v1/admin/warnings', { as: 'responder' })).statusCode).toBe(403);
      expect(
        (await api().call('POST', '/api/v1/admin/warnings/dead-letters/dismiss', { as: 'responder' }))
          .statusCode,
      ).toBe(403);
      expect(
        ok<{ dismissed: number }>(await api().call('POST', '/api/v1/admin/warnings/dead-letters/dismiss')),
      ).toEqual({ dismissed: 1 });
      expect(await warnings()).toEqual([]);

      // Sent again and dead again: the banner is back.
      ok(await api().call('POST', `/api/v1/notifications/${dead?.id ?? 0}/retry`));
      for (let attempt = 1; attempt <= 6; attempt++) {
        await engine.deliver();
        const [delivery] = await deliveries('INC-1');
        if (attempt < 6) api().clock.advance(Date.parse(delivery?.nextAttemptAt ?? '') - api().clock.now());
      }
      expect((await warnings()).map((w) => w.code)).toEqual(['dead_letters']);
      // Resolved by a retry that gets through: the banner goes.
      smtp().isRejecting = false;
      ok(await api().call('POST', `/api/v1/notifications/${dead?.id ?? 0}/retry`));
      await engine.deliver();
      expect(smtp().messages).toHaveLength(1);
      expect(await warnings()).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});

describeEachDialect('email not configured', (dialect) => {
  const api = useApiHarness(dialect);

  it('warns admins and each person whose pages rely on email, until they do not', async () => {
    const [warning] = ok<{ items: AdminWarning[] }>(await api().call('GET', '/api/v1/admin/warnings')).items;
    expect(warning).toMatchObject({ code: 'email_not_configured', count: 4, isDismissible: false });
    expect(warning?.message).toMatch(/BEACON_SMTP_URL is unset.*4 people are paged by email/);
    const mine = ok<{ items: string[] }>(
      await api().call('GET', '/api/v1/me/notification-warnings', { as: 'viewer' }),
    );
    expect(mine.items[0]).toMatch(/your pages — by default an email to your account address — will fail/);

    // The viewer's first method is a webhook: it pages them at once, so email is no longer relied on.
    ok(
      await api().call('POST', '/api/v1/me/contact-methods', {
        as: 'viewer',
        body: { type: 'webhook', address: 'https://hooks.example.com/beacon' },
      }),
      201,
    );
    expect(
      ok<{ items: string[] }>(await api().call('GET', '/api/v1/me/notification-warnings', { as: 'viewer' })),
    ).toEqual({ items: [] });
    const [after] = ok<{ items: AdminWarning[] }>(await api().call('GET', '/api/v1/admin/warnings')).items;
    expect(after?.count).toBe(3);

    // A rule to an email method relies on email too, and is named.
    ok(
      await api().call('POST', '/api/v1/me/contact-methods', {
        as: 'viewer',
        body: { type: 'email', address: 'pager@example.com', name: 'Pager mail' },
      }),
      201,
    );
    const methods = ok<{ items: Array<{ id: number }> }>(
      await api().call('GET', '/api/v1/me/contact-methods', { as: 'viewer' }),
    ).items;
    ok(
      await api().call('PUT', '/api/v1/me/notification-rules', {
        as: 'viewer',
        body: { rules: methods.map((m) => ({ contactMethodId: m.id, delayMinutes: 0 })) },
      }),
    );
    const named = ok<{ items: string[] }>(
      await api().call('GET', '/api/v1/me/notification-warnings', { as: 'viewer' }),
    );
    expect(named.items[0]).toMatch(/your pages to Pager mail will fail/);
  });
});

describeEachDialect('email configured', (dialect) => {
  const api = useApiHarness(dialect, { BEACON_SMTP_URL: 'smtp://127.0.0.1:2525' });

  it('raises no email warning', async () => {
    expect(ok<{ items: AdminWarning[] }>(await api().call('GET', '/api/v1/admin/warnings')).items).toEqual(
      [],
    );
    expect(ok<{ items: string[] }>(await api().call('GET', '/api/v1/me/notification-warnings'))).toEqual({
      items: [],
    });
  });
});
