import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/core/schemas/incident.js';
import { WAIT, apiCall, expectText, hasChromium, signIn, useBrowserSuite } from './beacon-server.js';

// An Alertmanager webhook notification for one full disk, as Alertmanager sends it.
const diskFull = {
  receiver: 'beacon',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'DiskFull', instance: 'db-1', severity: 'critical' },
      annotations: { summary: 'Disk /var on db-1 is 99% full' },
      startsAt: new Date().toISOString(),
      endsAt: '0001-01-01T00:00:00Z',
      fingerprint: '5f1e2d3c4b5a6978',
    },
  ],
  groupLabels: { alertname: 'DiskFull' },
  commonLabels: { alertname: 'DiskFull' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager.example.com:9093',
  version: '4',
  groupKey: '{}:{alertname="DiskFull"}',
  truncatedAlerts: 0,
};

describe.skipIf(!hasChromium)('an alert still firing on a closed incident', () => {
  const suite = useBrowserSuite();

  it('shows on the closed incident, with the incident it opened again', async () => {
    const { baseUrl } = suite.server;
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await signIn(page, baseUrl);
      const service = await apiCall<{ id: number }>(page, baseUrl, 'POST', '/api/v1/services', {
        name: 'database',
      });
      const { key } = await apiCall<{ key: string }>(
        page,
        baseUrl,
        'POST',
        `/api/v1/services/${service.id}/integrations`,
        { type: 'alertmanager', name: 'Alertmanager' },
      );
      const notify = async () => {
        const response = await fetch(`${baseUrl}/integrations/alertmanager-webhook/${key}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(diskFull),
        });
        expect(response.status).toBe(200);
      };
      const incidents = async () =>
        (await apiCall<{ items: Incident[] }>(page, baseUrl, 'GET', '/api/v1/incidents?sort=oldest')).items;

      // Closed without a post-incident review (review.test.ts covers that requirement).
      await apiCall(page, baseUrl, 'PATCH', '/api/v1/settings', { reviewRequiredSeverities: [] });
      await notify();
      const [first] = await incidents();
      if (!first) throw new Error('no incident opened');
      // Resolved and closed by hand while the disk is still full…
      await apiCall(page, baseUrl, 'POST', `/api/v1/incidents/${first.ref}/resolve`, {
        resolutionSummary: 'Rotated the logs',
      });
      await apiCall(page, baseUrl, 'POST', `/api/v1/incidents/${first.ref}/close`, {
        rootCause: 'Log growth',
      });
      // …so Alertmanager's next repeat opens a new incident.
      await notify();
      const second = (await incidents()).find((i) => i.ref !== first.ref);
      if (!second) throw new Error('no second incident opened');

      await page.goto(`${baseUrl}/incidents/${first.ref}`);
      await expectText(page.getByTestId('status-badge'), 'Closed');
      const firing = page.getByTestId('still-firing-alert');
      await expectText(firing, 'DiskFull: Disk /var on db-1 is 99% full');
      await expectText(firing, `now in ${second.ref}`);
      await expectText(page.locator('[data-kind="alerts_resolved"]'), 'Resolved its open alert: DiskFull');
      await page.screenshot({ path: `${suite.shots}/still-firing-desktop.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await expectText(firing, `now in ${second.ref}`);
      await page.screenshot({ path: `${suite.shots}/still-firing-phone.png` });

      // The link leads to where the alert is firing now; that open incident shows no warning.
      await firing.getByRole('link', { name: second.ref }).click();
      await page.waitForURL(new RegExp(`/incidents/${second.ref}$`), { timeout: WAIT });
      await expectText(page.getByTestId('incident-alert'), 'Disk /var on db-1 is 99% full');
      await expect.poll(() => page.getByTestId('still-firing-alert').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
