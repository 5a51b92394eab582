import { describe, expect, it } from 'vitest';
import { WAIT, expectText, hasChromium, signIn, useBrowserSuite } from './beacon-server.js';

const MIN = 60_000;

describe.skipIf(!hasChromium)('the metrics page', () => {
  const suite = useBrowserSuite();

  it('shows response times, trend charts, counts and a CSV of the chosen filters, on a laptop and a phone', async () => {
    const base = suite.server.baseUrl;
    const context = await suite.browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    try {
      await signIn(page, base);
      const { csrfToken } = (await (await page.request.get(`${base}/api/v1/session`)).json()) as {
        csrfToken: string;
      };
      const headers = { 'x-csrf-token': csrfToken };
      const post = async (url: string, data: unknown) => {
        const res = await page.request.post(`${base}${url}`, { data, headers });
        expect(res.status(), await res.text()).toBeLessThan(300);
        return (await res.json()) as { id: number; number: number };
      };
      const team = await post('/api/v1/teams', { name: 'Payments' });
      const service = await post('/api/v1/services', { name: 'checkout', ownerTeamId: team.id });
      // Three incidents whose impact began 4, 12 and 30 minutes before they were declared.
      for (const [index, detectMinutes] of [4, 12, 30].entries()) {
        const now = Date.now();
        const incident = await post('/api/v1/incidents', {
          title: `Checkout errors ${index + 1}`,
          severity: index === 0 ? 'SEV1' : 'SEV2',
          serviceIds: [service.id],
          startedAt: new Date(now - detectMinutes * MIN).toISOString(),
        });
        if (index < 2)
          await post(`/api/v1/incidents/${incident.number}/resolve`, { resolutionSummary: 'Rolled back' });
      }

      // The figures move with the next rollup round (every few seconds), not with the writes.
      await expect
        .poll(
          async () =>
            ((await (await page.request.get(`${base}/api/v1/metrics`)).json()) as { incidents: number })
              .incidents,
          { timeout: WAIT },
        )
        .toBe(3);
      await page.goto(`${base}/reliability`);
      const mttd = page.getByRole('region', { name: 'Time to detect' });
      // detect [4, 12, 30] min: median 12 min, p90 (rank 3) 30 min.
      await expectText(mttd, '12 min');
      await expectText(mttd, 'p90 30 min');
      await expect.poll(() => page.locator('canvas[role="img"]').count(), { timeout: WAIT }).toBe(2);
      await expectText(page.getByRole('region', { name: 'By service' }), 'checkout');
      await page.screenshot({ path: `${suite.shots}/metrics-desktop.png`, fullPage: true });

      // Filtering by severity keeps only the SEV1 incident: its detection took 4 minutes.
      await page.getByLabel('Severity', { exact: true }).selectOption('SEV1');
      await expectText(mttd, '4 min');
      await expectText(mttd, '1 incidents');

      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Download CSV' }).click();
      const file = await (await download).path();
      const { readFile } = await import('node:fs/promises');
      const csv = await readFile(file, 'utf8');
      expect(csv).toContain('summary,,incidents,1');
      expect(csv).toContain('duration,detect,median_seconds,240');

      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByLabel('Severity', { exact: true }).selectOption('');
      await expectText(mttd, '12 min');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await page.screenshot({ path: `${suite.shots}/metrics-phone.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });
});
