import { describe, expect, it } from 'vitest';
import { hasChromium, WAIT, expectText, signIn, useBrowserSuite } from './beacon-server.js';

/** Wait until `locator` has an element whose text contains `text`. */

/** Send one event to Beacon's own events endpoint, as a monitoring tool would. */
async function sendEvent(baseUrl: string, key: string, body: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(`${baseUrl}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
  return response.json();
}

describe.skipIf(!hasChromium)('alerting in the browser', () => {
  const suite = useBrowserSuite();

  it('turns an event from a new integration into an incident with its alert, then resolves it', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page, suite.server.baseUrl);

      // A service with a generic (JSON events) integration, made in the UI.
      await page.getByRole('link', { name: 'Services', exact: true }).first().click();
      await page.getByRole('button', { name: 'New service' }).click();
      await page.getByLabel('Name').fill('checkout-api');
      await page.getByRole('button', { name: 'Create service' }).click();
      await page.getByRole('link', { name: 'checkout-api' }).click();
      await page.waitForURL(/\/services\/\d+/, { timeout: WAIT });
      await page.getByRole('link', { name: 'Integrations' }).click();
      await page.getByLabel('Type').selectOption('generic');
      await page.getByLabel('Integration name').fill('Synthetic monitor');
      await page.getByRole('button', { name: 'Add integration' }).click();

      const card = page.getByTestId('integration').filter({ hasText: 'Synthetic monitor' });
      await card.waitFor({ timeout: WAIT });
      const firstKey = await card.getByTestId('integration-key').inputValue();
      expect(firstKey).toMatch(/^[0-9a-f]{32}$/);
      await expectText(card, 'Copy this key now');
      // The setup panel opens for a new integration, with the real address and key.
      const setup = card.getByTestId('setup-panel');
      await expectText(setup, `${suite.server.baseUrl}/api/v1/events`);
      await expectText(setup, `Authorization: Bearer ${firstKey}`);
      await page.screenshot({ path: `${suite.shots}/alerting-integration.png`, fullPage: true });

      // Once dismissed, the key is gone for good: only its first characters are shown.
      await card.getByRole('button', { name: 'Done' }).click();
      await expectText(card.getByTestId('integration-key-prefix'), `${firstKey.slice(0, 8)}…`);
      await expectText(setup, 'Authorization: Bearer <integration-key>');
      await page.reload();
      await expectText(card.getByTestId('integration-key-prefix'), `${firstKey.slice(0, 8)}…`);
      expect(await page.content()).not.toContain(firstKey);

      // Regenerating shows the new key once; the old one is refused from then on.
      page.once('dialog', (dialog) => void dialog.accept());
      await card.getByRole('button', { name: 'Regenerate key' }).click();
      await expectText(card, 'Copy this key now');
      const key = await card.getByTestId('integration-key').inputValue();
      expect(key).toMatch(/^[0-9a-f]{32}$/);
      expect(key).not.toBe(firstKey);
      await page.screenshot({ path: `${suite.shots}/alerting-integration-regenerated.png`, fullPage: true });
      const refused = await fetch(`${suite.server.baseUrl}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${firstKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ summary: 'old key' }),
      });
      expect(refused.status).toBe(401);

      // The event arrives while the incident list is open: the incident shows up live.
      await page.getByRole('link', { name: 'Incidents', exact: true }).first().click();
      await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: WAIT });
      const reply = (await sendEvent(suite.server.baseUrl, key, {
        summary: 'Checkout p99 latency above 2s',
        severity: 'critical',
        dedupKey: 'checkout-latency',
        labels: { region: 'eu-west-1', alertname: 'CheckoutLatency' },
        details: { p99Ms: 2380 },
      })) as { incidentRef: string | null; alertId: number | null };
      expect(reply.incidentRef).toMatch(/^INC-\d+$/);
      const row = page.getByTestId('incident-row').filter({ hasText: 'Checkout p99 latency above 2s' });
      await row.waitFor({ timeout: WAIT });
      await expectText(row, 'SEV1');

      // The incident page lists the alert, and the timeline says it was attached.
      await row.getByRole('link').first().click();
      await page.waitForURL(new RegExp(`/incidents/${reply.incidentRef}$`), { timeout: WAIT });
      const alertItem = page.getByTestId('incident-alert').filter({ hasText: 'Checkout p99 latency' });
      await alertItem.waitFor({ timeout: WAIT });
      await expectText(alertItem, 'Firing');
      await page.locator('[data-kind="alert_attached"]').first().waitFor({ timeout: WAIT });
      await expectText(page.locator('[data-kind="alert_attached"]'), 'Beacon alerting');
      await page.screenshot({ path: `${suite.shots}/alerting-incident.png`, fullPage: true });

      // The alert page shows its labels and the payload as it was sent.
      await alertItem.getByRole('link', { name: 'Checkout p99 latency above 2s' }).click();
      await page.waitForURL(new RegExp(`/alerts/${reply.alertId}$`), { timeout: WAIT });
      await expectText(page.getByTestId('alert-summary'), 'Checkout p99 latency above 2s');
      await expectText(page.locator('.label-chip'), 'eu-west-1');
      const payload = page.getByTestId('alert-payload');
      await expectText(payload, '"dedupKey": "checkout-latency"');
      await expectText(payload, '"p99Ms": 2380');
      await page.screenshot({ path: `${suite.shots}/alerting-alert.png`, fullPage: true });

      // A resolve event resolves the alert and, with default rules, the incident.
      await page.getByTestId('alert-incident').click();
      await page.waitForURL(new RegExp(`/incidents/${reply.incidentRef}$`), { timeout: WAIT });
      await sendEvent(suite.server.baseUrl, key, { action: 'resolve', dedupKey: 'checkout-latency' });
      await expectText(page.getByTestId('status-badge'), 'Resolved');
      await expectText(page.getByTestId('incident-alert'), 'Resolved');
      await page.screenshot({ path: `${suite.shots}/alerting-resolved.png`, fullPage: true });

      // The alert list shows it under "resolved".
      await page.getByRole('link', { name: 'Alerts', exact: true }).first().click();
      await page.getByLabel('Alert status').selectOption('resolved');
      await expectText(page.getByTestId('alert-row'), 'Checkout p99 latency above 2s');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('fits the alert list and integration setup on a phone-sized screen', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
    const page = await context.newPage();
    try {
      await signIn(page, suite.server.baseUrl);
      await page.goto(`${suite.server.baseUrl}/alerts?status=all`);
      await page.getByTestId('alert-row').first().waitFor({ timeout: WAIT });
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${suite.shots}/alerting-phone-alerts.png`, fullPage: true });

      await page.goto(`${suite.server.baseUrl}/services/1?tab=integrations`);
      await page.getByRole('button', { name: 'Set up' }).first().click();
      await page.getByTestId('setup-panel').waitFor({ timeout: WAIT });
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${suite.shots}/alerting-phone-setup.png`, fullPage: true });
    } finally {
      await context.close();
    }
  }, 90_000);
});
