import type { ParsedMail } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../support/server/engine/escalation/paging-test-helpers.js';
import {
  WAIT,
  apiCall,
  expectCount,
  expectText,
  hasChromium,
  signIn,
  useBrowserSuite,
} from './beacon-server.js';

const REPORTS = [
  'Checkout fails: payment page shows error 502 when I pay',
  'I cannot pay, the payment step returns a 502 error at checkout',
  'Payment failed with 502 Bad Gateway on the checkout page',
];
const REPORTERS = ['rita@example.com', 'raj@example.com', 'rosa@example.com'];
const SUBSCRIBERS = ['sam@example.com', 'sue@example.com'];

/** Wait until `predicate` holds for the sink's mails (the server sends on its own clock). */
async function waitForMails(smtp: SmtpSink, predicate: (mails: ParsedMail[]) => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!predicate(smtp.messages)) {
    if (Date.now() > deadline)
      throw new Error(
        `mails never arrived: ${smtp.messages.map((m) => `${m.to && !Array.isArray(m.to) ? m.to.text : ''}: ${m.subject ?? ''}`).join('; ')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const to = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '');
const mailsOf = (smtp: SmtpSink, address: string) => smtp.messages.filter((m) => to(m) === address);

async function subscribe(page: Page, base: string, email: string, component?: string) {
  await page.goto(`${base}/status`);
  await page.getByRole('link', { name: 'Subscribe to updates' }).click();
  await page.getByLabel('Your email address').fill(email);
  if (component) {
    await page.getByLabel('Only the components I choose:').check();
    await page.getByLabel(component).check();
  }
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expectText(page.locator('h1'), 'Check your email');
}

describe.skipIf(!hasChromium)(
  'the customer loop: reports, triage, a public update, subscribers and reporters told',
  () => {
    let smtp: SmtpSink;
    beforeAll(async () => {
      smtp = await startSmtpSink();
    });
    afterAll(async () => {
      await smtp?.close();
    });
    const suite = useBrowserSuite(() => ({ BEACON_SMTP_URL: smtp.url }));

    it('customers report, a responder accepts and publishes, /status shows it, and every reporter and subscriber gets one mail about the fix', async () => {
      const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const customer = await (
        await suite.browser.newContext({ viewport: { width: 390, height: 844 } })
      ).newPage();
      const base = suite.server.baseUrl;
      try {
        await signIn(page, base);
        const service = await apiCall<{ id: number }>(page, base, 'POST', '/api/v1/services', {
          name: 'payments',
        });
        await apiCall(page, base, 'POST', '/api/v1/status-page/components', {
          name: 'Checkout',
          serviceIds: [service.id],
        });
        await apiCall(page, base, 'POST', '/api/v1/status-page/components', { name: 'Search' });
        await apiCall(page, base, 'PATCH', '/api/v1/status-page/subscribers/settings', { bundleSeconds: 0 });

        // Two customers subscribe on the page (on a phone) and confirm; a third never confirms.
        await subscribe(customer, base, SUBSCRIBERS[0] ?? '');
        await subscribe(customer, base, SUBSCRIBERS[1] ?? '', 'Checkout');
        await customer.screenshot({ path: `${suite.shots}/subscribe-done-phone.png`, fullPage: true });
        await subscribe(customer, base, 'pat@example.com');
        await waitForMails(smtp, (mails) => mails.length >= 3);
        for (const address of SUBSCRIBERS) {
          const link = /(http:\/\/\S+\/status\/subscriptions\/[A-Za-z0-9_-]{43})/.exec(
            mailsOf(smtp, address)[0]?.text ?? '',
          )?.[1];
          expect(link).toBeDefined();
          await customer.goto(link ?? '');
          await customer.getByRole('button', { name: 'Confirm subscription' }).click();
          await expectText(customer.getByRole('status'), 'Your subscription is confirmed.');
        }
        await customer.screenshot({ path: `${suite.shots}/subscription-page-phone.png`, fullPage: true });

        // Customers report the same problem on /report; the reports cluster into a triage incident.
        for (const [i, message] of REPORTS.entries()) {
          await customer.goto(`${base}/report`);
          await customer.getByLabel('Your name').fill(`Customer ${String(i + 1)}`);
          await customer.getByLabel('Your email address').fill(REPORTERS[i] ?? '');
          await customer.getByLabel(/What is wrong/).fill(message);
          await customer.getByRole('button', { name: 'Send report' }).click();
          await expectText(customer.locator('h1'), 'Thank you for your report');
        }

        // The responder accepts the triage incident and publishes with the composer.
        await page.goto(`${base}/reports/triage`);
        const card = page.getByTestId('triage-card');
        await expectCount(card, 1);
        await expectText(card, '3 reports');
        const ref = (await card.locator('.card-title .ref').textContent())?.trim() ?? '';
        await card.getByRole('button', { name: 'Accept as Investigating' }).click();
        await expectText(page.locator('.empty'), 'Nothing to triage.');
        await page.goto(`${base}/incidents/${ref}`);
        const status = page.getByRole('region', { name: 'Status page' });
        await status.getByRole('button', { name: 'Publish to status page' }).click();
        await status.getByLabel('Public title').fill('Card payments failing');
        await status.getByLabel('Public status').selectOption('identified');
        await status.getByLabel('Message to customers').fill('Some card payments fail. We found the cause.');
        await status.getByLabel('Checkout').selectOption('partial_outage');
        await status.getByRole('button', { name: 'Preview' }).click();
        page.once('dialog', (dialog) => void dialog.accept());
        await status.getByRole('button', { name: 'Publish', exact: true }).click();
        await expectText(status.getByTestId('public-update'), 'We found the cause.');

        // The public page shows it (its snapshot reloads within about a second).
        await expect
          .poll(async () => (await customer.goto(`${base}/status`))?.status(), { timeout: WAIT })
          .toBe(200);
        await expect
          .poll(
            async () => {
              await customer.reload();
              return customer.locator('main').textContent();
            },
            { timeout: WAIT },
          )
          .toContain('Card payments failing');
        await customer.screenshot({ path: `${suite.shots}/customer-loop-status-phone.png`, fullPage: true });

        // Confirmed subscribers and every reporter hear of the update; the unconfirmed address does not.
        await waitForMails(
          smtp,
          () =>
            SUBSCRIBERS.every((a) =>
              mailsOf(smtp, a).some((m) => m.subject === '[Status] Identified: Card payments failing'),
            ) &&
            REPORTERS.every((a) =>
              mailsOf(smtp, a).some((m) => (m.subject ?? '').startsWith('Update on your report')),
            ),
        );

        // Resolution.
        await status.getByRole('button', { name: 'Post a public update' }).click();
        await status.getByLabel('Public status').selectOption('resolved');
        await status.getByLabel('Message to customers').fill('Card payments work again.');
        await status.getByLabel('Checkout').selectOption('operational');
        await status.getByRole('button', { name: 'Preview' }).click();
        page.once('dialog', (dialog) => void dialog.accept());
        await status.getByRole('button', { name: 'Publish', exact: true }).click();
        await expectText(status.getByTestId('public-update').first(), 'Card payments work again.');

        const isAboutFix = (m: ParsedMail) =>
          (m.subject ?? '').startsWith('Fixed: your report') ||
          m.subject === '[Status] Resolved: Card payments failing';
        const everyoneTold = () =>
          [...REPORTERS, ...SUBSCRIBERS].every((a) => mailsOf(smtp, a).some(isAboutFix));
        await waitForMails(smtp, everyoneTold);
        // Give the worker a few more ticks: nobody may get a second mail about the fix.
        await new Promise((resolve) => setTimeout(resolve, 3000));
        for (const address of [...REPORTERS, ...SUBSCRIBERS]) {
          expect(mailsOf(smtp, address).filter(isAboutFix), address).toHaveLength(1);
        }
        expect(mailsOf(smtp, 'pat@example.com').map((m) => m.subject)).toEqual([
          'Confirm your subscription to Status',
        ]);
        const fixMail = mailsOf(smtp, SUBSCRIBERS[1] ?? '').find(isAboutFix);
        expect(fixMail?.text).toContain('Card payments work again.');
        expect(fixMail?.headerLines.some((h) => h.key === 'list-unsubscribe-post')).toBe(true);

        // The admin's Subscribers tab: counts, a filter, and the list on a phone.
        await page.goto(`${base}/admin/status-page/subscribers`);
        await expectText(
          page.getByRole('region', { name: 'Subscribers' }),
          '2 confirmed · 1 awaiting confirmation',
        );
        await page.getByLabel('Component').selectOption({ label: 'Search' });
        await expectCount(page.locator('tbody tr'), 2);
        await page.getByLabel('Component').selectOption('');
        await page.screenshot({ path: `${suite.shots}/admin-subscribers.png`, fullPage: true });
        await page.setViewportSize({ width: 390, height: 844 });
        await page.screenshot({ path: `${suite.shots}/admin-subscribers-phone.png`, fullPage: true });
      } finally {
        await customer.context().close();
        await context.close();
      }
    });
  },
);
