import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/core/schemas/incident.js';
import type { Service } from '../../src/core/schemas/catalog.js';
import { apiCall, expectCount, expectText, hasChromium, signIn, useBrowserSuite } from './beacon-server.js';

describe.skipIf(!hasChromium)('similar incidents in the browser', () => {
  const suite = useBrowserSuite();

  it('shows similar past incidents with why and how they ended, marks a recurrence and undoes it', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const base = suite.server.baseUrl;
    try {
      await signIn(page, base);
      const service = await apiCall<Service>(page, base, 'POST', '/api/v1/services', { name: 'payments-db' });
      const declare = (title: string, summary: string) =>
        apiCall<Incident>(page, base, 'POST', '/api/v1/incidents', {
          title,
          summary,
          serviceIds: [service.id],
          category: 'outage',
        });
      const earlier = await declare(
        'Payments database out of disk space',
        'Writes fail with no space left on device on the payments primary.',
      );
      await apiCall(page, base, 'POST', `/api/v1/incidents/${earlier.ref}/resolve`, {
        resolutionSummary: 'Dropped the stale replication slot and grew the volume.',
        rootCause: 'An abandoned replication slot retained WAL until the disk filled.',
        version: earlier.version,
      });
      await declare('Checkout latency high', 'Slow tax provider.');
      const current = await declare(
        'Disk full on the payments Postgres primary',
        'Inserts rejected: no space left on device.',
      );

      await page.goto(`${base}/incidents/${current.ref}`);
      const panel = page.getByRole('region', { name: 'Similar incidents' });
      const first = panel.getByTestId('similar-incident').first();
      await expectText(first, earlier.ref);
      await expectText(first, 'same service payments-db');
      await expectText(first, 'Root cause: An abandoned replication slot');
      await expectText(first, 'Resolution: Dropped the stale replication slot');
      await page.screenshot({ path: `${suite.shots}/similar-incidents.png`, fullPage: true });

      await first.getByRole('button', { name: `Mark as a recurrence of ${earlier.ref}` }).click();
      await expectText(panel.getByTestId('recurrence-mark'), `Recurrence of ${earlier.ref}`);
      await expectText(first, 'Recurrence of this');
      await expectCount(panel.getByRole('button', { name: /Mark as a recurrence/ }), 0);
      await expectText(
        page.getByTestId('timeline-entry').filter({ hasText: 'marked a recurrence' }),
        earlier.ref,
      );

      await page.setViewportSize({ width: 390, height: 844 });
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${suite.shots}/similar-incidents-phone.png`, fullPage: true });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);

      await panel.getByRole('button', { name: 'Undo' }).click();
      await expectCount(panel.getByTestId('recurrence-mark'), 0);
      await expectCount(panel.getByRole('button', { name: /Mark as a recurrence/ }), 2);

      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${base}/services/${service.id}`);
      await expectText(page.getByRole('region', { name: 'Repeat incidents' }), 'repeated an earlier one');
      await page.screenshot({ path: `${suite.shots}/service-repeats.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });
});
