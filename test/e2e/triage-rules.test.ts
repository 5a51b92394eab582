import { describe, expect, it } from 'vitest';
import {
  hasChromium,
  WAIT,
  apiCall,
  expectCount,
  expectText,
  signIn,
  useBrowserSuite,
} from './beacon-server.js';

describe.skipIf(!hasChromium)('triage rules in the browser', () => {
  const suite = useBrowserSuite();

  it('writes a rule set in the editor, reorders its rules, dry-runs it over stored alerts and saves it', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      const base = suite.server.baseUrl;
      await signIn(page, base);
      const service = await apiCall<{ id: number }>(page, base, 'POST', '/api/v1/services', {
        name: 'database',
      });
      const integration = await apiCall<{ key: string }>(
        page,
        base,
        'POST',
        `/api/v1/services/${String(service.id)}/integrations`,
        { type: 'alertmanager', name: 'Prometheus' },
      );
      const posted = await page.request.post(
        `${base}/integrations/alertmanager/${integration.key}/api/v2/alerts`,
        {
          data: [
            {
              labels: { alertname: 'PostgresDown', env: 'prod' },
              annotations: { summary: 'Postgres is down' },
            },
            {
              labels: { alertname: 'DiskFull', env: 'staging' },
              annotations: { summary: 'Staging disk full' },
            },
          ],
        },
      );
      expect(posted.status()).toBe(200);

      await page.locator('summary', { hasText: 'Learn' }).click();
      await page.getByRole('menuitem', { name: 'Triage rules', exact: true }).click();
      await page.getByRole('button', { name: 'New rule set' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Production');
      await page.getByRole('button', { name: 'Add rule' }).click();
      await page.getByRole('button', { name: 'Add rule' }).click();

      const first = page.getByRole('region', { name: 'Rule 1' });
      await first.getByLabel('Rule name').fill('Prod database');
      await first.getByRole('button', { name: 'Add condition' }).click();
      await first.getByLabel('Name', { exact: true }).fill('env');
      await first.getByLabel('Value').fill('prod');
      await first.getByLabel('Severity').selectOption('SEV1');

      const second = page.getByRole('region', { name: 'Rule 2' });
      await second.getByLabel('Rule name').fill('Drop staging');
      await second.getByRole('button', { name: 'Add condition' }).click();
      await second.getByLabel('Name', { exact: true }).fill('env');
      await second.getByLabel('Value').fill('staging');
      await second.getByLabel('Suppress').check();
      // Suppression first: move the second rule up.
      await second.getByRole('button', { name: 'Move rule up' }).click();
      await expect
        .poll(() => page.getByRole('region', { name: 'Rule 1' }).getByLabel('Rule name').inputValue(), {
          timeout: WAIT,
        })
        .toBe('Drop staging');

      await page.getByRole('button', { name: 'Dry run' }).click();
      const dryRun = page.getByRole('region', { name: 'Dry run' });
      await expectText(dryRun, '2 would change');
      const rows = dryRun.locator('tbody tr');
      await expectCount(rows, 2);
      await expectText(rows.filter({ hasText: 'Staging disk full' }), 'suppressed');
      await expectText(rows.filter({ hasText: 'Postgres is down' }), 'SEV1 P1');
      await page.screenshot({ path: `${suite.shots}/triage-rules-dry-run.png`, fullPage: true });

      await page.getByRole('button', { name: 'Save rule set' }).click();
      const card = page.getByTestId('triage-rule-set').filter({ hasText: 'Production' });
      await expectText(card, 'v1');
      await expectText(card.locator('li').first(), 'Drop staging');
      await expectText(card, 'label env equals "prod"');
      const saved = await apiCall<{ items: { rules: { name: string; actions: { suppress: boolean } }[] }[] }>(
        page,
        base,
        'GET',
        '/api/v1/triage-rules',
      );
      expect(saved.items[0]?.rules.map((r) => [r.name, r.actions.suppress])).toEqual([
        ['Drop staging', true],
        ['Prod database', false],
      ]);

      await page.setViewportSize({ width: 390, height: 844 });
      await card.getByRole('button', { name: 'Edit' }).click();
      await page.getByRole('button', { name: 'Dry run' }).click();
      await expectCount(page.getByRole('region', { name: 'Dry run' }).locator('tbody tr'), 2);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${suite.shots}/triage-rules-phone.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });
});
