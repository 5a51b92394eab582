import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSqlite } from '../../src/server/store/dialects/sqlite-connection.js';
import {
  expectText,
  hasChromium,
  signIn,
  WAIT,
  useBrowserSuite,
  expectCount,
  expectValue,
} from './beacon-server.js';

/** A webhook receiver that fails with 500 until told to accept. */
async function startReceiver(): Promise<{
  url: string;
  server: Server;
  accept: () => void;
  hits: () => number;
}> {
  let isAccepting = false;
  let hits = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      hits++;
      response.writeHead(isAccepting ? 204 : 500).end(isAccepting ? undefined : 'receiver is down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/beacon`,
    server,
    accept: () => (isAccepting = true),
    hits: () => hits,
  };
}

/** Call the API as the signed-in browser user (session cookie and CSRF token). */
async function apiAs(page: Page, method: string, path: string, body?: unknown): Promise<{ id: number }> {
  const session = (await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string };
  const response = await page.request.fetch(path, {
    method,
    headers: { 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return (response.status() === 204 ? { id: 0 } : response.json()) as Promise<{ id: number }>;
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

describe.skipIf(!hasChromium)('paging in the browser', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let dbDir: string;
  let dbFile: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    // Our own database file, so the test can fast-forward retry backoff (the server's clock is real).
    dbDir = mkdtempSync(join(tmpdir(), 'beacon-e2e-paging-'));
    dbFile = join(dbDir, 'beacon.sqlite');
  });
  afterAll(() => {
    receiver?.server.close();
    if (dbDir) rmSync(dbDir, { recursive: true, force: true });
  });
  const suite = useBrowserSuite(() => ({ DATABASE_URL: dbFile, BEACON_NOTIFY_BUNDLE_SECONDS: '0' }));

  /** Make every pending webhook due now until the sender gives up on it (6 attempts). */
  async function exhaustWebhookRetries(): Promise<void> {
    const db = openSqlite(dbFile, { timeoutMs: 5_000 });
    try {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const row = db
          .prepare("SELECT status FROM outbox WHERE channel = 'webhook' ORDER BY id DESC")
          .get() as { status: string } | undefined;
        if (row?.status === 'dead') return;
        db.prepare(
          "UPDATE outbox SET next_attempt_at = ? WHERE channel = 'webhook' AND status = 'pending'",
        ).run(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      throw new Error('the webhook never became a dead letter');
    } finally {
      db.close();
    }
  }

  it('edits a policy, pages by it, escalates by hand, sets my rules and retries a dead letter', async () => {
    const context = await suite.browser.newContext({
      viewport: { width: 1280, height: 900 },
      baseURL: suite.server.baseUrl,
    });
    const page = await context.newPage();
    try {
      await signIn(page, suite.server.baseUrl);
      // People, a team and a schedule to page (the schedule pages whoever is on call: Grace).
      const grace = await apiAs(page, 'POST', '/api/v1/users', {
        email: 'grace@example.com',
        name: 'Grace Hopper',
        role: 'responder',
        password: 'grace-secret-pass',
      });
      const team = await apiAs(page, 'POST', '/api/v1/teams', { name: 'Platform team' });
      await apiAs(page, 'PUT', `/api/v1/teams/${team.id}/members/${grace.id}`, { role: 'member' });
      await apiAs(page, 'POST', '/api/v1/schedules', {
        name: 'Platform primary',
        timeZone: 'UTC',
        layers: [
          {
            participants: [grace.id],
            rotation: { kind: 'daily' },
            handoffTime: '09:00',
            startDate: daysAgo(3),
          },
        ],
      });
      await apiAs(page, 'POST', '/api/v1/services', { name: 'checkout-api' });

      // 1. A policy with two steps, built in the editor.
      await page.getByRole('link', { name: 'Escalation', exact: true }).click();
      await page.getByRole('heading', { name: 'Escalation policies' }).waitFor({ timeout: WAIT });
      await page.getByRole('button', { name: 'New policy' }).click();
      await page.getByLabel('Policy name').fill('Checkout on-call');
      await page.getByLabel('Description').fill('Pages the checkout team');
      await page.getByLabel('Add to step 1').selectOption({ label: 'Admin' });
      await page.getByLabel('Add to step 1').selectOption({ label: 'Platform primary' });
      await page.getByLabel('Escalate after (minutes)').first().fill('5');
      await page.getByRole('button', { name: 'Add step' }).click();
      // Step 2 has no target yet: the server refuses and the error shows at that step.
      await page.getByRole('button', { name: 'Create policy' }).click();
      const step2 = page.getByRole('listitem', { name: 'Step 2' });
      await expectText(step2.locator('.field-error'), 'must name at least one target');
      await page.screenshot({ path: `${suite.shots}/paging-policy-error.png`, fullPage: true });
      await page.getByLabel('Add to step 2').selectOption({ label: 'Platform team' });
      // Changing the steps clears errors that named steps by their old positions.
      await step2.locator('.field-error').waitFor({ state: 'detached', timeout: WAIT });
      await step2.getByLabel('Escalate after (minutes)').fill('10');
      // Reorder: step 2 up, then back down.
      await page.getByRole('button', { name: 'Move step 2 up' }).click();
      await expectText(page.getByRole('listitem', { name: 'Step 1' }), 'Platform team');
      await page.getByRole('button', { name: 'Move step 1 down' }).click();
      await expectText(page.getByRole('listitem', { name: 'Step 1' }), 'Platform primary');
      await page.getByLabel('Repeat (times)').fill('1');
      await page.screenshot({ path: `${suite.shots}/paging-policy-form.png`, fullPage: true });
      await page.getByRole('button', { name: 'Create policy' }).click();
      await page.waitForURL(/\/escalation-policies\/\d+$/, { timeout: WAIT });
      await page.getByRole('heading', { name: 'Checkout on-call' }).waitFor({ timeout: WAIT });
      const steps = page.getByTestId('escalation-step');
      await expectCount(steps, 2);
      await expectText(steps.nth(0), 'Platform primary');
      await expectText(steps.nth(1), 'After 5 min');
      await expectText(steps.nth(1), 'Platform team');
      await expectText(page.locator('.esc-repeat'), 'up to 1 more time');
      await page.screenshot({ path: `${suite.shots}/paging-policy.png`, fullPage: true });

      // 2. The service pages by it.
      // (a fresh load: the service was made through the API after the UI cached the list)
      await page.goto(`${suite.server.baseUrl}/services`);
      await page.getByRole('link', { name: 'checkout-api' }).click();
      await page.getByLabel('Escalation policy').selectOption({ label: 'Checkout on-call' });
      await page.getByRole('link', { name: 'Open policy' }).waitFor({ timeout: WAIT });
      await page.screenshot({ path: `${suite.shots}/paging-service.png`, fullPage: true });
      await page.getByRole('link', { name: 'Open policy' }).click();
      await expectText(page.getByRole('region', { name: 'Services' }), 'checkout-api');

      // 3. A triggered incident on the service escalates; a responder escalates it by hand.
      await page.getByRole('link', { name: 'Declare incident' }).first().click();
      await page.getByLabel('Title').fill('Checkout returns 502');
      await page.getByRole('checkbox', { name: 'checkout-api' }).check();
      await page.getByLabel('Initial status').selectOption('triggered');
      await page.getByRole('button', { name: 'Declare incident' }).click();
      await page.waitForURL(/\/incidents\/INC-\d+$/, { timeout: WAIT });
      const panel = page.getByTestId('escalation-panel');
      await expectText(panel, 'Escalating');
      await expectText(page.getByTestId('escalation-history'), 'step 1 of 2');
      await expectText(page.getByTestId('escalation-history'), 'notifying Admin, Grace Hopper');
      await expectText(page.getByTestId('escalation-current'), 'Step 1 of 2 paged');
      await expectText(page.getByTestId('escalation-next'), 'Step 2');
      await expectText(page.getByTestId('escalation-next'), 'in 5m');
      await page.getByRole('button', { name: 'Escalate now' }).click();
      await expectText(page.getByTestId('escalation-history'), 'Admin: Checkout on-call, step 2 of 2');
      await expectText(page.getByTestId('escalation-current'), 'Step 2 of 2 paged');
      await expectText(panel, 'pass 2 of 2');
      await page.screenshot({ path: `${suite.shots}/paging-incident.png`, fullPage: true });
      const incidentUrl = page.url();

      // 4. My notifications: a webhook, and a rule that uses it at once.
      await page.getByLabel('Account menu').click();
      await page.getByRole('menuitem', { name: 'My notifications' }).click();
      await page.getByRole('heading', { name: 'My notifications' }).waitFor({ timeout: WAIT });
      await page.getByTestId('default-rule').waitFor({ timeout: WAIT });
      // This server has no BEACON_SMTP_URL: the default rule (email) would fail, and the page says so.
      await expectText(page.getByTestId('my-notification-warnings'), 'will fail');
      await page.getByLabel('Email address').fill('not-an-address');
      await page.getByRole('button', { name: 'Add contact method' }).click();
      await expectText(page.locator('.field-error'), 'must be an email address');
      await page.getByLabel('Type').selectOption('webhook');
      await page.getByLabel('URL').fill(receiver.url);
      await page.getByLabel('Name (optional)').fill('Ops receiver');
      await page.getByRole('button', { name: 'Add contact method' }).click();
      await expectText(page.getByTestId('contact-method'), 'Ops receiver');
      // The first contact method pages at once: Beacon adds that rule and says so.
      await expectText(page.getByTestId('contact-method-added'), 'Beacon added a rule');
      await page.getByTestId('my-notification-warnings').waitFor({ state: 'detached', timeout: WAIT });
      await page.getByTestId('default-rule').waitFor({ state: 'detached', timeout: WAIT });
      await expectCount(page.getByTestId('notification-rule'), 1);
      await expectValue(page.getByLabel('Rule 1: notify by'), /./);
      await page.getByLabel('Rule 1: after minutes').fill('0');
      await page.getByRole('button', { name: 'Save rules' }).click();
      await expectText(page.getByTestId('rules-saved'), 'Rules saved: 1 rule.');
      await page.reload();
      await expectValue(page.getByLabel('Rule 1: notify by'), /./);
      await expectCount(page.getByTestId('notification-rule'), 1);
      await page.screenshot({ path: `${suite.shots}/paging-my-notifications.png`, fullPage: true });

      // Reassigning to myself now pages the webhook, which keeps failing until it is dead.
      await page.goto(incidentUrl);
      await page.getByRole('button', { name: 'Reassign to…' }).click();
      await page.getByLabel('Notify now').selectOption({ label: 'Admin' });
      await page.getByRole('button', { name: 'Notify', exact: true }).click();
      await expectText(page.getByRole('status'), 'Notified Admin.');
      await expectText(page.getByTestId('escalation-history'), 'Reassigned: notifying Admin');
      await exhaustWebhookRetries();
      expect(receiver.hits()).toBe(6);

      // 5. The admin sees the outbox: failing email (no SMTP) and the dead webhook; retry sends it.
      await page.locator('.nav-menu summary', { hasText: 'Admin' }).click();
      await page.getByRole('menuitem', { name: 'Notifications', exact: true }).click();
      await page.getByRole('heading', { name: 'Notifications' }).waitFor({ timeout: WAIT });
      await expectText(page.getByTestId('outbox-row'), 'email is not configured');
      // Grace is still paged by email (the default): admins see it on every page.
      await expectText(
        page.getByTestId('admin-warning-email_not_configured'),
        'BEACON_SMTP_URL is unset), but 1 person is paged by email',
      );
      await page.getByRole('link', { name: 'Dead', exact: true }).click();
      const dead = page.getByTestId('outbox-row').filter({ hasText: receiver.url });
      await expectText(dead, 'HTTP 500');
      await expectText(dead.locator('td[data-label="Attempts"]'), '6');
      await page.screenshot({ path: `${suite.shots}/paging-outbox-dead.png`, fullPage: true });
      receiver.accept();
      await dead.getByRole('button', { name: /Retry/ }).click();
      await dead.waitFor({ state: 'detached', timeout: WAIT });
      await page.getByRole('link', { name: 'Sent', exact: true }).click();
      await page
        .getByTestId('outbox-row')
        .filter({ hasText: receiver.url })
        .waitFor({ timeout: WAIT * 2 });
      expect(receiver.hits()).toBe(7);
      await page.getByRole('link', { name: 'All', exact: true }).click();
      await page.getByTestId('outbox-row').first().waitFor({ timeout: WAIT });
      await page.screenshot({ path: `${suite.shots}/paging-outbox.png`, fullPage: true });

      await page.goto(`${suite.server.baseUrl}/escalation-policies`);
      await expectText(page.getByTestId('policy-row'), 'checkout-api');
      await page.screenshot({ path: `${suite.shots}/paging-policies.png`, fullPage: true });

      // Phone width: the menu, the outbox, the incident panel, the policy editor and my notifications.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${suite.server.baseUrl}/admin/notifications`);
      await page.getByTestId('outbox-row').first().waitFor({ timeout: WAIT });
      await page.screenshot({ path: `${suite.shots}/paging-outbox-phone.png`, fullPage: true });
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.locator('.nav-menu summary', { hasText: 'Admin' }).click();
      await page.getByRole('menuitem', { name: 'Notifications', exact: true }).waitFor({ timeout: WAIT });
      await page.screenshot({ path: `${suite.shots}/paging-menu-phone.png` });
      await page.goto(incidentUrl);
      await page.getByTestId('escalation-history').waitFor({ timeout: WAIT });
      await page
        .getByTestId('escalation-panel')
        .screenshot({ path: `${suite.shots}/paging-incident-phone.png` });
      await page.goto(`${suite.server.baseUrl}/escalation-policies`);
      await page.getByRole('link', { name: 'Checkout on-call' }).click();
      await page.getByRole('button', { name: 'Edit' }).click();
      await page.getByRole('listitem', { name: 'Step 2' }).waitFor({ timeout: WAIT });
      await page.screenshot({ path: `${suite.shots}/paging-policy-phone.png`, fullPage: true });
      await page.getByRole('listitem', { name: 'Step 2' }).getByLabel('Escalate after (minutes)').fill('15');
      await page.getByRole('button', { name: 'Save policy' }).click();
      await expectText(page.getByTestId('escalation-step').nth(1), 'No ack within 15 min');
      await page.goto(`${suite.server.baseUrl}/account/notifications`);
      await page.getByTestId('notification-rule').waitFor({ timeout: WAIT });
      await page.screenshot({ path: `${suite.shots}/paging-my-notifications-phone.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      // An admin deletes the policy: the service pages nobody and the running escalation says so.
      await page.goto(`${suite.server.baseUrl}/escalation-policies`);
      await page.getByRole('link', { name: 'Checkout on-call' }).click();
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Delete' }).click();
      await page.getByText('No escalation policies yet.').waitFor({ timeout: WAIT });
      await page.goto(incidentUrl);
      await expectText(page.getByTestId('escalation-panel'), 'The policy was deleted');
    } finally {
      await context.close();
    }
  }, 240_000);
});
