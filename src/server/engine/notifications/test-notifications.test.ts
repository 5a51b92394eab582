import { expect, it } from 'vitest';
import type { AddedContactMethod, TestNotification } from '../../../core/schemas/delivery.js';
import { expectProblem, ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  pagingEngine,
  useSmtpSink,
  startWebhookReceiver,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';

const HOOK_SECRET = 'viewer-webhook-secret-0123456789';

describeEachDialect('test notifications', (dialect) => {
  const api = useApiHarness(dialect);
  const smtp = useSmtpSink();

  const addMethod = async (body: object, as: 'viewer' | 'responder' = 'viewer') =>
    ok<AddedContactMethod>(await api().call('POST', '/api/v1/me/contact-methods', { as, body }), 201);
  const sendTest = async (id: number, as: 'viewer' | 'responder' = 'viewer') =>
    ok<TestNotification>(await api().call('POST', `/api/v1/me/contact-methods/${id}/test`, { as }), 202);
  const latestTest = async (id: number) =>
    ok<TestNotification>(await api().call('GET', `/api/v1/me/contact-methods/${id}/test`, { as: 'viewer' }));

  it('sends a test email through the outbox and the page channel, and reports it sent', async () => {
    const engine = pagingEngine(api().db.ctx, smtp().url);
    try {
      const method = await addMethod({ type: 'email', address: 'pager@example.com' });
      const queued = await sendTest(method.id);
      expect(queued).toMatchObject({ contactMethodId: method.id, status: 'pending', lastError: null });
      // A second click while it waits does not queue another one.
      expect((await sendTest(method.id)).id).toBe(queued.id);
      expect(await engine.deliver()).toBe(1);
      expect(await latestTest(method.id)).toMatchObject({ id: queued.id, status: 'sent', lastError: null });
      expect(smtp().messages).toHaveLength(1);
      const [mail] = smtp().messages;
      expect(mail?.subject).toBe('[Beacon] TEST triggered: Test notification from Beacon');
      expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toBe('pager@example.com');
      expect(mail?.text).toContain('http://beacon.test/account/notifications');
    } finally {
      await engine.close();
    }
  });

  it('reports a refused test at once with the error, without retrying or raising a banner', async () => {
    smtp().isRejecting = true;
    const engine = pagingEngine(api().db.ctx, smtp().url);
    try {
      const method = await addMethod({ type: 'email', address: 'pager@example.com' });
      await sendTest(method.id);
      await engine.deliver();
      const failed = await latestTest(method.id);
      expect(failed.status).toBe('dead');
      expect(failed.lastError).toMatch(/mailbox unavailable/);
      api().clock.advance(60 * 60_000);
      expect(await engine.deliver()).toBe(0);
      const codes = ok<{ items: Array<{ code: string }> }>(
        await api().call('GET', '/api/v1/admin/warnings'),
      ).items;
      expect(codes.map((w) => w.code)).not.toContain('dead_letters');
      // A new test can be sent after a failed one.
      smtp().isRejecting = false;
      expect((await sendTest(method.id)).id).not.toBe(failed.id);
      await engine.deliver();
      expect((await latestTest(method.id)).status).toBe('sent');
    } finally {
      await engine.close();
    }
  });

  it('sends a signed test page to a webhook, as a page would be', async () => {
    const hook = await startWebhookReceiver(HOOK_SECRET);
    const engine = pagingEngine(api().db.ctx, smtp().url);
    try {
      const method = await addMethod({ type: 'webhook', address: hook.url, secret: HOOK_SECRET });
      await sendTest(method.id);
      await engine.deliver();
      expect(hook.received).toHaveLength(1);
      expect(hook.received[0]?.isSignatureValid).toBe(true);
      expect(hook.received[0]?.body.incidents.map((i) => i.ref)).toEqual(['TEST']);
      expect((await latestTest(method.id)).status).toBe('sent');
    } finally {
      await engine.close();
      await hook.close();
    }
  });

  it("refuses someone else's method, an unknown one, and a bad id", async () => {
    const method = await addMethod({ type: 'email', address: 'pager@example.com' });
    expectProblem(
      await api().call('POST', `/api/v1/me/contact-methods/${method.id}/test`, { as: 'responder' }),
      404,
    );
    expectProblem(await api().call('GET', `/api/v1/me/contact-methods/${method.id}/test`), 404);
    expectProblem(await api().call('POST', '/api/v1/me/contact-methods/999/test', { as: 'viewer' }), 404);
    expectProblem(
      await api().call('POST', '/api/v1/me/contact-methods/01/test', { as: 'viewer' }),
      400,
      'id',
    );
    expect(await api().db.ctx.store.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
  });
});

describeEachDialect('first contact method', (dialect) => {
  const api = useApiHarness(dialect);

  it('gets a rule paging at once when the person has no rules; later ones do not', async () => {
    const first = ok<AddedContactMethod>(
      await api().call('POST', '/api/v1/me/contact-methods', {
        as: 'viewer',
        body: { type: 'email', address: 'pager@example.com' },
      }),
      201,
    );
    expect(first.addedRule).toEqual({ contactMethodId: first.id, delayMinutes: 0 });
    expect(ok(await api().call('GET', '/api/v1/me/notification-rules', { as: 'viewer' }))).toEqual({
      rules: [{ contactMethodId: first.id, delayMinutes: 0 }],
      isDefault: false,
    });
    const second = ok<AddedContactMethod>(
      await api().call('POST', '/api/v1/me/contact-methods', {
        as: 'viewer',
        body: { type: 'slack', address: 'https://hooks.slack.com/services/T0/B0/x' },
      }),
      201,
    );
    expect(second.addedRule).toBeNull();
    expect(
      ok<{ rules: unknown[] }>(await api().call('GET', '/api/v1/me/notification-rules', { as: 'viewer' }))
        .rules,
    ).toHaveLength(1);
  });
});
