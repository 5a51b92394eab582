import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../support/server/engine/escalation/paging-test-helpers.js';
import { openSqlite } from '../../src/server/store/dialects/sqlite-connection.js';
import {
  WAIT,
  apiCall,
  expectCount,
  expectText,
  hasChromium,
  signIn,
  useBrowserSuite,
} from './beacon-server.js';

describe.skipIf(!hasChromium)('failed deliveries in the browser', () => {
  let smtp: SmtpSink;
  let dbDir: string;
  let dbFile: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    smtp.isRejecting = true;
    // Our own database file, so the test can make retries due now (the server's clock is real).
    dbDir = mkdtempSync(join(tmpdir(), 'beacon-e2e-failures-'));
    dbFile = join(dbDir, 'beacon.sqlite');
  });
  afterAll(async () => {
    await smtp?.close();
    if (dbDir) rmSync(dbDir, { recursive: true, force: true });
  });
  const suite = useBrowserSuite(() => ({
    DATABASE_URL: dbFile,
    BEACON_SMTP_URL: smtp.url,
    BEACON_NOTIFY_BUNDLE_SECONDS: '0',
  }));

  /**
   * Wait until the newest page has failed `attempts` times and its failure is recorded (a
   * claim counts the attempt before the send fails); with `makeDue`, retries are made due now.
   */
  async function waitForFailures(attempts: number, makeDue: boolean): Promise<void> {
    const db = openSqlite(dbFile, { timeoutMs: 5_000 });
    try {
      await expect
        .poll(
          () => {
            const row = db
              .prepare("SELECT attempts, status FROM outbox WHERE kind = 'page' ORDER BY id DESC")
              .get() as { attempts: number; status: string } | undefined;
            if (makeDue)
              db.prepare(
                "UPDATE outbox SET next_attempt_at = ? WHERE kind = 'page' AND status = 'pending'",
              ).run(Date.now());
            const isRecorded = row?.status === 'pending' || row?.status === 'dead';
            return isRecorded ? row.attempts : 0;
          },
          { timeout: 60_000, interval: 300 },
        )
        .toBeGreaterThanOrEqual(attempts);
    } finally {
      db.close();
    }
  }

  /** Hold the next try of pending pages `ms` away, so the page shows attempt 1 however slow the machine. */
  function postponeRetries(ms: number): void {
    const db = openSqlite(dbFile, { timeoutMs: 5_000 });
    try {
      db.prepare("UPDATE outbox SET next_attempt_at = ? WHERE kind = 'page' AND status = 'pending'").run(
        Date.now() + ms,
      );
    } finally {
      db.close();
    }
  }

  async function screenshots(page: Page, name: string): Promise<void> {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `${suite.shots}/${name}-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${suite.shots}/${name}-phone.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} is wider than a phone`).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  it('shows a failing page on the incident, a dead letter as a banner, and test notifications', async () => {
    const context = await suite.browser.newContext({
      viewport: { width: 1280, height: 800 },
      baseURL: suite.server.baseUrl,
    });
    const page = await context.newPage();
    const base = suite.server.baseUrl;
    try {
      await signIn(page, base);
      const me = await apiCall<{ user: { id: number } }>(page, base, 'GET', '/api/v1/session');
      const service = await apiCall<{ id: number }>(page, base, 'POST', '/api/v1/services', {
        name: 'payments',
      });
      const policy = await apiCall<{ id: number }>(page, base, 'POST', '/api/v1/escalation-policies', {
        name: 'Payments on-call',
        steps: [{ delayMinutes: 30, targets: [{ type: 'user', id: me.user.id }] }],
      });
      await apiCall(page, base, 'PATCH', `/api/v1/services/${service.id}/escalation-policy`, {
        policyId: policy.id,
      });
      const incident = await apiCall<{ ref: string }>(page, base, 'POST', '/api/v1/incidents', {
        title: 'Card payments fail',
        status: 'triggered',
        serviceIds: [service.id],
      });

      // The mail server refuses: the incident's paging history shows the error and the next try.
      await waitForFailures(1, false);
      postponeRetries(10 * 60_000);
      await page.goto(`${base}/incidents/${incident.ref}`);
      const messages = page.getByTestId('incident-deliveries');
      await expectText(messages, '1 failing');
      const delivery = messages.getByTestId('delivery');
      await expectText(delivery, 'Retrying');
      await expectText(delivery, 'Admin · Email (admin@example.com)');
      await expectText(delivery.getByTestId('delivery-error'), 'mailbox unavailable');
      await expectText(delivery, /Attempt 1 of 6 failed · next try in (9|10)m/);
      await screenshots(page, 'failures-incident-retrying');

      // Given up: a dead letter, on the timeline and as a banner for admins on every page.
      await waitForFailures(6, true);
      await page.reload();
      await expectText(delivery, 'Failed');
      await expectText(delivery, 'Gave up after 6 attempts');
      await expectText(page.getByTestId('timeline-entry'), 'Could not notify Admin by email');
      await expectText(page.getByTestId('escalation-history'), /gave up: .*mailbox unavailable/);
      const banner = page.getByTestId('admin-warning-dead_letters');
      await expectText(
        banner,
        `1 notification could not be delivered and will not be retried (latest: ${incident.ref})`,
      );
      await screenshots(page, 'failures-incident-dead');
      await page.goto(`${base}/services`);
      await expectText(banner, '1 notification could not be delivered');
      await banner.getByRole('link', { name: 'Show dead letters' }).click();
      await expectText(page.getByTestId('outbox-row'), 'mailbox unavailable');
      await banner.getByRole('button', { name: 'Dismiss' }).click();
      await banner.waitFor({ state: 'detached', timeout: WAIT });
      await page.reload();
      await page.getByTestId('outbox-row').first().waitFor({ timeout: WAIT });
      await expectCount(banner, 0);

      // My notifications: the first method gets a rule, and a test shows the error, then success.
      await page.goto(`${base}/account/notifications`);
      await page.getByLabel('Email address').fill('pager@example.com');
      await page.getByLabel('Name (optional)').fill('Pager inbox');
      await page.getByRole('button', { name: 'Add contact method' }).click();
      await expectText(page.getByTestId('contact-method-added'), 'Beacon added a rule');
      await expectText(page.getByTestId('contact-method'), 'Pager inbox');
      await page.getByRole('button', { name: 'Send test notification to Pager inbox' }).click();
      const result = page.getByTestId('test-result');
      await expectText(result, /Test failed: .*mailbox unavailable/);
      await screenshots(page, 'failures-test-failed');
      smtp.isRejecting = false;
      await page.getByRole('button', { name: 'Send test notification to Pager inbox' }).click();
      await expectText(result, 'Test sent.');
      await expect
        .poll(() => smtp.messages.map((m) => m.subject))
        .toContain('[Beacon] TEST triggered: Test notification from Beacon');
      await page.getByRole('button', { name: 'Save rules' }).click();
      await expectText(page.getByTestId('rules-saved'), 'Rules saved: 1 rule.');
      await screenshots(page, 'failures-test-sent');
    } finally {
      await context.close();
    }
  }, 240_000);
});
