import { describe, expect, it } from 'vitest';
import {
  chromiumPath,
  hasChromium,
  WAIT,
  expectText,
  signIn,
  useBrowserSuite,
  expectExactText,
  expectValue,
  recordCspViolations,
  apiCall,
} from './beacon-server.js';

if (!hasChromium) {
  console.warn(`\n  Browser tests are SKIPPED: ${chromiumPath} not found (apt-get install chromium).\n`);
}

/** Wait until `locator` has an element whose text contains `text`. */

describe.skipIf(!hasChromium)('incident lifecycle in the browser', () => {
  const suite = useBrowserSuite();

  it('declares, acknowledges, notes, resolves and closes an incident', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const cspViolations = await recordCspViolations(context);
    const page = await context.newPage();
    try {
      await signIn(page, suite.server.baseUrl);

      await page.getByRole('link', { name: 'Declare incident' }).first().click();
      await page.getByLabel('Title').fill('Checkout returns 502 for EU customers');
      await page.getByLabel('Summary').fill('Payments API timing out behind the EU load balancer.');
      // The severity proposes impact and urgency; levels chosen by hand stay when it changes.
      await page.getByLabel('Severity').selectOption('SEV1');
      await expectExactText(page.getByTestId('computed-priority'), 'P1');
      await expectValue(page.getByLabel('Impact'), 'high');
      await page.getByLabel('Severity').selectOption('SEV2');
      await expectExactText(page.getByTestId('computed-priority'), 'P2');
      await page.getByLabel('Urgency').selectOption('high');
      await expectExactText(page.getByTestId('computed-priority'), 'P1');
      await page.getByLabel('Severity').selectOption('SEV3');
      await expectExactText(page.getByTestId('computed-priority'), 'P1');
      await page.getByLabel('Severity').selectOption('SEV2');
      await page.getByLabel('Tags').fill('checkout, region:eu');
      await page.getByLabel('Initial status').selectOption('triggered');
      await page.screenshot({ path: `${suite.shots}/declare-form.png`, fullPage: true });
      await page.getByRole('button', { name: 'Declare incident' }).click();

      await page.waitForURL(/\/incidents\/INC-\d+$/, { timeout: WAIT });
      const ref = (await page.getByTestId('incident-ref').textContent()) ?? '';
      expect(ref).toMatch(/^INC-\d+$/);
      await expectText(page.getByTestId('status-badge'), 'Triggered');

      await page.getByRole('link', { name: 'Incidents', exact: true }).first().click();
      const row = page.getByTestId('incident-row').filter({ hasText: 'Checkout returns 502' });
      await row.waitFor({ timeout: WAIT });
      await expectText(row, 'Triggered');
      await page.screenshot({ path: `${suite.shots}/incident-list.png`, fullPage: true });
      await row.getByRole('link').first().click();
      await page.waitForURL(new RegExp(`/incidents/${ref}$`), { timeout: WAIT });

      const timeline = page.getByTestId('timeline-entry');
      await expectText(timeline, 'declared the incident');
      await page.getByRole('button', { name: 'Acknowledge' }).click();
      await expectText(page.getByTestId('status-badge'), 'Investigating');
      await page.locator('[data-kind="acknowledged"]').first().waitFor({ timeout: WAIT });

      await page.getByLabel('Add a note').fill('Rolled back the load balancer config.');
      await page.getByRole('button', { name: 'Add note' }).click();
      await expectText(page.locator('[data-kind="note"]'), 'Rolled back the load balancer config.');

      await page.getByRole('button', { name: 'Resolve', exact: true }).click();
      await page.getByLabel('Resolution summary').fill('Load balancer config restored; errors stopped.');
      await page.getByRole('button', { name: 'Resolve incident' }).click();
      await expectText(page.getByTestId('status-badge'), 'Resolved');
      await page.locator('[data-kind="resolved"]').first().waitFor({ timeout: WAIT });
      await page.screenshot({ path: `${suite.shots}/incident-resolved.png`, fullPage: true });

      // This SEV2 closes without a post-incident review (review.test.ts covers that requirement).
      await apiCall(page, suite.server.baseUrl, 'PATCH', '/api/v1/settings', {
        reviewRequiredSeverities: [],
      });
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      await page.getByLabel('Root cause').fill('A config push removed the EU health check.');
      await page.getByRole('button', { name: 'Close incident' }).click();
      await expectText(page.getByTestId('status-badge'), 'Closed');
      await page.locator('[data-kind="closed"]').first().waitFor({ timeout: WAIT });
      await expectText(page.locator('.prose'), 'A config push removed the EU health check.');
      await page.screenshot({ path: `${suite.shots}/incident-closed.png`, fullPage: true });

      const kinds = await timeline.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-kind')));
      expect(kinds[0]).toBe('declared');
      expect(kinds).toEqual(expect.arrayContaining(['acknowledged', 'note', 'resolved', 'closed']));
      expect(kinds.indexOf('note')).toBeLessThan(kinds.indexOf('resolved'));
      expect(kinds.indexOf('resolved')).toBeLessThan(kinds.indexOf('closed'));

      // Swagger UI works under its own policy too. It draws every operation of the API
      // document in the browser (8–11 s of Chromium time at load 11 on two cores), so it gets
      // its own allowance rather than the 15 s an answer from Beacon gets.
      await page.goto(`${suite.server.baseUrl}/api/docs`);
      await expectText(page.locator('.swagger-ui'), 'Beacon API', 60_000);
      await page.screenshot({ path: `${suite.shots}/api-docs.png` });
      // Everything above ran under the Content-Security-Policy without tripping it.
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('updates the incident list live when an incident is declared elsewhere', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page, suite.server.baseUrl);
      const session = (await (await page.request.get(`${suite.server.baseUrl}/api/v1/session`)).json()) as {
        csrfToken: string;
      };
      const response = await page.request.post(`${suite.server.baseUrl}/api/v1/incidents`, {
        data: { title: 'Search index lagging behind writes', severity: 'SEV3', status: 'triage' },
        headers: { 'x-csrf-token': session.csrfToken },
      });
      expect(response.status()).toBe(201);
      const row = page.getByTestId('incident-row').filter({ hasText: 'Search index lagging' });
      await row.waitFor({ timeout: WAIT });
      await expectText(row, 'Triage');
    } finally {
      await context.close();
    }
  });

  it('fits the incident list on a phone-sized screen', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
    const page = await context.newPage();
    try {
      await signIn(page, suite.server.baseUrl);
      await page.getByRole('link', { name: 'Declare incident' }).first().waitFor({ state: 'attached' });
      // On a phone the filters fold behind a button, so the incidents come first. Banners above
      // the list arrive with their own data and move it: the keyboard opens the fold wherever it is.
      await page.getByRole('button', { name: 'Filters' }).press('Enter');
      await page.getByRole('button', { name: 'Hide filters' }).waitFor();
      await page.getByRole('combobox', { name: 'Open or closed' }).selectOption('');
      await page.getByTestId('incident-row').first().waitFor({ timeout: WAIT });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await page.screenshot({ path: `${suite.shots}/phone-list.png`, fullPage: true });
      expect(overflow).toBeLessThanOrEqual(0);
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('link', { name: 'Services' }).waitFor({ state: 'visible', timeout: WAIT });
      await page.screenshot({ path: `${suite.shots}/phone-menu.png` });
    } finally {
      await context.close();
    }
  });
});
