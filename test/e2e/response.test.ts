import { describe, it } from 'vitest';
import {
  hasChromium,
  WAIT,
  expectChecked,
  expectCount,
  expectText,
  signIn,
  useBrowserSuite,
} from './beacon-server.js';

describe.skipIf(!hasChromium)('response plans, tasks and roles in the browser', () => {
  const suite = useBrowserSuite();

  it('creates a plan, declares a matching incident, ticks a task and assigns a role', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page, suite.server.baseUrl);

      await page.getByRole('link', { name: 'Plans', exact: true }).click();
      await page.getByRole('button', { name: 'New plan' }).click();
      await page.getByLabel('Plan name').fill('Major incident');
      await page.getByLabel('Task 1', { exact: true }).fill('Open a bridge call');
      await page.getByLabel('For role').first().selectOption('commander');
      await page.getByLabel('Due (min)').first().fill('5');
      await page.getByRole('button', { name: 'Add task' }).click();
      await page.getByLabel('Task 2', { exact: true }).fill('Post a first status update');
      await page.getByLabel('For role').nth(1).selectOption('communications');
      await page.getByRole('checkbox', { name: 'SEV1' }).check();
      await page.screenshot({ path: `${suite.shots}/response-plan-form.png`, fullPage: true });
      await page.getByRole('button', { name: 'Create plan' }).click();
      const plan = page.getByTestId('plan').filter({ hasText: 'Major incident' });
      await expectText(plan, 'SEV1');
      await expectText(plan, 'Open a bridge call');

      await page.getByRole('link', { name: 'Declare incident' }).first().click();
      await page.getByLabel('Title').fill('Payments are down everywhere');
      await page.getByLabel('Severity').selectOption('SEV1');
      await page.getByRole('button', { name: 'Declare incident' }).click();
      await page.waitForURL(/\/incidents\/INC-\d+$/, { timeout: WAIT });

      const tasks = page.getByTestId('task');
      await expectText(tasks, 'Open a bridge call');
      await expectText(tasks, 'Post a first status update');
      await expectCount(tasks, 2);

      // The tick shows the moment it is clicked, before the server has answered.
      const bridge = page.getByRole('checkbox', { name: 'Open a bridge call' });
      await bridge.check();
      await expectText(page.getByRole('region', { name: 'Tasks' }), '1 of 2 done');
      await expectText(tasks.filter({ hasText: 'Open a bridge call' }), 'Done by Admin');
      await expectChecked(bridge);

      // While the server is slow the untick shows at once; when it refuses, the tick comes back
      // and the refusal is shown.
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/api/v1/incidents/*/tasks/*', async (route) => {
        if (route.request().method() !== 'PATCH') return route.fallback();
        await held;
        await route.fulfill({
          status: 503,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'about:blank',
            title: 'Service Unavailable',
            status: 503,
            detail: 'Beacon is restarting.',
          }),
        });
      });
      await bridge.uncheck();
      await expectText(page.getByRole('region', { name: 'Tasks' }), '0 of 2 done');
      release();
      await expectText(
        page.getByRole('region', { name: 'Tasks' }).getByRole('alert'),
        'Beacon is restarting.',
      );
      await expectChecked(bridge);
      await expectText(page.getByRole('region', { name: 'Tasks' }), '1 of 2 done');
      await page.unroute('**/api/v1/incidents/*/tasks/*');

      await page.getByRole('combobox', { name: 'Communications lead' }).selectOption({ label: 'Admin' });
      await expectText(tasks.filter({ hasText: 'Post a first status update' }), 'Admin');
      await expectText(page.getByTestId('timeline-entry'), 'Communications');
      await page.screenshot({ path: `${suite.shots}/incident-response.png`, fullPage: true });

      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${suite.shots}/incident-response-phone.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });
});
