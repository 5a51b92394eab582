import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../support/server/engine/escalation/paging-test-helpers.js';
import { hasChromium, WAIT, expectText, signIn, useBrowserSuite, expectValue } from './beacon-server.js';

describe.skipIf(!hasChromium)('stakeholder updates in the browser', () => {
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await smtp?.close();
  });
  const suite = useBrowserSuite(() => ({ BEACON_SMTP_URL: smtp.url }));

  it('adds stakeholders, posts a stakeholder update from the incident page and emails it', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page, suite.server.baseUrl);
      await page.getByRole('link', { name: 'Declare incident' }).first().click();
      await page.getByLabel('Title').fill('Card payments failing');
      await page.getByLabel('Severity').selectOption('SEV1');
      await page.getByRole('button', { name: 'Declare incident' }).click();
      await page.waitForURL(/\/incidents\/INC-\d+$/, { timeout: WAIT });

      const stakeholders = page.getByRole('region', { name: 'Stakeholders' });
      await expectText(stakeholders, 'Nobody gets stakeholder updates yet.');
      await stakeholders.getByRole('button', { name: 'Subscribe to updates' }).click();
      await stakeholders.getByRole('button', { name: 'Unsubscribe' }).waitFor({ timeout: WAIT });
      await stakeholders.getByLabel('Stakeholder type').selectOption('email');
      await stakeholders.getByLabel('Email address').fill('support@vendor.example');
      await stakeholders.getByRole('button', { name: 'Add', exact: true }).click();
      await expectText(stakeholders.getByTestId('stakeholder'), 'support@vendor.example');
      await expectText(stakeholders, '2 addresses get stakeholder updates by email.');

      const updates = page.getByRole('region', { name: 'Updates' });
      await expectText(updates.getByTestId('update-due'), 'Next update due');
      await updates
        .getByLabel('Write an update')
        .fill('Card payments fail for about 20% of customers. We are rolling back the 14:05 deploy.');
      await updates.getByRole('button', { name: 'Send to 2 stakeholders' }).click();
      await expectText(updates, 'Stakeholder update sent.');
      await expectText(updates.getByTestId('update-item'), 'emailed to 2');

      const entry = page.locator('[data-testid="timeline-entry"][data-kind="stakeholder_update"]');
      await expectText(entry, 'sent a stakeholder update');
      await expectText(entry, 'We are rolling back the 14:05 deploy.');
      await expectText(entry, 'Emailed to 2 stakeholders');

      // The worker sends both emails within a few seconds.
      await expect.poll(() => smtp.messages.length, { timeout: WAIT }).toBeGreaterThanOrEqual(2);
      const to = smtp.messages.map((m) => (m.to && 'text' in m.to ? m.to.text : '')).sort();
      expect(to).toEqual(['admin@example.com', 'support@vendor.example']);
      expect(smtp.messages[0]?.subject).toMatch(
        /^\[Beacon\] Stakeholder update on INC-\d+: Card payments failing$/,
      );

      await updates.getByLabel('Write an update').fill('Rollback finished; error rate is falling.');
      await updates.getByRole('button', { name: 'Post status update' }).click();
      await expectText(page.locator('[data-kind="status_update"]'), 'Rollback finished');

      await entry.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${suite.shots}/incident-stakeholder-update.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${suite.shots}/incident-stakeholder-update-phone.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('sets reminder minutes and a default stakeholder that SEV1 incidents then get', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page, suite.server.baseUrl);
      await page.goto(`${suite.server.baseUrl}/admin/settings`);
      const reminders = page.getByRole('form', { name: 'Update reminders' });
      await reminders.getByLabel('SEV3 (minutes)').fill('60');
      await reminders.getByRole('button', { name: 'Save reminders' }).click();
      await expectText(reminders, 'Saved.');

      const defaults = page.getByRole('form', { name: 'Default stakeholders' });
      await defaults.getByRole('button', { name: 'Add a rule' }).click();
      await defaults.getByLabel('and email addresses').fill('not-an-address');
      await defaults.getByRole('button', { name: 'Save default stakeholders' }).click();
      await expectText(defaults, 'must be an email address');
      await defaults.getByLabel('and email addresses').fill('exec@example.com');
      await defaults.getByRole('button', { name: 'Save default stakeholders' }).click();
      await expectText(defaults, 'Saved.');
      await page.screenshot({ path: `${suite.shots}/settings-stakeholders.png`, fullPage: true });

      await page.reload();
      await page.getByLabel('SEV3 (minutes)').waitFor({ timeout: WAIT });
      await expectValue(page.getByLabel('SEV3 (minutes)'), '60');
      await expectValue(page.getByLabel('and email addresses'), 'exec@example.com');

      await page.getByRole('link', { name: 'Declare incident' }).first().click();
      await page.getByLabel('Title').fill('Login is down');
      await page.getByLabel('Severity').selectOption('SEV1');
      await page.getByRole('button', { name: 'Declare incident' }).click();
      await page.waitForURL(/\/incidents\/INC-\d+$/, { timeout: WAIT });
      const stakeholders = page.getByRole('region', { name: 'Stakeholders' });
      await expectText(stakeholders.getByTestId('stakeholder'), 'exec@example.com');
      await expectText(stakeholders, '1 address gets stakeholder updates by email.');
    } finally {
      await context.close();
    }
  });
});
