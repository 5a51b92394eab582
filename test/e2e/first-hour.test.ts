import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Alert, IntegrationWithKey } from '../../src/core/schemas/alerting.js';
import { LEAVE_PROMPT } from '../../src/web/components/unsaved-changes.js';
import {
  WAIT,
  apiCall,
  expectExactText,
  expectText,
  expectValue,
  freePort,
  hasChromium,
  signIn,
  useBrowserSuite,
} from './beacon-server.js';

const run = promisify(execFile);

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const SIZES = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const;

/** The curl example of each integration format, by the title its setup panel gives it. */
const CURL_EXAMPLES = [
  ['alertmanager', 'Alertmanager API v2 (curl)', 'CPU above 90% on web-1'],
  ['pagerduty', 'PagerDuty Events API v2 (curl)', 'CPU above 90% on web-1'],
  ['opsgenie', 'Opsgenie Alert API (curl)', 'CPU above 90% on web-1'],
  ['generic', 'Trigger an alert (curl)', 'CPU above 90% on web-1'],
  ['email', 'Send a test mail (curl)', 'Disk almost full on db-1'],
] as const;

/** Answer the next dialog (accept or dismiss) and resolve with its type and message. */
function nextDialog(page: Page, isAccepted: boolean): Promise<{ type: string; message: string }> {
  return new Promise((resolve) => {
    page.once('dialog', (dialog) => {
      resolve({ type: dialog.type(), message: dialog.message() });
      void (isAccepted ? dialog.accept() : dialog.dismiss());
    });
  });
}

