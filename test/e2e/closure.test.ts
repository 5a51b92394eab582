import { describe, expect, it } from 'vitest';
import type { IncidentFollowUps } from '../../src/core/schemas/follow-ups.js';
import type { Incident } from '../../src/core/schemas/incident.js';
import {
  WAIT,
  apiCall,
  chromiumPath,
  expectCount,
  expectText,
  hasChromium,
  overflowsSideways,
  recordCspViolations,
  signIn,
  useBrowserSuite,
} from './beacon-server.js';

if (!hasChromium) {
  console.warn(`\n  Browser tests are SKIPPED: ${chromiumPath} not found (apt-get install chromium).\n`);
}

describe.skipIf(!hasChromium)('closing an incident and following up, in the browser', () => {
  const suite = useBrowserSuite();
  let incidentRef = '';

  it('records the resolution, adds follow-ups, is refused closing before the review is published, then closes', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const cspViolations = await recordCspViolations(context);
    const page = await context.newPage();
    const baseUrl = suite.server.baseUrl;
    try {
      await signIn(page, baseUrl);
      const incident = await apiCall<Incident>(page, baseUrl, 'POST', '/api/v1/incidents', {
        title: 'Payments database out of disk',
        severity: 'SEV1',
        status: 'triggered',
      });
      incidentRef = incident.ref;
      await apiCall(page, baseUrl, 'POST', `/api/v1/incidents/${incident.ref}/acknowledge`, {});
      await page.goto(`${baseUrl}/incidents/${incident.ref}`);

      // The record says what this severity needs, and takes the fields.
      const record = page.getByRole('region', { name: 'Resolution record' });
      await expectText(record.getByTestId('resolution-gaps'), 'Resolution summary is required to resolve');
      await record.getByRole('button', { name: 'Edit record' }).click();
      const form = page.getByRole('form', { name: 'Edit resolution record' });
      await form.getByLabel('Resolution summary').fill('Dropped the stale replication slot.');
      await form.getByLabel('Root cause category').selectOption('capacity');
      await form
        .getByLabel('Root cause (required to close)')
        .fill('A stale slot kept WAL until the disk filled.');
      await form.getByLabel('Contributing factors').fill('No alert on disk usage.');
      await form.getByLabel('Fix').fill('Slots are dropped with their replica.');
      await form.getByLabel('Workaround').fill('Moved WAL to a bigger volume.');
      await form.getByLabel('Customer impact').fill('Card payments failed for 40 minutes.');
      await form.getByRole('button', { name: 'Save record' }).click();
      await expectText(record, 'A stale slot kept WAL until the disk filled.');
      await expectText(record, 'capacity');
      await expectCount(record.getByTestId('resolution-gaps'), 0);

      // Resolve: the form knows what SEV1 needs; the review is drafted.
      await page.getByRole('button', { name: 'Resolve', exact: true }).click();
      await expectText(page.getByTestId('required-to-step'), 'SEV1 needs Resolution summary to resolve.');
      await page.getByRole('button', { name: 'Resolve incident' }).click();
      await expectText(page.getByTestId('status-badge'), 'Resolved');
      await expectText(page.locator('.incident-review-card'), 'Drafted from the timeline.');
      await expectText(
        record.getByTestId('resolution-gaps'),
        'Review must be published before a SEV1 incident can close',
      );

      // Two follow-ups from the incident's panel, one of them already overdue.
      const panel = page.getByRole('region', { name: 'Follow-ups' });
      const add = panel.getByRole('form', { name: 'Add follow-up' });
      await add.getByLabel('New follow-up').fill('Alert on disk usage at 80%');
      await add.getByLabel('Owner').selectOption({ label: 'Admin' });
      await add.getByLabel('Due').fill('2026-01-15');
      await add.getByRole('button', { name: 'Add' }).click();
      await expectCount(panel.getByTestId('incident-follow-up'), 1);
      await add.getByLabel('New follow-up').fill('Drop replication slots with their replica');
      await add.getByRole('button', { name: 'Add' }).click();
      await expectCount(panel.getByTestId('incident-follow-up'), 2);
      await expectText(panel.getByTestId('open-follow-ups'), '2 open follow-ups');
      await expectText(panel.getByTestId('follow-up-due').first(), 'Overdue');
      await page.screenshot({ path: `${suite.shots}/closure-incident-panel.png`, fullPage: true });

      // The review's follow-ups block shows them as they are.
      await page.goto(`${baseUrl}/incidents/${incident.ref}/review`);
      const preview = page.locator('.review-preview');
      await expectText(preview, /Alert on disk usage at 80% \(open, owner Admin/);
      await expectText(preview, /Drop replication slots with their replica \(open, no owner/);

      // Closing before the review is published is refused, saying why, in the form.
      await page.goto(`${baseUrl}/incidents/${incident.ref}`);
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      await page.getByRole('button', { name: 'Close incident' }).click();
      const refusal = page.getByTestId('closure-refusal');
      await expectText(refusal, 'This incident cannot close yet.');
      await expectText(refusal, 'Review must be published before a SEV1 incident can close');
      await page.screenshot({ path: `${suite.shots}/closure-refused.png`, fullPage: true });
      await refusal.getByRole('link', { name: 'Open the review' }).click();
      await page.waitForURL(new RegExp(`/incidents/${incident.ref}/review$`), { timeout: WAIT });

      // Publish the review, then the incident closes with its follow-ups still open.
      await page.getByRole('button', { name: 'Send for review…' }).click();
      await page.locator('.review-picker').getByLabel('Admin').check();
      await page.locator('.review-picker').getByRole('button', { name: 'Send for review' }).click();
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.getByRole('button', { name: 'Publish' }).click();
      await expectText(page.locator('.review-workflow'), 'Published');
      await page.goto(`${baseUrl}/incidents/${incident.ref}`);
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      await page.getByRole('button', { name: 'Close incident' }).click();
      await expectText(page.getByTestId('status-badge'), 'Closed');
      await expectText(panel.getByTestId('open-follow-ups'), '2 open follow-ups');

      // The follow-ups page lists them, reached from the Learn menu.
      await page.locator('summary', { hasText: 'Learn' }).click();
      await page.getByRole('menuitem', { name: 'Follow-ups' }).click();
      await page.getByRole('heading', { name: 'Follow-ups' }).waitFor({ timeout: WAIT });
      const rows = page.getByTestId('follow-up-row');
      await expectCount(rows, 2);
      const overdue = rows.filter({ hasText: 'Alert on disk usage at 80%' });
      await expectText(overdue.getByTestId('follow-up-due'), 'Overdue');
      await expectText(overdue, incident.ref);
      await page.screenshot({ path: `${suite.shots}/closure-follow-ups.png`, fullPage: true });
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);

  it('opens the follow-up a reminder links to, even when the filters hide it, and marks it done', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const baseUrl = suite.server.baseUrl;
    try {
      await signIn(page, baseUrl);
      const { items } = await apiCall<IncidentFollowUps>(
        page,
        baseUrl,
        'GET',
        `/api/v1/incidents/${incidentRef}/follow-ups`,
      );
      const target = items.find((f) => f.title.startsWith('Drop replication slots'));
      if (!target) throw new Error('the follow-up of the first test is missing');

      // Filtered to done ones, the open follow-up would not show; the link's focus shows it anyway.
      await page.goto(`${baseUrl}/follow-ups?state=done&focus=${String(target.id)}`);
      const row = page.locator(`#follow-up-${String(target.id)}`);
      await expectText(row, 'Shown from the link; the filters hide it.');
      expect(await row.getAttribute('aria-current')).toBe('true');
      await row.getByRole('button', { name: `Mark done ${target.ref}` }).click();
      await expectText(row.getByTestId('follow-up-state'), 'Done');

      // Won't do needs a reason; reopening brings it back.
      await page.goto(`${baseUrl}/follow-ups?focus=${String(target.id)}&state=all`);
      await row.getByRole('button', { name: `Reopen ${target.ref}` }).click();
      await expectText(row.getByTestId('follow-up-state'), 'Open');
      await row.getByRole('button', { name: "Won't do…" }).click();
      await row.getByRole('button', { name: "Won't do", exact: true }).click();
      await expectText(row, "Say why it won't be done");
      await row.getByLabel("Reason it won't be done").fill('The replicas are going away.');
      await row.getByRole('button', { name: "Won't do", exact: true }).click();
      await expectText(row.getByTestId('follow-up-state'), "Won't do");
      await expectText(row, "Won't do: The replicas are going away.");

      // Edit from the page: a ticket link shows on the row.
      await row.getByRole('button', { name: `Edit ${target.ref}` }).click();
      const edit = page.getByRole('form', { name: `Edit ${target.ref}` });
      await edit.getByLabel('Ticket link').fill('https://tracker.example.com/OPS-12');
      await edit.getByRole('button', { name: 'Save follow-up' }).click();
      await row.getByRole('link', { name: 'Ticket ↗' }).waitFor({ timeout: WAIT });

      // The overdue filter keeps only the overdue one.
      await page.goto(`${baseUrl}/follow-ups?overdue=true`);
      await expectCount(page.getByTestId('follow-up-row'), 1);
      await expectText(page.getByTestId('follow-up-row'), 'Alert on disk usage at 80%');

      // A viewer reads the list and the panel but is offered no writes.
      await apiCall(page, baseUrl, 'POST', '/api/v1/users', {
        email: 'vera@example.com',
        name: 'Vera',
        role: 'viewer',
        password: 'viewer-pass-long-1',
      });
      const viewer = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const asViewer = await viewer.newPage();
      try {
        await asViewer.goto(`${baseUrl}/login`);
        await asViewer.getByLabel('Email').fill('vera@example.com');
        await asViewer.getByLabel('Password').fill('viewer-pass-long-1');
        await asViewer.getByRole('button', { name: 'Sign in' }).click();
        await asViewer.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: WAIT });
        await asViewer.goto(`${baseUrl}/follow-ups?state=all`);
        await expectCount(asViewer.getByTestId('follow-up-row'), 2);
        expect(await asViewer.getByRole('button', { name: 'New follow-up' }).count()).toBe(0);
        expect(await asViewer.getByRole('button', { name: /^Mark done/ }).count()).toBe(0);
        await asViewer.goto(`${baseUrl}/incidents/${incidentRef}`);
        await expectCount(asViewer.getByTestId('incident-follow-up'), 2);
        expect(await asViewer.getByRole('form', { name: 'Add follow-up' }).count()).toBe(0);
        expect(await asViewer.getByRole('button', { name: 'Edit record' }).count()).toBe(0);
      } finally {
        await viewer.close();
      }
    } finally {
      await context.close();
    }
  }, 150_000);

  it('changes the resolution settings, and every screen fits a phone', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const baseUrl = suite.server.baseUrl;
    try {
      await signIn(page, baseUrl);
      await page.goto(`${baseUrl}/admin/settings`);
      const card = page.getByRole('form', { name: 'Resolution and follow-ups' });
      await card.getByRole('button', { name: 'SEV2' }).click();
      await card.getByRole('group', { name: 'SEV2: to resolve' }).getByLabel('Root cause category').check();
      // Required to resolve is required to close as well.
      expect(
        await card
          .getByRole('group', { name: 'SEV2: to close' })
          .getByLabel('Root cause category')
          .isChecked(),
      ).toBe(true);
      await card.getByLabel('Auto-close after (days)').fill('7');
      await card.getByRole('button', { name: 'Save resolution settings' }).click();
      await expectText(card, 'Saved.');
      const saved = await apiCall<{ requirements: { SEV2: { resolve: string[] } }; autoCloseDays: number }>(
        page,
        baseUrl,
        'GET',
        '/api/v1/settings/resolution',
      );
      expect(saved.requirements.SEV2.resolve).toEqual(['resolutionSummary', 'rootCauseCategory']);
      expect(saved.autoCloseDays).toBe(7);
      const reviews = page.getByRole('form', { name: 'Post-incident reviews' });
      await reviews.getByLabel('SEV3').check();
      await reviews.getByRole('button', { name: 'Save review rule' }).click();
      await expectText(reviews, 'Saved.');
      await card.getByRole('button', { name: 'SEV1' }).click();
      await page.screenshot({ path: `${suite.shots}/closure-settings.png`, fullPage: true });

      // A SEV2 now asks for the category in the resolve form, and names it when it is left out.
      const sev2 = await apiCall<Incident>(page, baseUrl, 'POST', '/api/v1/incidents', {
        title: 'Search slow',
        severity: 'SEV2',
      });
      await page.goto(`${baseUrl}/incidents/${sev2.ref}`);
      await page.getByRole('button', { name: 'Resolve', exact: true }).click();
      await expectText(
        page.getByTestId('required-to-step'),
        'SEV2 needs Resolution summary, root cause category to resolve.',
      );
      const resolve = page.getByRole('form', { name: 'Resolve incident' });
      await resolve.getByLabel('Resolution summary').fill('Index rebuilt.');
      await resolve.getByRole('button', { name: 'Resolve incident' }).click();
      await expectText(resolve, 'Required to resolve');
      await resolve.getByLabel('Root cause category').selectOption('software bug');
      await resolve.getByRole('button', { name: 'Resolve incident' }).click();
      await expectText(page.getByTestId('status-badge'), 'Resolved');
    } finally {
      await context.close();
    }

    const phone = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const small = await phone.newPage();
    try {
      await signIn(small, baseUrl);
      for (const [path, name, ready] of [
        ['/follow-ups', 'follow-ups', 'Alert on disk usage at 80%'],
        [`/incidents/${incidentRef}`, 'incident-panel', 'open follow-up'],
        ['/admin/settings', 'settings', 'Root-cause categories'],
      ] as const) {
        await small.goto(`${baseUrl}${path}`);
        await expectText(small.locator('main'), ready);
        expect(await overflowsSideways(small), `${path} scrolls sideways on a phone`).toBe(false);
        if (name === 'incident-panel') {
          await small.getByRole('region', { name: 'Follow-ups' }).scrollIntoViewIfNeeded();
          await small.screenshot({ path: `${suite.shots}/closure-${name}-phone.png` });
        }
        await small.screenshot({ path: `${suite.shots}/closure-${name}-phone-full.png`, fullPage: true });
      }
    } finally {
      await phone.close();
    }
  }, 180_000);
});
