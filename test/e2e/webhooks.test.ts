import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, expectText, hasChromium, signIn, WAIT, useBrowserSuite } from './beacon-server.js';

/** A receiver on loopback that checks each request's signature with the secret it is given. */
async function startReceiver() {
  const received: Array<{ type: string; isSignatureValid: boolean; deliveryId: string }> = [];
  let secret = '';
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(request.headers['x-beacon-timestamp'] ?? '');
      const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`;
      const given = String(request.headers['x-beacon-signature'] ?? '');
      const isSignatureValid =
        given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      const body = JSON.parse(raw) as { event_type: string };
      received.push({
        type: body.event_type,
        isSignatureValid,
        deliveryId: String(request.headers['x-beacon-delivery']),
      });
      response
        .writeHead(isSignatureValid ? 200 : 401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ received: body.event_type }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/beacon`,
    server,
    received,
    setSecret: (value: string) => (secret = value),
  };
}

describe.skipIf(!hasChromium)('webhooks in the browser', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => {
    receiver?.server.close();
  });
  const suite = useBrowserSuite();

  it('creates a subscription, sends a test event and an incident event, and shows them in the log', async () => {
    const context = await suite.browser.newContext({
      viewport: { width: 1280, height: 900 },
      baseURL: suite.server.baseUrl,
    });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    try {
      await signIn(page, suite.server.baseUrl);
      const service = await apiCall<{ id: number }>(page, '', 'POST', '/api/v1/services', {
        name: 'checkout-api',
      });
      await apiCall<{ id: number }>(page, '', 'POST', '/api/v1/services', { name: 'search' });

      // The admin menu leads to the webhooks page (after a fresh load: the services were made
      // through the API after the UI cached the list).
      await page.reload();
      await page.locator('nav summary', { hasText: /^Admin$/ }).click();
      await page.getByRole('menuitem', { name: 'Webhooks' }).click();
      await page.getByRole('heading', { name: 'Webhooks' }).waitFor({ timeout: WAIT });
      await expectText(page.locator('.empty'), 'No subscriptions yet');

      // A bad URL is refused next to its field.
      await page.getByRole('button', { name: 'New subscription' }).click();
      await page.getByLabel('Endpoint URL').fill('ftp://example.com/x');
      await page.getByRole('button', { name: 'Create subscription' }).click();
      await expectText(page.locator('.field-error'), 'must be an http or https URL');

      await page.getByLabel('Endpoint URL').fill(receiver.url);
      await page.getByLabel('Description').fill('Ticketing sync');
      await page.getByRole('radio', { name: 'Only incidents affecting' }).check();
      await page.getByRole('checkbox', { name: 'checkout-api' }).check();
      await page.screenshot({ path: `${suite.shots}/webhooks-new.png`, fullPage: true });
      await page.getByRole('button', { name: 'Create subscription' }).click();

      // The secret is shown once created; the receiver checks signatures with it.
      const secretBox = page.getByLabel('Webhook signing secret');
      await secretBox.waitFor({ timeout: WAIT });
      const secret = await secretBox.inputValue();
      expect(secret).toMatch(/^whsec_/);
      receiver.setSecret(secret);
      const row = page.getByTestId('webhook-row').filter({ hasText: 'Ticketing sync' });
      await expectText(row, 'checkout-api');
      await expectText(row, 'All events');
      await page.screenshot({ path: `${suite.shots}/webhooks-list.png`, fullPage: true });

      // On its page: a test event, then a real incident event, both delivered and logged.
      await row.getByRole('link', { name: receiver.url }).click();
      await page.getByRole('heading', { name: 'Ticketing sync' }).waitFor({ timeout: WAIT });
      await page.getByRole('button', { name: 'Send test event' }).click();
      const deliveries = page.getByTestId('delivery-row');
      await expectText(deliveries.filter({ hasText: 'webhook.test' }), 'Delivered', 20_000);

      await apiCall<{ id: number }>(page, '', 'POST', '/api/v1/incidents', {
        title: 'Checkout returns 502',
        serviceIds: [service.id],
        status: 'triggered',
      });
      await apiCall<{ id: number }>(page, '', 'POST', '/api/v1/incidents', { title: 'Search is slow' });
      const triggered = deliveries.filter({ hasText: 'incident.triggered' });
      await expectText(triggered, 'Delivered', 20_000);
      await expectText(triggered, 'INC-1');
      await triggered.getByRole('button', { name: 'Details' }).click();
      const attempt = page.getByTestId('delivery-attempt').first();
      await expectText(attempt, 'HTTP 200');
      await expectText(attempt, '"received":"incident.triggered"');

      // The secret can be shown again (and is the same).
      await page.getByRole('button', { name: 'Reveal' }).click();
      await expect
        .poll(() => page.getByLabel('Webhook signing secret').inputValue(), { timeout: WAIT })
        .toBe(secret);
      await page.screenshot({ path: `${suite.shots}/webhooks-log.png`, fullPage: true });

      // Redeliver the test event: the same delivery id arrives again.
      await page
        .getByRole('button', { name: /^Redeliver delivery/ })
        .last()
        .click();
      await expect
        .poll(() => receiver.received.filter((r) => r.type === 'webhook.test').length, { timeout: 20_000 })
        .toBe(2);

      // Only the incident on checkout-api was sent, once, and every signature checked out.
      expect(receiver.received.map((r) => r.type).sort()).toEqual([
        'incident.triggered',
        'webhook.test',
        'webhook.test',
      ]);
      expect(receiver.received.every((r) => r.isSignatureValid)).toBe(true);
      const tests = receiver.received.filter((r) => r.type === 'webhook.test');
      expect(tests[0]?.deliveryId).toBe(tests[1]?.deliveryId);

      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${suite.shots}/webhooks-log-phone.png`, fullPage: true });
    } catch (error) {
      await page.screenshot({ path: `${suite.shots}/webhooks-failure.png`, fullPage: true });
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