/** How far the page is wider than the screen (0 when nothing sticks out sideways). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe.skipIf(!hasChromium)('the first hour and daily use', () => {
  let smtpPort = 0;
  beforeAll(async () => {
    smtpPort = await freePort();
  });
  const suite = useBrowserSuite(() => ({ BEACON_SMTP_LISTEN: `127.0.0.1:${smtpPort}` }));

  it('walks a fresh install through the checklist, ticked from what exists, with a test alert', async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    try {
      const base = suite.server.baseUrl;
      await signIn(page, base);
      const checklist = page.getByRole('region', { name: 'Getting started' });
      await expectExactText(checklist.getByTestId('getting-started-progress'), '0 of 7 done');

      // A service made in the UI ticks the first step: the list reads the state, not the click.
      await checklist.getByRole('link', { name: 'Add a service' }).click();
      await page.getByRole('button', { name: 'New service' }).click();
      await page.getByLabel('Name').fill('checkout-api');
      await page.getByRole('button', { name: 'Create service' }).click();
      await page.getByRole('link', { name: 'checkout-api' }).waitFor({ timeout: WAIT });
      await page.getByRole('link', { name: 'Incidents', exact: true }).first().click();
      await expectExactText(checklist.getByTestId('getting-started-progress'), '1 of 7 done');
      await expectText(checklist.getByTestId('step-service'), 'Add a service');
      expect(await checklist.getByTestId('step-service').getAttribute('aria-label')).toBe(
        'Add a service: done',
      );

      const services = await apiCall<{ items: Array<{ id: number }> }>(page, base, 'GET', '/api/v1/services');
      const serviceId = services.items[0]?.id ?? 0;
      await apiCall(page, base, 'POST', `/api/v1/services/${serviceId}/integrations`, {
        type: 'alertmanager',
        name: 'Prometheus',
      });
      await page.reload();
      await expectExactText(checklist.getByTestId('getting-started-progress'), '2 of 7 done');

      // "Send test alert" goes through the pipeline: an alert, an incident, the step ticked. With
      // an incident to show, the list keeps the checklist to one line above it.
      await checklist.getByRole('button', { name: 'Send test alert' }).click();
      await expectText(page.getByTestId('incident-row'), 'Test alert from Prometheus, sent by Admin');
      await expectText(page.locator('.getting-started-line'), '3 of 7 done · next: set up who is on call');
      const alerts = await apiCall<{ items: Alert[] }>(page, base, 'GET', '/api/v1/alerts');
      expect(alerts.items.map((a) => a.labels.alertname)).toEqual(['BeaconTestAlert']);
      await page.getByRole('link', { name: 'Getting started' }).click();
      await expectExactText(checklist.getByTestId('getting-started-progress'), '3 of 7 done');
      expect(await checklist.getByTestId('step-testAlert').getAttribute('aria-label')).toBe(
        'Send a test alert: done',
      );

      // Another test alert joins the open incident, and says why nobody is paged again.
      await checklist.getByRole('button', { name: 'Send test alert' }).click();
      await expectText(checklist.getByRole('status'), 'it joined INC-1, which is already open');
      await page.screenshot({ path: `${suite.shots}/first-hour-checklist.png`, fullPage: true });
      await page.getByRole('link', { name: 'Incidents', exact: true }).first().click();
      await page.getByRole('link', { name: 'Getting started' }).waitFor({ timeout: WAIT });
      await page.goto(`${base}/getting-started`);

      // Hidden from the incident list, still on its own page, and back on request.
      await checklist.getByRole('button', { name: 'Hide checklist' }).click();
      await checklist.getByRole('button', { name: 'Show on the incident list' }).waitFor({ timeout: WAIT });
      await page.getByRole('link', { name: 'Incidents', exact: true }).first().click();
      await page.getByTestId('incident-row').first().waitFor({ timeout: WAIT });
      expect(await page.locator('.getting-started-line').count()).toBe(0);
      await page.getByLabel('Account menu').click();
      await page.getByRole('menuitem', { name: 'Getting started' }).click();
      await expectExactText(checklist.getByTestId('getting-started-progress'), '3 of 7 done');
      await checklist.getByRole('button', { name: 'Show on the incident list' }).click();
      await checklist.getByRole('button', { name: 'Hide checklist' }).waitFor({ timeout: WAIT });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('gives a curl example for every format that works as pasted, with the key put in', async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    try {
      const base = suite.server.baseUrl;
      await signIn(page, base);
      for (const [type, title, summary] of CURL_EXAMPLES) {
        const service = await apiCall<{ id: number }>(page, base, 'POST', '/api/v1/services', {
          name: `curl-${type}`,
        });
        const integration = await apiCall<IntegrationWithKey>(
          page,
          base,
          'POST',
          `/api/v1/services/${service.id}/integrations`,
          { type, name: `${type} sender` },
        );
        await page.goto(`${base}/services/${service.id}?tab=integrations`);
        await page.getByRole('button', { name: 'Set up' }).click();
        const example = page.getByTestId('setup-panel').getByLabel(title, { exact: true });
        const code = (await example.textContent()) ?? '';
        expect(code, type).toContain('<integration-key>');
        expect(code, type).toContain(type === 'email' ? `smtp://127.0.0.1:${smtpPort}` : base);
        await run('sh', ['-c', code.replaceAll('<integration-key>', integration.key)], { timeout: 30_000 });
        await expect
          .poll(
            async () =>
              (
                await apiCall<{ items: Alert[] }>(page, base, 'GET', `/api/v1/alerts?serviceId=${service.id}`)
              ).items.map((a) => a.summary),
            { timeout: WAIT, message: `alert from the ${type} example` },
          )
          .toEqual([summary]);
      }
    } finally {
      await context.close();
    }
  }, 180_000);

  it('shows the first incidents in the first screen of a phone, filters folded', async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    try {
      await signIn(page, suite.server.baseUrl);
      for (let i = 1; i <= 6; i++)
        await apiCall(page, suite.server.baseUrl, 'POST', '/api/v1/incidents', {
          title: `Checkout latency above 2 s in region ${i}, with a title long enough to wrap`,
        });
    } finally {
      await context.close();
    }
    for (const [size, viewport] of SIZES) {
      const sized = await suite.browser.newContext({ viewport, isMobile: size === 'phone' });
      const page = await sized.newPage();
      try {
        await signIn(page, suite.server.baseUrl);
        const firstRow = page.getByTestId('incident-row').first();
        await firstRow.waitFor({ timeout: WAIT });
        const box = await firstRow.boundingBox();
        expect(box, size).not.toBeNull();
        expect((box?.y ?? 0) + (box?.height ?? 0), size).toBeLessThanOrEqual(viewport.height);
        const search = page.getByRole('searchbox', { name: 'Search' });
        const toggle = page.getByRole('button', { name: 'Filters' });
        if (size === 'phone') {
          expect(await search.isVisible()).toBe(false);
          await toggle.click();
          await search.fill('region 3');
          await expectExactText(page.getByRole('button', { name: /Hide filters/ }), 'Hide filters (1 on)');
          await expectText(page.getByTestId('incident-row'), 'region 3');
        } else {
          expect(await toggle.isVisible()).toBe(false);
          expect(await search.isVisible()).toBe(true);
        }
        expect(await sidewaysOverflow(page), size).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${suite.shots}/first-hour-list-${size}.png` });

        // A tab bar scrolls sideways; no label is cut.
        await page.goto(`${suite.server.baseUrl}/services/1`);
        const tabs = page.getByRole('navigation', { name: 'Service sections' });
        await tabs.waitFor({ timeout: WAIT });
        const fit = await tabs.evaluate((nav) => ({
          cut: [...nav.querySelectorAll<HTMLElement>('.tab')]
            .filter((tab) => tab.scrollWidth > tab.clientWidth)
            .map((tab) => tab.textContent),
          scrolls: getComputedStyle(nav).overflowX === 'auto',
        }));
        expect(fit, size).toEqual({ cut: [], scrolls: true });
        expect(await sidewaysOverflow(page), size).toBeLessThanOrEqual(0);
      } finally {
        await sized.close();
      }
    }
  }, 120_000);

  for (const [size, viewport] of SIZES) {
    it(`asks before unsaved text is lost and counts instead of cutting (${size})`, async () => {
      const context = await suite.browser.newContext({ viewport, isMobile: size === 'phone' });
      const page = await context.newPage();
      try {
        const base = suite.server.baseUrl;
        await signIn(page, base);
        const before = await apiCall<{ items: unknown[] }>(page, base, 'GET', '/api/v1/incidents?limit=200');

        // Pasting a title over the limit keeps every character and shows the count.
        await page.goto(`${base}/incidents/new`);
        const title = page.getByLabel('Title', { exact: true });
        await title.fill('x'.repeat(250));
        await expectValue(title, 'x'.repeat(250));
        await expectExactText(page.getByTestId('length-count'), '250 / 200');
        await expectText(page.locator('.field-error'), 'Too long by 50 characters');
        await page.screenshot({ path: `${suite.shots}/first-hour-counter-${size}.png` });
        await page.getByRole('button', { name: 'Declare incident', exact: true }).click();
        await expectText(page.locator('.field-error'), 'Title must be at most 200 characters');
        await expectValue(title, 'x'.repeat(250));

        // Leaving through a link asks first; staying keeps the text, leaving goes.
        let dialog = nextDialog(page, false);
        await page.getByRole('link', { name: 'Beacon', exact: true }).click();
        expect(await dialog).toEqual({ type: 'confirm', message: LEAVE_PROMPT });
        expect(new URL(page.url()).pathname).toBe('/incidents/new');
        await expectValue(title, 'x'.repeat(250));
        dialog = nextDialog(page, true);
        await page.getByRole('link', { name: 'Beacon', exact: true }).click();
        await dialog;
        await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: WAIT });
        const after = await apiCall<{ items: unknown[] }>(page, base, 'GET', '/api/v1/incidents?limit=200');
        expect(after.items).toHaveLength(before.items.length);

        // A half-written note: the back button asks too, and closing the tab gets the browser's prompt.
        await page.locator('a[href="/incidents/INC-1"]').first().click();
        await page.getByLabel('Add a note').fill('Rolled back web-3; watching');
        dialog = nextDialog(page, false);
        await page.evaluate(() => window.history.back());
        expect((await dialog).message).toBe(LEAVE_PROMPT);
        await expectValue(page.getByLabel('Add a note'), 'Rolled back web-3; watching');
        dialog = nextDialog(page, false);
        await page.close({ runBeforeUnload: true });
        expect((await dialog).type).toBe('beforeunload');

        // A saved note leaves nothing to lose: no prompt.
        const next = await context.newPage();
        await next.goto(`${base}/incidents/INC-1`);
        await next.getByLabel('Add a note').fill('Error rate back to normal');
        await next.getByRole('button', { name: 'Add note' }).click();
        await expectText(next.locator('.tl-note'), 'Error rate back to normal');
        await next.getByRole('link', { name: 'Beacon', exact: true }).click();
        await next.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: WAIT });

        // Cut text ends with an ellipsis, shows whole on hover and unfolds on a click.
        await next.goto(`${base}/admin/audit`);
        const details = next.locator('.audit-data .clip').first();
        await details.waitFor({ timeout: WAIT });
        const whole = (await details.textContent()) ?? '';
        expect(await details.getAttribute('title')).toBe(whole);
        expect(await details.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');
        await details.click();
        await expect
          .poll(() => details.getAttribute('aria-expanded'), { timeout: WAIT, message: 'details unfolded' })
          .toBe('true');
      } finally {
        await context.close();
      }
    }, 120_000);
  }
});
