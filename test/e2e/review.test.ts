import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Incident } from '../../src/core/schemas/incident.js';
import type { Review } from '../../src/core/schemas/reviews.js';
import {
  WAIT,
  apiCall,
  chromiumPath,
  expectText,
  hasChromium,
  recordCspViolations,
  signIn,
  useBrowserSuite,
} from './beacon-server.js';

if (!hasChromium) {
  console.warn(`\n  Browser tests are SKIPPED: ${chromiumPath} not found (apt-get install chromium).\n`);
}

describe.skipIf(!hasChromium)('post-incident review in the browser', () => {
  const suite = useBrowserSuite();

  it('resolves a SEV1, edits its drafted review, publishes it and then closes the incident', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const cspViolations = await recordCspViolations(context);
    const page = await context.newPage();
    const baseUrl = suite.server.baseUrl;
    try {
      await signIn(page, baseUrl);
      const incident = await apiCall<Incident>(page, baseUrl, 'POST', '/api/v1/incidents', {
        title: 'Card payments <b>fail</b>',
        severity: 'SEV1',
        summary: 'Card payments time out.',
        status: 'triggered',
      });
      await apiCall(page, baseUrl, 'POST', `/api/v1/incidents/${incident.ref}/acknowledge`, {});
      await page.goto(`${baseUrl}/incidents/${incident.ref}`);

      // Resolve in the UI: the review is drafted from the timeline.
      await page.getByRole('button', { name: 'Resolve', exact: true }).click();
      await page.getByLabel('Resolution summary').fill('Rolled the payments deploy back.');
      await page.getByRole('button', { name: 'Resolve incident' }).click();
      await expectText(page.getByTestId('status-badge'), 'Resolved');
      await page.getByRole('link', { name: 'Open review' }).click();
      await page.waitForURL(new RegExp(`/incidents/${incident.ref}/review$`), { timeout: WAIT });
      const preview = page.locator('.review-preview');
      await expectText(
        preview.locator('h1'),
        `${incident.ref}: Card payments <b>fail</b> — post-incident review`,
      );
      // User text stays text: no element was made from the title.
      expect(await preview.locator('h1 b').count()).toBe(0);
      await expectText(preview, 'until it was resolved at');
      await expectText(preview, 'Acknowledged by');
      await expectText(preview, 'Time to resolve (from impact)');
      await expectText(page.locator('.review-save-state'), 'Draft from the incident');

      // Closing is refused while the review is unpublished, naming the review.
      const refused = await page.request.post(`${baseUrl}/api/v1/incidents/${incident.ref}/close`, {
        data: { rootCause: 'A retry storm' },
        headers: { 'x-csrf-token': await csrf(page, baseUrl) },
      });
      expect(refused.status()).toBe(400);
      expect(
        ((await refused.json()) as { errors: { field: string }[] }).errors.map((e) => e.field),
      ).toContain('review');

      // Edit: autosaved after typing stops.
      const editor = page.getByLabel('Review text (Markdown)');
      const text = await editor.inputValue();
      await editor.fill(
        text.replace(
          '_Add what could have made this worse',
          'It happened at night, with **low** traffic. _Add',
        ),
      );
      await expectText(page.locator('.review-save-state'), 'Saved · version 1');
      await expectText(preview.locator('strong'), 'low');
      await page.screenshot({ path: `${suite.shots}/review-editor.png`, fullPage: true });

      // Someone else saves meanwhile: the next save shows the conflict, and "take theirs" wins.
      const current = await apiCall<Review>(page, baseUrl, 'GET', `/api/v1/incidents/${incident.ref}/review`);
      await apiCall(page, baseUrl, 'PUT', `/api/v1/incidents/${incident.ref}/review`, {
        body: `${current.body}\nA line from a colleague.`,
        version: current.version,
      });
      await editor.fill(`${await editor.inputValue()}\nMy own line.`);
      await expectText(page.locator('.review-conflict'), 'while you were editing');
      await page.screenshot({ path: `${suite.shots}/review-conflict.png`, fullPage: true });
      await page.getByRole('button', { name: 'Take theirs' }).click();
      await expectText(preview, 'A line from a colleague.');
      expect(await editor.inputValue()).not.toContain('My own line.');

      // Send for review to myself (the admin), approve, publish.
      await page.getByRole('button', { name: 'Send for review…' }).click();
      await page.locator('.review-picker').getByLabel('Admin').check();
      await page.locator('.review-picker').getByRole('button', { name: 'Send for review' }).click();
      await expectText(page.locator('.review-workflow'), 'In review');
      await page.getByRole('button', { name: 'Approve' }).click();
      await expectText(page.locator('.review-workflow'), 'approved');
      await page.getByRole('button', { name: 'Publish' }).click();
      await expectText(page.locator('.review-workflow'), 'Published');
      await page.screenshot({ path: `${suite.shots}/review-published.png`, fullPage: true });

      // The list shows it; the phone width shows the same page stacked.
      await page.locator('summary', { hasText: 'Learn' }).click();
      await page.getByRole('menuitem', { name: 'Reviews', exact: true }).click();
      const row = page.locator('tr').filter({ hasText: incident.ref });
      await expectText(row, 'Published');
      await page.screenshot({ path: `${suite.shots}/reviews-list.png`, fullPage: true });

      // With the review published, the incident closes.
      await page.goto(`${baseUrl}/incidents/${incident.ref}`);
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      await page.getByLabel('Root cause').fill('A retry storm after the deploy.');
      await page.getByRole('button', { name: 'Close incident' }).click();
      await expectText(page.getByTestId('status-badge'), 'Closed');
      await page.locator('[data-kind="review_state_changed"]').first().waitFor({ timeout: WAIT });
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('fits a phone: the editor and preview are tabs, the export is a Markdown file', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    const baseUrl = suite.server.baseUrl;
    try {
      await signIn(page, baseUrl);
      const incident = await apiCall<Incident>(page, baseUrl, 'POST', '/api/v1/incidents', {
        title: 'Search is slow',
        severity: 'SEV2',
      });
      await apiCall(page, baseUrl, 'POST', `/api/v1/incidents/${incident.ref}/resolve`, {
        resolutionSummary: 'Index rebuilt',
      });
      await page.goto(`${baseUrl}/incidents/${incident.ref}/review`);
      const editor = page.getByLabel('Review text (Markdown)');
      await editor.waitFor({ timeout: WAIT });
      expect(await page.locator('.review-preview').isVisible()).toBe(false);
      await page.screenshot({ path: `${suite.shots}/review-phone-write.png`, fullPage: true });
      await page.getByRole('tab', { name: 'Preview' }).click();
      await expectText(page.locator('.review-preview'), 'Search is slow');
      expect(await editor.isVisible()).toBe(false);
      await page.screenshot({ path: `${suite.shots}/review-phone-preview.png`, fullPage: true });
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Export Markdown' }).click();
      expect((await download).suggestedFilename()).toBe(`${incident.ref}-review.md`);
    } finally {
      await context.close();
    }
  }, 120_000);
});

async function csrf(page: Page, baseUrl: string): Promise<string> {
  const session = (await (await page.request.get(`${baseUrl}/api/v1/session`)).json()) as {
    csrfToken: string;
  };
  return session.csrfToken;
}
