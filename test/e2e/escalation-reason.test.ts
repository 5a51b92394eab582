import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiCall,
  expectCount,
  expectText,
  hasChromium,
  signIn,
  WAIT,
  useBrowserSuite,
} from './beacon-server.js';

const SIZES = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

describe.skipIf(!hasChromium)('escalation card says why nobody is paged', () => {
  const suite = useBrowserSuite({ BEACON_NOTIFY_BUNDLE_SECONDS: '0' });

  /** A service paging the admin at once by "Checkout on-call", and one with no policy. */
  async function seed(page: Page): Promise<{ checkout: number; bare: number }> {
    const call = <T>(method: string, path: string, body?: unknown) =>
      apiCall<T>(page, suite.server.baseUrl, method, path, body);
    const me = await call<{ user: { id: number } }>('GET', '/api/v1/session');
    const checkout = await call<{ id: number }>('POST', '/api/v1/services', { name: 'checkout' });
    const bare = await call<{ id: number }>('POST', '/api/v1/services', { name: 'bare' });
    const policy = await call<{ id: number }>('POST', '/api/v1/escalation-policies', {
      name: 'Checkout on-call',
      repeatCount: 0,
      steps: [
        { delayMinutes: 10, targets: [{ type: 'user', id: me.user.id }] },
        { delayMinutes: 10, targets: [{ type: 'user', id: me.user.id }] },
      ],
    });
    await call('PATCH', `/api/v1/services/${checkout.id}/escalation-policy`, { policyId: policy.id });
    return { checkout: checkout.id, bare: bare.id };
  }

  it('explains the declare form, the reason on the card and the disabled buttons, on desktop and phone', async () => {
    let services: { checkout: number; bare: number } | undefined;
    for (const size of SIZES) {
      const context = await suite.browser.newContext({
        viewport: size.viewport,
        baseURL: suite.server.baseUrl,
      });
      const page = await context.newPage();
      try {
        await signIn(page, suite.server.baseUrl);
        services ??= await seed(page);
        const call = <T>(method: string, path: string, body?: unknown) =>
          apiCall<T>(page, suite.server.baseUrl, method, path, body);

        // The declare form says Investigating pages nobody, and whom Triggered would page.
        await page.goto('/incidents/new');
        await page.getByLabel('Title').fill(`Slow checkout (${size.name})`);
        const hint = page.getByTestId('declare-paging-hint');
        await expectText(hint, 'would not either. No service is chosen');
        await page.getByRole('checkbox', { name: 'checkout' }).check();
        await expectText(
          hint,
          'Investigating pages nobody. “Triggered” would page Admin (Checkout on-call).',
        );
        await page.getByLabel('Initial status').selectOption('triggered');
        await expectText(hint, 'Pages Admin (Checkout on-call) at once, until someone acknowledges.');
        await page.getByLabel('Initial status').selectOption('investigating');
        await page.screenshot({ path: `${suite.shots}/escalation-declare-${size.name}.png`, fullPage: true });
        await page.getByRole('button', { name: 'Declare incident' }).click();
        await page.waitForURL(/\/incidents\/INC-\d+$/, { timeout: WAIT });
        const panel = page.getByTestId('escalation-panel');
        await expectText(panel, 'Not paging');
        await expectText(page.getByTestId('escalation-reason'), 'not triggered: nobody was paged');
        await expect.poll(() => page.getByRole('button', { name: 'Escalate now' }).isDisabled()).toBe(true);
        await expect.poll(() => page.getByRole('button', { name: 'Reassign to…' }).isEnabled()).toBe(true);

        // Triggered on a service without a policy: the card names the missing policy.
        const bare = await call<{ ref: string }>('POST', '/api/v1/incidents', {
          title: `Nobody to page (${size.name})`,
          status: 'triggered',
          serviceIds: [services.bare],
        });
        await page.goto(`/incidents/${bare.ref}`);
        await expectText(panel, 'No policy');
        await expectText(page.getByTestId('escalation-reason'), 'has an escalation policy: nobody is paged');
        await panel.screenshot({ path: `${suite.shots}/escalation-no-policy-${size.name}.png` });

        // Triggered on the checkout service pages the admin; once resolved, nothing pages again.
        const paged = await call<{ ref: string }>('POST', '/api/v1/incidents', {
          title: `Checkout down (${size.name})`,
          status: 'triggered',
          serviceIds: [services.checkout],
        });
        await page.goto(`/incidents/${paged.ref}`);
        await expectText(panel, 'Escalating');
        await expectText(page.getByTestId('escalation-paged'), 'Admin');
        await call('POST', `/api/v1/incidents/${paged.ref}/resolve`, { resolutionSummary: 'Rolled back' });
        await expectText(page.getByTestId('escalation-reason'), `${paged.ref} is resolved: nobody is paged.`);
        const escalate = page.getByRole('button', { name: 'Escalate now' });
        const reassign = page.getByRole('button', { name: 'Reassign to…' });
        await expect.poll(() => escalate.isDisabled()).toBe(true);
        await expect.poll(() => reassign.isDisabled()).toBe(true);
        expect(await reassign.getAttribute('title')).toBe('A resolved incident cannot be reassigned');
        await page.screenshot({
          path: `${suite.shots}/escalation-resolved-${size.name}.png`,
          fullPage: true,
        });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);

        // The list filters: nobody leads these incidents; acknowledging one makes it mine.
        await call('POST', `/api/v1/incidents/${bare.ref}/acknowledge`, {});
        await page.goto('/?open=all');
        // On a phone the filters fold away behind one button.
        if (size.name === 'phone') await page.getByRole('button', { name: 'Filters' }).press('Enter');
        await page.getByLabel('Assigned').selectOption('mine');
        await expectText(page.getByTestId('incident-row'), `Nobody to page (${size.name})`);
        await expectCount(page.getByTestId('incident-row'), size.name === 'desktop' ? 1 : 2);
        await page.getByLabel('Assigned').selectOption('unassigned');
        await expectText(page.getByTestId('incident-row'), `Checkout down (${size.name})`);
        await expectCount(page.getByTestId('incident-row').filter({ hasText: 'Nobody to page' }), 0);
      } finally {
        await context.close();
      }
    }
  }, 240_000);
});
