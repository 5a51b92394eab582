import { describe, expect, it } from 'vitest';
import { hasChromium, WAIT, expectText, signIn, useBrowserSuite, expectCount } from './beacon-server.js';

describe.skipIf(!hasChromium)('checks in the browser', () => {
  const suite = useBrowserSuite();

  it('adds an HTTP check and a heartbeat to a service, sees results, pauses and deletes', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    try {
      await signIn(page, suite.server.baseUrl);
      const session = (await (await page.request.get(`${suite.server.baseUrl}/api/v1/session`)).json()) as {
        csrfToken: string;
      };
      const created = await page.request.post(`${suite.server.baseUrl}/api/v1/services`, {
        data: { name: 'status-api' },
        headers: { 'x-csrf-token': session.csrfToken },
      });
      expect(created.status()).toBe(201);
      const service = (await created.json()) as { id: number };

      // The type picks the settings shown: TCP asks for host and port, HTTP for a URL.
      await page.goto(`${suite.server.baseUrl}/services/${service.id}?tab=checks`);
      await page.getByRole('button', { name: 'Add check' }).click();
      await page.getByLabel('Check type').selectOption('tcp');
      await page.getByLabel('Port').waitFor({ timeout: WAIT });
      await expectCount(page.getByLabel('URL'), 0);
      await page.getByLabel('Check type').selectOption('http');
      await page.getByLabel('Check name').fill('Beacon health');
      await page.getByLabel('URL').fill(`${suite.server.baseUrl}/healthz`);
      await page.getByLabel('Interval (seconds)').fill('10');
      await page.getByRole('button', { name: 'Create check' }).click();

      const row = page.getByTestId('check-row').filter({ hasText: 'Beacon health' });
      await row.waitFor({ timeout: WAIT });
      await expectText(row, 'Up', 30_000);

      // A heartbeat shows its secret ping URL once created; the URL answers.
      await page.getByRole('button', { name: 'Add check' }).click();
      await page.getByLabel('Check type').selectOption('heartbeat');
      await page.getByLabel('Check name').fill('Nightly backup');
      await page.getByRole('button', { name: 'Create check' }).click();
      const ping = page.getByRole('region', { name: 'Heartbeat ping URL' });
      await ping.waitFor({ timeout: WAIT });
      const pingUrl = (await ping.locator('pre').first().textContent()) ?? '';
      expect(pingUrl).toContain(suite.server.baseUrl);
      expect((await fetch(pingUrl)).status).toBe(200);
      await page.screenshot({ path: `${suite.shots}/checks-service.png`, fullPage: true });

      // The checks page lists both; the check page has a chart and results.
      await page.getByRole('link', { name: 'Checks', exact: true }).first().click();
      await page.getByTestId('check-row').filter({ hasText: 'Nightly backup' }).waitFor({ timeout: WAIT });
      await page.getByRole('link', { name: 'Beacon health' }).click();
      await page.waitForURL(/\/checks\/\d+$/, { timeout: WAIT });
      await expectText(page.getByTestId('check-result'), 'Up');
      await page.getByRole('img', { name: /Latency of the last \d+ runs/ }).waitFor({ timeout: WAIT });
      await page.screenshot({ path: `${suite.shots}/checks-detail.png`, fullPage: true });

      await page.getByRole('button', { name: 'Pause' }).click();
      await expectText(page.getByTestId('check-status'), 'Paused');
      await page.getByRole('button', { name: 'Delete' }).click();
      await page.waitForURL(/\/checks$/, { timeout: WAIT });
      await page.getByTestId('check-row').filter({ hasText: 'Nightly backup' }).waitFor({ timeout: WAIT });
      await page
        .getByTestId('check-row')
        .filter({ hasText: 'Beacon health' })
        .waitFor({ state: 'detached', timeout: WAIT });
    } finally {
      await context.close();
    }
  }, 120_000);
});
