import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../support/server/engine/escalation/paging-test-helpers.js';
import {
  WAIT,
  expectText,
  hasChromium,
  recordCspViolations,
  signIn,
  useBrowserSuite,
} from './beacon-server.js';

const SIZES: Array<[string, BrowserContextOptions]> = [
  ['desktop', { viewport: { width: 1280, height: 800 } }],
  ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }],
];

describe.skipIf(!hasChromium)('invitations and password resets by email, in the browser', () => {
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await smtp?.close();
  });
  const suite = useBrowserSuite(() => ({ BEACON_SMTP_URL: smtp.url }));

  /** The set-password link of the newest mail to `to` with `subject`, once the sender sent it. */
  async function mailedLink(to: string, subject: string): Promise<string> {
    let text = '';
    await expect
      .poll(
        () => {
          const mail = smtp.messages
            .filter((m) => JSON.stringify(m.to).includes(to) && m.subject === subject)
            .at(-1);
          text = mail?.text ?? '';
          return text;
        },
        { timeout: WAIT },
      )
      .toContain('/set-password#token=');
    const url = new URL(/(\S+\/set-password#token=\S+)/.exec(text)?.[1] ?? '');
    return `${suite.server.baseUrl}${url.pathname}${url.hash}`;
  }

  async function expectNoSideScroll(page: Page): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }

  for (const [size, options] of SIZES) {
    it(
      `${size}: an admin invites, the link sets name and password; "Forgot password?" resets it`,
      { timeout: 120_000 },
      async () => {
        const { baseUrl } = suite.server;
        const email = `nia-${size}@example.com`;
        const adminContext = await suite.browser.newContext(options);
        const guestContext = await suite.browser.newContext(options);
        const adminViolations = await recordCspViolations(adminContext);
        const guestViolations = await recordCspViolations(guestContext);
        try {
          const admin = await adminContext.newPage();
          await signIn(admin, baseUrl);
          await admin.goto(`${baseUrl}/admin/users`);
          const form = admin.getByRole('form', { name: 'Invite by email' });
          await form.getByLabel('Email').fill(email);
          await form.getByLabel('Role').selectOption('responder');
          await form.getByRole('button', { name: 'Send invitation' }).click();
          await expectText(form, `Invitation sent to ${email}`);
          const row = admin.getByRole('row').filter({ hasText: email });
          await expectText(row, 'Invited');
          await admin.screenshot({ path: `${suite.shots}/accounts-invited-${size}.png`, fullPage: true });

          // The invited person follows the link from the mail.
          const guest = await guestContext.newPage();
          await guest.goto(await mailedLink(email, '[Beacon] You are invited to Beacon'));
          await guest.getByRole('heading', { name: 'Join Beacon' }).waitFor({ timeout: WAIT });
          await expectText(guest.getByRole('form', { name: 'Accept invitation' }), email);
          await expectNoSideScroll(guest);
          await guest.getByLabel('Your name').fill('Nia Long');
          await guest.getByLabel('Password', { exact: true }).fill('password');
          await guest.getByRole('button', { name: 'Join Beacon' }).click();
          await expectText(guest.locator('.field'), 'at least 12 characters');
          await guest.getByLabel('Password', { exact: true }).fill('lantern-orchid-gravel-9');
          await guest.screenshot({ path: `${suite.shots}/accounts-accept-${size}.png`, fullPage: true });
          await guest.getByRole('button', { name: 'Join Beacon' }).click();
          await guest.getByRole('heading', { name: 'You are all set' }).waitFor({ timeout: WAIT });
          await guest.getByRole('link', { name: 'Sign in' }).click();
          await guest.getByLabel('Email').fill(email);
          await guest.getByLabel('Password').fill('lantern-orchid-gravel-9');
          await guest.getByRole('button', { name: 'Sign in' }).click();
          await guest.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: WAIT });

          await admin.reload();
          await expectText(admin.getByRole('row').filter({ hasText: email }), 'Nia Long');
          await expectText(admin.getByRole('row').filter({ hasText: email }), 'Active');
          const member = admin.getByRole('row').filter({ hasText: email });
          await member.getByRole('button', { name: 'Rename' }).click();
          await member.getByLabel(`Name of ${email}`).fill('Nia Long-Okafor');
          await member.getByRole('button', { name: 'Save' }).click();
          await expectText(member, 'Nia Long-Okafor');

          // Later, on a signed-out browser: "Forgot password?".
          await guestContext.clearCookies();
          await guest.goto(`${baseUrl}/login`);
          await guest.getByRole('link', { name: 'Forgot password?' }).click();
          await guest.getByLabel('Email').fill(email);
          await guest.getByRole('button', { name: 'Send reset link' }).click();
          await expectText(guest.getByRole('status'), 'If this email belongs to an account');
          await guest.screenshot({ path: `${suite.shots}/accounts-forgot-${size}.png`, fullPage: true });
          await guest.goto(await mailedLink(email, '[Beacon] Reset your password'));
          await guest.getByRole('heading', { name: 'Choose a new password' }).waitFor({ timeout: WAIT });
          await guest.getByLabel('New password').fill('quartz-meadow-falcon-44');
          await guest.getByRole('button', { name: 'Save password' }).click();
          await guest.getByRole('heading', { name: 'You are all set' }).waitFor({ timeout: WAIT });
          await guest.getByRole('link', { name: 'Sign in' }).click();
          await guest.getByLabel('Email').fill(email);
          await guest.getByLabel('Password').fill('quartz-meadow-falcon-44');
          await guest.getByRole('button', { name: 'Sign in' }).click();
          await guest.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: WAIT });

          // The link worked once.
          await guestContext.clearCookies();
          await guest.goto(await mailedLink(email, '[Beacon] Reset your password'));
          await guest.getByRole('heading', { name: 'This link does not work' }).waitFor({ timeout: WAIT });
          // An admin can send a reset link too.
          await member.getByRole('button', { name: 'Send password reset' }).click();
          await expectText(member, 'Reset link sent');
          await admin.screenshot({ path: `${suite.shots}/accounts-users-${size}.png`, fullPage: true });
          expect([...adminViolations, ...guestViolations]).toEqual([]);
        } finally {
          await adminContext.close();
          await guestContext.close();
        }
      },
    );
  }
});
