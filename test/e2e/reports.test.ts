import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/schemas/reports.js';
import {
  WAIT,
  apiCall,
  expectCount,
  expectText,
  hasChromium,
  signIn,
  useBrowserSuite,
} from './beacon-server.js';

const SIMILAR = [
  'Checkout fails: payment page shows error 502 when I pay',
  'I cannot pay, the payment step returns a 502 error at checkout',
  'Payment failed with 502 Bad Gateway on the checkout page',
];
const UNRELATED = 'How do I change the billing address on my invoices?';

describe.skipIf(!hasChromium)('customer reports in the browser', () => {
  const suite = useBrowserSuite();

  it('reports cluster into a triage incident that is accepted and lists its affected customers', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const base = suite.server.baseUrl;
    const post = (message: string, n: number) =>
      apiCall<Report>(page, base, 'POST', '/api/v1/reports', {
        name: `Customer ${n}`,
        email: `customer${n}@example.com`,
        message,
      });
    try {
      await signIn(page, base);
      for (const [i, message] of SIMILAR.entries()) await post(message, i + 1);
      const unrelated = await post(UNRELATED, 4);

      // The inbox: three reports linked to one triage incident and why, one not linked.
      await page.getByRole('link', { name: 'Reports', exact: true }).click();
      const rows = page.getByTestId('report-row');
      await expectCount(rows, 4);
      await expectCount(rows.filter({ hasText: 'grouped with similar reports: shared terms' }), 3);
      const unlinkedRow = rows.filter({ hasText: unrelated.ref });
      await expectText(unlinkedRow, 'Not linked');
      await page.getByLabel('Linked').selectOption('unlinked');
      await expectCount(rows, 1);
      await page.getByLabel('Linked').selectOption('');
      await expectCount(rows, 4);
      await page.screenshot({ path: `${suite.shots}/reports-inbox.png`, fullPage: true });

      // The triage queue: the incident with its three reports; accepting it empties the queue.
      await page.getByRole('link', { name: 'Triage queue' }).click();
      const card = page.getByTestId('triage-card');
      await expectCount(card, 1);
      await expectText(card, '3 reports');
      const incidentRef = (await card.locator('.card-title .ref').textContent())?.trim() ?? '';
      expect(incidentRef).toMatch(/^INC-\d+$/);
      await expectText(card, 'Triggered pages the on-call responders');
      await page.screenshot({ path: `${suite.shots}/reports-triage.png`, fullPage: true });
      await card.getByRole('button', { name: 'Accept as Investigating' }).click();
      await expectText(page.locator('.empty'), 'Nothing to triage.');

      // Link the unrelated report by hand through the selection and the incident picker.
      await page.getByRole('link', { name: 'Inbox' }).click();
      await unlinkedRow.getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Link to incident…' }).click();
      const form = page.getByRole('form', { name: `Link ${unrelated.ref}` });
      await form.getByLabel('Find an open incident').fill(incidentRef);
      await form.getByLabel('Incident', { exact: true }).selectOption(incidentRef);
      await form.getByRole('button', { name: 'Link report' }).click();
      await expectText(unlinkedRow, 'linked by');

      // The incident page: investigating, four affected customers, each with why and not told yet.
      await unlinkedRow.getByRole('link', { name: new RegExp(incidentRef) }).click();
      await page.waitForURL(new RegExp(`/incidents/${incidentRef}$`), { timeout: WAIT });
      await expectText(page.getByTestId('status-badge'), 'Investigating');
      const affected = page.getByRole('region', { name: 'Affected customers' });
      await expectCount(affected.getByTestId('affected-customer'), 4);
      await expectText(affected.getByTestId('affected-count'), '4 customers · 4 reports · 0 told');
      await expectText(affected.getByTestId('affected-customer'), 'customer4@example.com');
      await expectText(affected.getByTestId('affected-customer'), 'linked by');
      await expectCount(affected.getByText('Not told yet'), 4);
      await affected.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${suite.shots}/reports-incident.png`, fullPage: true });

      await page.setViewportSize({ width: 390, height: 844 });
      await affected.screenshot({ path: `${suite.shots}/reports-incident-phone.png` });
      await page.goto(`${base}/reports`);
      await expectCount(rows, 4);
      await page.screenshot({ path: `${suite.shots}/reports-inbox-phone.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });
});
