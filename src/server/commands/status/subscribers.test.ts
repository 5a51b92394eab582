import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import type { SubscriberList } from '../../../core/schemas/status-subscribers.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { useSmtpSink } from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';
import { expectProblem, ok } from '../../../../test/support/server/http/api-test-helpers.js';
import {
  confirmedSubscriber,
  mailsTo,
  postForm,
  publish,
  publishedIncident,
  subscriberSender,
  subscriptionPath,
  twoComponents,
} from '../../../../test/support/server/status/subscriber-test-helpers.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { claimSubscriberMessages } from '../outbox/subscriber-messages.js';

const MINUTE = 60_000;

describeEachDialect('status-page subscribers', (dialect) => {
  const api = useApiHarness(dialect);
  const sink = useSmtpSink();

  const list = async (query = '') =>
    ok<SubscriberList>(await api().call('GET', `/api/v1/status-page/subscribers${query}`));
  /** Send what is due now, after moving the clock past the bundling window. */
  const sendAfterWindow = async () => {
    api().clock.advance(MINUTE + 1000);
    await subscriberSender(api(), sink()).runOnce();
  };

  it('double opt-in: the form asks for confirmation, only a confirmed subscriber gets news, one click unsubscribes', async () => {
    const { apiId } = await twoComponents(api());
    const form = await postForm(api(), '/status/subscribe', { email: 'Ana@Example.com', scope: 'all' });
    expect(form.statusCode, form.body).toBe(200);
    expect(form.body).toContain('Check your email');
    await subscriberSender(api(), sink()).runOnce();
    const [confirmation] = mailsTo(sink(), 'ana@example.com');
    expect(confirmation?.subject).toBe('Confirm your subscription to Status');
    // The request for confirmation is not a list message: no unsubscribe header.
    expect(confirmation?.headerLines.some((h) => h.key === 'list-unsubscribe')).toBe(false);
    const path = subscriptionPath(confirmation);

    // Before confirming, news reaches nobody.
    const ref = await publishedIncident(api(), 'Some API calls are slow.', [
      { componentId: apiId, status: 'degraded_performance' },
    ]);
    await sendAfterWindow();
    expect(mailsTo(sink(), 'ana@example.com')).toHaveLength(1);
    expect((await list()).items[0]).toMatchObject({ state: 'pending', allComponents: true, source: 'form' });

    // Opening the link confirms nothing (link checkers open links); the button does.
    expect((await api().app.inject({ method: 'GET', url: path })).body).toContain('Confirm subscription');
    expect((await list()).counts).toMatchObject({ pending: 1, confirmed: 0 });
    const confirmed = await postForm(api(), `${path}/confirm`, {});
    expect(confirmed.body).toContain('Your subscription is confirmed.');
    expect((await list()).counts).toMatchObject({ pending: 0, confirmed: 1 });

    await publish(api(), ref, 'identified', 'A replica is lagging; traffic is moving away from it.');
    await sendAfterWindow();
    const news = mailsTo(sink(), 'ana@example.com').slice(1);
    expect(news).toHaveLength(1);
    expect(news[0]?.subject).toBe('[Status] Identified: Slow API');
    expect(news[0]?.text).toContain('A replica is lagging');
    expect(news[0]?.text).not.toContain('db-7');
    const unsubscribe = `http://localhost:3000${path}/unsubscribe`;
    const header = (name: string) =>
      news[0]?.headerLines.find((h) => h.key === name)?.line.replace(/\r\n\s+/g, ' ');
    expect(header('list-unsubscribe')).toBe(`List-Unsubscribe: <${unsubscribe}>`);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(news[0]?.text).toContain(`Unsubscribe: ${unsubscribe}`);

    // RFC 8058: the mail provider's POST, no cookies, no origin.
    const oneClick = await api().app.inject({
      method: 'POST',
      url: `${path}/unsubscribe`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect((await list()).items[0]).toMatchObject({ state: 'unsubscribed' });
    await publish(api(), ref, 'resolved', 'Fixed.');
    await sendAfterWindow();
    expect(mailsTo(sink(), 'ana@example.com')).toHaveLength(2);
  });

  it('asking again for a confirmed address sends its management link and changes nothing; the form refuses bad input and bots', async () => {
    await twoComponents(api());
    await confirmedSubscriber(api(), 'bo@example.com');
    const again = await postForm(api(), '/status/subscribe', {
      email: 'bo@example.com',
      scope: 'chosen',
      componentIds: [],
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Choose at least one component');
    expect((await postForm(api(), '/status/subscribe', { email: 'bo@example.com' })).statusCode).toBe(200);
    await subscriberSender(api(), sink()).runOnce();
    expect(mailsTo(sink(), 'bo@example.com').map((m) => m.subject)).toEqual(['Your subscription to Status']);
    expect((await list()).items[0]).toMatchObject({ state: 'confirmed', allComponents: true });

    const bad = await postForm(api(), '/status/subscribe', { email: 'not-an-address' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('aria-invalid="true"');
    const bot = await postForm(api(), '/status/subscribe', {
      email: 'bot@example.com',
      website_url_leave_empty: 'x',
    });
    expect(bot.statusCode).toBe(200);
    const crossSite = await api().app.inject({
      method: 'POST',
      url: '/status/subscribe',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: 'email=victim%40example.com',
    });
    expect(crossSite.statusCode).toBe(403);
    expect((await list()).items.map((s) => s.address)).toEqual(['bo@example.com']);
  });

  it('the JSON endpoint: 202 for a request, problem+json naming the field, and a rate limit per sender', async () => {
    const { apiId } = await twoComponents(api());
    const call = (body: unknown) => api().call('POST', '/status/api/v2/subscribers', { as: null, body });
    expect((await call({ email: 'cy@example.com', componentIds: [apiId] })).statusCode).toBe(202);
    expectProblem(await call({ email: 'nope' }), 400, 'email');
    expectProblem(await call({ email: 'dee@example.com', componentIds: [999] }), 400, 'componentIds');
    expectProblem(
      await call({ email: 'eve@example.com', endpoint: 'http://169.254.169.254/latest' }),
      400,
      'endpoint',
    );
    expect((await list()).items.map((s) => [s.address, s.components.map((c) => c.name)])).toEqual([
      ['cy@example.com', ['API']],
    ]);
    for (let i = 0; i < 4; i++) expect((await call({ email: `x${i}@example.com` })).statusCode).toBe(202);
    expectProblem(await call({ email: 'late@example.com' }), 429);
  });

  it('matches components: an incident reaches subscribers of what it affects; maintenance those of its service', async () => {
    const { apiId, webId, webServiceId } = await twoComponents(api());
    await confirmedSubscriber(api(), 'all@example.com');
    await confirmedSubscriber(api(), 'api@example.com', [apiId]);
    await confirmedSubscriber(api(), 'web@example.com', [webId]);
    await publishedIncident(api(), 'API errors.', [{ componentId: apiId, status: 'partial_outage' }]);
    await sendAfterWindow();
    expect(
      sink()
        .messages.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ''))
        .sort(),
    ).toEqual(['all@example.com', 'api@example.com']);

    const start = api().clock.now() + 2 * 60 * MINUTE;
    ok(
      await api().call('POST', `/api/v1/services/${webServiceId}/maintenance`, {
        as: 'responder',
        body: {
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 60 * MINUTE).toISOString(),
          reason: 'Database upgrade',
        },
      }),
      201,
    );
    await sendAfterWindow();
    await sendAfterWindow();
    const subjects = (address: string) => mailsTo(sink(), address).map((m) => m.subject);
    expect(subjects('web@example.com')).toEqual(['[Status] Scheduled maintenance: Database upgrade']);
    expect(subjects('api@example.com')).toEqual(['[Status] Investigating: Slow API']);
    api().clock.advance(2 * 60 * MINUTE);
    await sendAfterWindow();
    await sendAfterWindow();
    api().clock.advance(60 * MINUTE);
    await sendAfterWindow();
    await sendAfterWindow();
    expect(subjects('web@example.com')).toEqual([
      '[Status] Scheduled maintenance: Database upgrade',
      '[Status] Maintenance in progress: Database upgrade',
      '[Status] Maintenance completed: Database upgrade',
    ]);
    expect(subjects('all@example.com')).toHaveLength(4);
    expect(subjects('api@example.com')).toHaveLength(1);
  });

  it('bundles a burst: updates within the window become one mail with the latest state and each update', async () => {
    const { apiId } = await twoComponents(api());
    await confirmedSubscriber(api(), 'ana@example.com');
    const ref = await publishedIncident(api(), 'Payments fail.', [
      { componentId: apiId, status: 'major_outage' },
    ]);
    api().clock.advance(20_000);
    await publish(api(), ref, 'identified', 'The payment provider is down.');
    api().clock.advance(20_000);
    const third = await publish(api(), ref, 'monitoring', 'Payments work again; we are watching.');
    // Not due yet: the window runs from the first update.
    await subscriberSender(api(), sink()).runOnce();
    expect(sink().messages).toHaveLength(0);
    await sendAfterWindow();
    const [mail] = mailsTo(sink(), 'ana@example.com');
    expect(mailsTo(sink(), 'ana@example.com')).toHaveLength(1);
    expect(mail?.subject).toBe('[Status] Monitoring: Slow API');
    expect(mail?.text).toContain('3 updates since our last message');
    for (const text of ['Payments fail.', 'The payment provider is down.', 'Payments work again'])
      expect(mail?.text).toContain(text);

    // A correction is news too; the resolution after it comes in its own mail, once.
    ok(
      await api().call('PATCH', `/api/v1/incidents/${ref}/public-updates/${String(third.id)}`, {
        as: 'responder',
        body: { message: 'Payments work again for every card; we are watching.' },
      }),
    );
    await sendAfterWindow();
    await publish(api(), ref, 'resolved', 'Resolved.');
    await sendAfterWindow();
    await sendAfterWindow();
    expect(mailsTo(sink(), 'ana@example.com').map((m) => m.subject)).toEqual([
      '[Status] Monitoring: Slow API',
      '[Status] Monitoring: Slow API',
      '[Status] Resolved: Slow API',
    ]);
    expect(mailsTo(sink(), 'ana@example.com')[1]?.text).toContain('(updated)');
  });

  it('exactly once: a refused mail is retried, a crashed sender’s message is taken up after its lease, none twice', async () => {
    const { apiId } = await twoComponents(api());
    await confirmedSubscriber(api(), 'ana@example.com');
    await confirmedSubscriber(api(), 'bo@example.com', [apiId]);
    const ref = await publishedIncident(api(), 'Down.', [{ componentId: apiId, status: 'major_outage' }]);
    sink().isRejecting = true;
    await sendAfterWindow();
    expect(sink().messages).toHaveLength(0);
    sink().isRejecting = false;
    // Backoff: not before 30 s.
    await subscriberSender(api(), sink()).runOnce();
    expect(sink().messages).toHaveLength(0);
    api().clock.advance(31_000);
    await subscriberSender(api(), sink()).runOnce();
    expect(sink().messages).toHaveLength(2);

    // A process claims the next message and dies before sending it.
    await publish(api(), ref, 'resolved', 'Fixed.');
    api().clock.advance(MINUTE + 1000);
    const claimed = await claimSubscriberMessages(api().db.ctx, {
      baseUrl: 'http://localhost:3000',
      signingSecret: 'unused',
      leaseMs: MINUTE,
      limit: 10,
    });
    expect(claimed).toHaveLength(2);
    await subscriberSender(api(), sink()).runOnce();
    expect(sink().messages).toHaveLength(2);
    api().clock.advance(MINUTE + 1000);
    await subscriberSender(api(), sink()).runOnce();
    await subscriberSender(api(), sink()).runOnce();
    expect(mailsTo(sink(), 'ana@example.com').map((m) => m.subject)).toEqual([
      '[Status] Investigating: Slow API',
      '[Status] Resolved: Slow API',
    ]);
    expect(mailsTo(sink(), 'bo@example.com')).toHaveLength(2);
    // Each mail's Message-ID is stable across attempts, so a repeat would be recognisable.
    expect(new Set(sink().messages.map((m) => m.messageId)).size).toBe(4);
  });

  it('webhook subscribers get Statuspage-shaped JSON signed like Beacon’s webhooks', async () => {
    const { apiId } = await twoComponents(api());
    const received: Array<{ raw: string; signature: string; timestamp: string; event: string }> = [];
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          raw: Buffer.concat(chunks).toString('utf8'),
          signature: String(request.headers['x-beacon-signature']),
          timestamp: String(request.headers['x-beacon-timestamp']),
          event: String(request.headers['x-beacon-event']),
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/hook`;
      const hook = await confirmedSubscriber(api(), url, [apiId], 'webhook');
      expect(hook.signingKey).toMatch(/^whsec_/);
      await publishedIncident(api(), 'API errors.', [{ componentId: apiId, status: 'partial_outage' }]);
      await sendAfterWindow();
      // The incident's news, and the component's change (component-updates.test.ts).
      expect(received.map((r) => r.event).sort()).toEqual(['status.component_update', 'status.incident']);
      const delivery = received.find((r) => r.event === 'status.incident');
      const expected = `sha256=${createHmac('sha256', hook.signingKey ?? '')
        .update(`${delivery?.timestamp ?? ''}.${delivery?.raw ?? ''}`)
        .digest('hex')}`;
      expect(delivery?.signature).toBe(expected);
      const body = JSON.parse(delivery?.raw ?? '{}') as {
        page: unknown;
        incident: { incident_updates: unknown[] };
        meta: { unsubscribe: string };
      };
      expect(body.page).toMatchObject({ status_indicator: 'major' });
      expect(body.incident).toMatchObject({ name: 'Slow API', status: 'investigating', impact: 'major' });
      expect(body.incident.incident_updates[0]).toMatchObject({
        body: 'API errors.',
        status: 'investigating',
      });
      expect(body.meta.unsubscribe).toMatch(/\/status\/subscriptions\/[A-Za-z0-9_-]{43}\/unsubscribe$/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('roles and errors: support views, admin manages; refusals name the field and change nothing; audited', async () => {
    const { webId } = await twoComponents(api());
    expectProblem(await api().call('GET', '/api/v1/status-page/subscribers', { as: 'viewer' }), 403);
    ok(await api().call('GET', '/api/v1/status-page/subscribers', { as: 'support' }));
    const add = (body: unknown, as: 'admin' | 'support' | 'responder' = 'admin') =>
      api().call('POST', '/api/v1/status-page/subscribers', { as, body });
    expectProblem(await add({ channel: 'email', address: 'a@example.com' }, 'responder'), 403);
    expectProblem(await add({ channel: 'email', address: 'a@example.com', skipOptIn: true }), 400, 'reason');
    expectProblem(await add({ channel: 'email', address: 'nope' }), 400, 'address');
    expectProblem(
      await add({ channel: 'email', address: 'a@example.com', componentIds: [999] }),
      400,
      'componentIds',
    );
    expectProblem(
      await add({ channel: 'webhook', address: 'http://10.1.2.3/x', skipOptIn: true, reason: 'r' }),
      400,
      'address',
    );
    expect((await list()).items).toEqual([]);

    const asked = ok<{ id: number; state: string }>(
      await add({ channel: 'email', address: 'a@example.com', componentIds: [webId] }),
      201,
    );
    expect(asked.state).toBe('pending');
    expectProblem(await add({ channel: 'email', address: 'a@example.com' }), 409, 'address');
    await confirmedSubscriber(api(), 'b@example.com');
    expect((await list('?state=pending')).items.map((s) => s.address)).toEqual(['a@example.com']);
    expect((await list(`?componentId=${String(webId)}`)).items).toHaveLength(2);
    expect((await list('?q=b%40')).items.map((s) => s.address)).toEqual(['b@example.com']);

    const csv = await api().call('GET', '/api/v1/status-page/subscribers/export?state=confirmed');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).not.toContain('a@example.com');
    expect(csv.body.split('\r\n')[1]).toMatch(/^\d+,email,b@example.com,b@example.com,confirmed,admin,all,/);
    expectProblem(await api().call('GET', '/api/v1/status-page/subscribers/export', { as: 'support' }), 403);

    expectProblem(
      await api().call('PATCH', '/api/v1/status-page/subscribers/settings', { body: { bundleSeconds: -1 } }),
      400,
      'bundleSeconds',
    );
    ok(await api().call('PATCH', '/api/v1/status-page/subscribers/settings', { body: { bundleSeconds: 0 } }));
    expect((await list()).bundleSeconds).toBe(0);
    expectProblem(await api().call('DELETE', '/api/v1/status-page/subscribers/999'), 404);
    expect(
      (await api().call('DELETE', `/api/v1/status-page/subscribers/${String(asked.id)}`)).statusCode,
    ).toBe(204);
    expect((await list()).counts).toMatchObject({ pending: 0, confirmed: 1 });

    const audit = ok<{ items: Array<{ action: string; data: unknown }> }>(
      await api().call('GET', '/api/v1/audit?limit=20'),
    );
    const actions = audit.items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'status_subscriber.create',
        'status_subscriber.delete',
        'status_subscriber_settings.update',
      ]),
    );
    expect(JSON.stringify(audit.items)).toContain('moved from our old status page');
  });

  it('the subscription page changes the components a subscriber hears about; an unknown token is a 404 page', async () => {
    const { apiId, webId } = await twoComponents(api());
    await postForm(api(), '/status/subscribe', {
      email: 'ana@example.com',
      scope: 'chosen',
      componentIds: [String(apiId)],
    });
    await subscriberSender(api(), sink()).runOnce();
    const path = subscriptionPath(mailsTo(sink(), 'ana@example.com')[0]);
    await postForm(api(), `${path}/confirm`, {});
    const saved = await postForm(api(), `${path}/preferences`, {
      scope: 'chosen',
      componentIds: [String(webId)],
    });
    expect(saved.body).toContain('Your choice is saved.');
    expect((await list()).items[0]?.components.map((c) => c.name)).toEqual(['Web']);
    const prompt = await api().app.inject({ method: 'GET', url: `${path}/unsubscribe` });
    expect(prompt.body).toContain('Stop sending updates');
    expect((await list()).items[0]?.state).toBe('confirmed');
    const unknown = await api().app.inject({ method: 'GET', url: `/status/subscriptions/${'A'.repeat(43)}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-security-policy']).toContain("default-src 'none'");
  });
});
