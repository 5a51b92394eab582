import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StatusApp, createStatusApp } from '../support/status/status-app.js';
import { chromiumArgs, chromiumPath, ensureScreenshotDir, hasChromium } from './beacon-server.js';

// The status page on a fixture snapshot, in a real Beacon app on loopback, read by Chromium
// with JavaScript turned off: everything must be there without a script.
describe.skipIf(!hasChromium)('status page in Chromium, JavaScript off', () => {
  let env: StatusApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    env = await createStatusApp('sqlite');
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await env?.db.drop();
  });

  it('renders the banner, incidents, components and bars, styled, and reaches history by keyboard', async () => {
    if (!browser || !env) throw new Error('not started');
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
    });
    const response = await page.goto(`${env.baseUrl}/status`);
    expect(response?.status()).toBe(200);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Minor Service Outage');
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('contentinfo').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Slow API responses' }).count()).toBe(1);
    expect(await page.getByText('Degraded performance').count()).toBe(1);
    expect(await page.getByRole('img', { name: /API: uptime over the last 90 days/ }).count()).toBe(1);
    // The inline stylesheet applied (its hash is in the CSP): the banner has its colour.
    const banner = page.locator('.banner');
    expect(await banner.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(138, 90, 0)');
    expect(cspErrors).toEqual([]);
    await page.screenshot({
      path: path.join(ensureScreenshotDir(), 'status-page-phone.png'),
      fullPage: true,
    });
    // Keyboard: the skip link comes first, then the page's name.
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Skip to content');
    await page.getByRole('link', { name: 'Incident history' }).first().press('Enter');
    await page.waitForURL(`${env.baseUrl}/status/history`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Incident history');
    await context.close();
  });
});
