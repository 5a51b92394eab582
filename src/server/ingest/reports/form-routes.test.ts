import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { serverSigningSecret } from '../../commands/oncall/action-links.js';
import { clientIpHash } from '../../commands/secrets.js';
import type { ReportPage } from '../../../core/schemas/reports.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';

const MINUTE = 60_000;

describeEachDialect('the public report form', (dialect) => {
  const api = useApiHarness(dialect, { BEACON_BASE_URL: 'https://beacon.example.com' });
  const post = (
    fields: Record<string, string>,
    options: { ip?: string; headers?: Record<string, string> } = {},
  ) =>
    api().app.inject({
      method: 'POST',
      url: '/report',
      remoteAddress: options.ip ?? '203.0.113.7',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
      payload: new URLSearchParams(fields).toString(),
    });
  const form = (overrides: Record<string, string> = {}) => ({
    name: 'Ana',
    email: 'ana@example.com',
    message: 'The checkout page stays blank',
    orderId: '',
    pageUrl: '',
    contact_me_by_fax_only: '',
    ...overrides,
  });
  const stored = async () =>
    ok<ReportPage>(await api().call('GET', '/api/v1/reports', { as: 'support' })).items;

  it('shows the form and takes a plain urlencoded post, never rendering what was sent as HTML', async () => {
    const page = await api().app.inject({ method: 'GET', url: '/report' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('<form method="post" action="/report"');
    expect(page.body).toContain('<label for="contact_me_by_fax_only">Leave this field empty</label>');
    expect(page.body).not.toContain('<select');
    expect(page.body).not.toContain('<script');

    const sent = await post(form({ orderId: 'A-1042', pageUrl: 'https://shop.example.com/cart' }));
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.body).toContain('<p class="ref">R-1001</p>');
    const [report] = await stored();
    expect(report).toMatchObject({
      ref: 'R-1001',
      source: 'form',
      metadata: { orderId: 'A-1042', pageUrl: 'https://shop.example.com/cart' },
      acknowledgement: 'queued',
    });

    const refused = await post(
      form({ name: '<script>alert(1)</script>', email: 'not-an-address', message: '' }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(refused.body).not.toContain('<script>');
    expect(refused.body).toMatch(/id="email"[^>]*aria-invalid="true" aria-describedby="email-error"/);
    expect(refused.body).toContain('Message is required');
    const tooLong = await post(form({ message: 'x'.repeat(5_001) }));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('aria-describedby="message-error"');
    expect(await stored()).toHaveLength(1);
  });

  it('offers the status page components, stores the one chosen, and refuses one that does not exist', async () => {
    const service = ok<{ id: number }>(
      await api().call('POST', '/api/v1/services', { body: { name: 'checkout-api' } }),
      201,
    );
    const component = ok<{ id: number }>(
      await api().call('POST', '/api/v1/status-page/components', {
        body: { name: 'Checkout <b>', serviceIds: [service.id] },
      }),
      201,
    );
    const page = await api().app.inject({ method: 'GET', url: '/report' });
    expect(page.body).toContain('<select id="componentId" name="componentId">');
    expect(page.body).toContain(`<option value="${String(component.id)}">Checkout &lt;b&gt;</option>`);

    const sent = await post(form({ componentId: String(component.id) }));
    expect(sent.statusCode, sent.body).toBe(200);
    expect((await stored())[0]).toMatchObject({ componentId: component.id });

    const refused = await post(form({ componentId: '999' }), { ip: '203.0.113.8' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="componentId-error"');
    expect(refused.body).toContain(`<option value="${String(component.id)}">`);
    expect(await stored()).toHaveLength(1);
  });

  it('answers a filled honeypot like a person and stores nothing; refuses other sites’ posts', async () => {
    const bot = await post(form({ contact_me_by_fax_only: 'http://spam.example' }));
    expect(bot.statusCode).toBe(200);
    expect(bot.body).toContain('Thank you for your report');
    const crossSite = await post(form(), { headers: { origin: 'https://evil.example' } });
    expect(crossSite.statusCode).toBe(403);
    const fetchCrossSite = await post(form(), { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(fetchCrossSite.statusCode).toBe(403);
    expect(await stored()).toEqual([]);
    const sameOrigin = await post(form(), {
      headers: { origin: 'https://beacon.example.com', 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.statusCode, sameOrigin.body).toBe(200);
  });

  it('limits anonymous senders per IP and per address with 429 and Retry-After, until the window ends', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await post(form({ email: `p${String(i)}@example.com` }))).statusCode).toBe(200);
      api().clock.advance(MINUTE);
    }
    const sixth = await post(form({ email: 'p6@example.com' }));
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers['retry-after']).toBe(String(5 * 60));
    expect(sixth.body).toContain('try again in 5 minutes');
    // Another address from another IP is not held up by this IP's limit.
    expect((await post(form({ email: 'q@example.com' }), { ip: '198.51.100.9' })).statusCode).toBe(200);
    for (let i = 0; i < 4; i++)
      expect(
        (await post(form({ email: 'q@example.com' }), { ip: `198.51.100.${String(20 + i)}` })).statusCode,
      ).toBe(200);
    const sameAddress = await post(form({ email: 'Q@example.com' }), { ip: '198.51.100.30' });
    expect(sameAddress.statusCode).toBe(429);
    expect(await stored()).toHaveLength(10);

    api().clock.advance(5 * MINUTE);
    expect((await post(form({ email: 'p7@example.com' }))).statusCode).toBe(200);
  });

  it("keeps the sender's IP only as a keyed hash nobody can reverse without the server's key", async () => {
    expect((await post(form(), { ip: '198.51.100.9' })).statusCode).toBe(200);
    const rows = await api().db.ctx.store.db.selectFrom('reports').select('ip_hash').execute();
    const [kept] = rows.map((row) => row.ip_hash);
    const secret = await serverSigningSecret(api().db.ctx);
    expect(kept).toBe(clientIpHash(secret, '198.51.100.9'));
    // Not a plain hash of the address, the way it was kept before.
    for (const plain of ['198.51.100.9', 'report-ip:198.51.100.9'])
      expect(kept).not.toBe(createHash('sha256').update(plain).digest('hex'));
    expect(clientIpHash('another server key', '198.51.100.9')).not.toBe(kept);
  });
});
