import { describe, expect, it } from 'vitest';
import {
  apiCall,
  expectCount,
  expectText,
  hasChromium,
  signIn,
  useBrowserSuite,
  WAIT,
} from './beacon-server.js';

describe.skipIf(!hasChromium)('the status page in the browser', () => {
  const suite = useBrowserSuite();

  it('sets up a component, publishes an incident with a preview first, and corrects the update', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      const base = suite.server.baseUrl;
      await signIn(page, base);
      await apiCall(page, base, 'POST', '/api/v1/services', { name: 'Payments API' });
      await page.reload();

      await page.locator('summary.nav-link', { hasText: 'Admin' }).click();
      await page.getByRole('menuitem', { name: 'Status page' }).click();
      const publicLink = page.getByRole('link', { name: 'Open the public page' });
      expect(await publicLink.getAttribute('target')).toBe('_blank');
      expect(await publicLink.getAttribute('href')).toBe('/status');
      const brand = page.getByRole('form', { name: 'Page and branding' });
      await brand.getByLabel('Brand colour', { exact: true }).fill('#ffcc00');
      await expectText(brand.getByTestId('contrast-hint'), 'too pale');

      const groups = page.getByRole('region', { name: 'Component groups' });
      await groups.getByLabel('New group').fill('Payments');
      await groups.getByRole('button', { name: 'Add group' }).click();
      await expectText(groups.getByTestId('group-row'), 'Payments');

      const components = page.getByRole('region', { name: 'Components' });
      await components.getByRole('button', { name: 'Add component' }).click();
      await components.getByLabel('Component name').fill('Checkout');
      await components.getByLabel('Group').selectOption({ label: 'Payments' });
      await components.getByRole('checkbox', { name: 'Payments API' }).check();
      await components.getByRole('button', { name: 'Create component' }).click();
      const row = components.getByTestId('component-row');
      await expectText(row, 'Payments · backed by Payments API · derived');
      await expectText(row, 'Operational');
      await page.screenshot({ path: `${suite.shots}/admin-status-page.png`, fullPage: true });
      // The colour typed above was never saved: leaving asks first.
      page.once('dialog', (dialog) => void dialog.accept());

      await page.getByRole('link', { name: 'Declare incident' }).first().click();
      await page.getByLabel('Title').fill('pg-primary failover loop');
      await page.getByLabel('Severity').selectOption('SEV2');
      await page.getByRole('button', { name: 'Declare incident' }).click();
      await page.waitForURL(/\/incidents\/INC-\d+$/, { timeout: WAIT });

      const card = page.getByRole('region', { name: 'Status page' });
      await expectText(card, 'Customers do not see this incident.');
      await card.getByRole('button', { name: 'Publish to status page' }).click();
      await card.getByLabel('Public title').fill('Card payments failing');
      await card.getByLabel('Impact').selectOption('major');
      await card.getByLabel('Public status').selectOption('identified');
      await card.getByLabel('Message to customers').fill('Some card payments fail. We found the cause.');
      await card.getByLabel('Checkout').selectOption('partial_outage');
      await card.getByRole('button', { name: 'Preview' }).click();
      const preview = card.getByTestId('public-preview');
      await expectText(preview, 'Card payments failing');
      await expectText(preview, 'Identified');
      await expectText(preview, 'Major impact');
      await expectText(preview, 'Some card payments fail. We found the cause.');
      await expectText(preview.getByRole('listitem'), /^Checkout\s*Partial outage$/);
      await expectCount(card.getByTestId('public-update'), 0);

      page.once('dialog', (dialog) => void dialog.accept());
      await card.getByRole('button', { name: 'Publish', exact: true }).click();
      const update = card.getByTestId('public-update');
      await expectText(update, 'Some card payments fail. We found the cause.');
      await expectText(update, 'Partial outage');
      await expectText(card.getByTestId('public-title'), 'Card payments failing');
      await expectText(card, 'Major impact');

      await update.getByRole('button', { name: 'Correct' }).click();
      await update.getByLabel('Corrected message').fill('Some card payments fail. A fix is rolling out.');
      await update.getByRole('button', { name: 'Save correction' }).click();
      await expectText(update, 'A fix is rolling out.');
      await expectText(update, 'edited');

      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${suite.shots}/incident-status-page.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await card.getByRole('button', { name: 'Post a public update' }).click();
      await card.getByLabel('Message to customers').fill('The fix is deployed; payments recover.');
      await card.getByRole('button', { name: 'Preview' }).click();
      await expectText(card.getByTestId('public-preview'), 'The fix is deployed');
      await card.screenshot({ path: `${suite.shots}/incident-status-page-phone.png` });
    } finally {
      await context.close();
    }
  });
});
