import { describe, expect, it } from 'vitest';
import type { OnCallNow, Schedule } from '../../src/core/schemas/oncall.js';
import {
  apiCall,
  expectText,
  hasChromium,
  signIn,
  WAIT,
  useBrowserSuite,
  expectCount,
  recordCspViolations,
} from './beacon-server.js';

/** The browser's zone differs from the schedule's, so times must convert both ways. */
const BROWSER_ZONE = 'America/New_York';
const HOUR = 3_600_000;
const viewer = { email: 'vera@example.com', password: 'viewer-password-1' };

/** `datetime-local` text for an instant in the browser's zone ("2026-03-02T09:00"). */
function localInput(ms: number): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: BROWSER_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(ms)
    .replace(' ', 'T');
}

describe.skipIf(!hasChromium)('on-call schedules in the browser', () => {
  const suite = useBrowserSuite();
  let scheduleUrl = '';

  it(
    'creates a two-person schedule, overrides a shift and sees the override win everywhere',
    { timeout: 120_000 },
    async () => {
      const context = await suite.browser.newContext({
        viewport: { width: 1280, height: 900 },
        timezoneId: BROWSER_ZONE,
      });
      const cspViolations = await recordCspViolations(context);
      const page = await context.newPage();
      try {
        await signIn(page, suite.server.baseUrl);
        for (const [name, email, role] of [
          ['Ana Rivera', 'ana@example.com', 'responder'],
          ['Ben Okafor', 'ben@example.com', 'responder'],
          ['Vera Viewer', viewer.email, 'viewer'],
        ] as const) {
          await apiCall(page, suite.server.baseUrl, 'POST', '/api/v1/users', {
            name,
            email,
            role,
            password: email === viewer.email ? viewer.password : 'long-enough-password',
          });
        }

        await page.getByRole('link', { name: 'On-call', exact: true }).click();
        await page.waitForURL(/\/oncall\/schedules$/, { timeout: WAIT });
        await expectText(page.locator('.empty'), 'No on-call schedules yet');
        await page.getByRole('button', { name: 'New schedule' }).click();
        await page.getByLabel('Schedule name').fill('Platform primary');
        await page.getByLabel('Time zone').selectOption('Europe/Berlin');
        await page.getByLabel('Rotation').selectOption('daily');
        await page.getByLabel('Start date').fill(localInput(Date.now() - 3 * 24 * HOUR).slice(0, 10));
        await page.getByLabel('Add person to layer 1').selectOption({ label: 'Ana Rivera' });
        await page.getByLabel('Add person to layer 1').selectOption({ label: 'Ben Okafor' });
        await expectText(page.getByRole('list', { name: 'People in layer 1' }), 'Ben Okafor');
        await page.screenshot({ path: `${suite.shots}/oncall-schedule-form.png`, fullPage: true });
        await page.getByRole('button', { name: 'Create schedule' }).click();
        await page.waitForURL(/\/oncall\/schedules\/\d+$/, { timeout: WAIT });
        scheduleUrl = page.url();
        const id = scheduleUrl.split('/').at(-1) ?? '';

        const saved = await apiCall<Schedule>(page, suite.server.baseUrl, 'GET', `/api/v1/schedules/${id}`);
        expect(saved).toMatchObject({ timeZone: 'Europe/Berlin', layers: [{ rotation: { kind: 'daily' } }] });
        expect(saved.layers[0]?.participants).toHaveLength(2);

        // The timeline: both people take turns in the layer and in the final row; "now" is marked.
        const layerRow = page.getByTestId('timeline-layer-1');
        const finalRow = page.getByTestId('timeline-final');
        await expectText(layerRow, 'Ana Rivera');
        await expectText(layerRow, 'Ben Okafor');
        await expectText(finalRow, 'Ana Rivera');
        await expectText(finalRow, 'Ben Okafor');
        await page.getByTestId('timeline-now').waitFor({ timeout: WAIT });
        await expectCount(finalRow.locator('[data-source="override"]'), 0);
        // Daily handoffs at 09:00 Berlin: the window (from midnight in New York) cuts both ends.
        await finalRow.locator('[aria-label*="began before this window"]').first().waitFor({ timeout: WAIT });
        await finalRow.locator('[aria-label*="goes on after this window"]').last().waitFor({ timeout: WAIT });
        const before = await apiCall<OnCallNow>(
          page,
          suite.server.baseUrl,
          'GET',
          `/api/v1/schedules/${id}/oncall`,
        );
        expect(['Ana Rivera', 'Ben Okafor']).toContain(before.userName);
        await expectText(page.getByTestId('on-call-now'), before.userName ?? '');

        // Admin covers from an hour ago for three hours, typed in the browser's zone.
        const start = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
        const end = start + 3 * HOUR;
        const overrides = page.getByRole('region', { name: 'Overrides' });
        await overrides.getByLabel('Who covers').selectOption({ label: 'Admin' });
        await overrides.getByLabel('Start').fill(localInput(start));
        await overrides.getByLabel('End').fill(localInput(end));
        await overrides.getByRole('button', { name: 'Add override' }).click();
        await expectText(page.getByTestId('override'), 'Admin');
        const withOverride = await apiCall<Schedule>(
          page,
          suite.server.baseUrl,
          'GET',
          `/api/v1/schedules/${id}`,
        );
        expect(withOverride.overrides).toMatchObject([
          { userName: 'Admin', start: new Date(start).toISOString(), end: new Date(end).toISOString() },
        ]);

        await expectText(finalRow.locator('[data-source="override"]'), 'Admin');
        await expectText(page.getByTestId('timeline-overrides'), 'Admin');
        await expectText(page.getByTestId('on-call-now'), 'Admin');
        await expectText(page.getByTestId('on-call-now'), 'Override');
        await page.screenshot({ path: `${suite.shots}/oncall-schedule.png`, fullPage: true });

        // Across schedules: Admin is on call now for Platform primary, by override.
        await page.getByRole('link', { name: 'On-call', exact: true }).click();
        await expectText(page.getByTestId('schedule-row'), 'Admin');
        await page.screenshot({ path: `${suite.shots}/oncall-schedules.png`, fullPage: true });
        await page.getByRole('link', { name: 'On call now' }).click();
        const admin = page.getByTestId('oncall-person').filter({ hasText: 'Admin' });
        await expectText(admin, 'Platform primary');
        await expectText(admin, 'override');
        await expectText(admin, 'You');
        await page.screenshot({ path: `${suite.shots}/oncall-now.png`, fullPage: true });

        // My shifts lists the override; the personal feed is created on demand and serves iCalendar.
        await page.getByRole('link', { name: 'My shifts' }).click();
        await expectText(page.getByTestId('my-shift'), 'Platform primary');
        await expectText(page.getByTestId('my-shift'), 'Override');
        await page.getByRole('button', { name: 'Create calendar feed' }).click();
        const feed = page.getByRole('textbox', { name: 'My calendar URL' });
        await feed.waitFor({ timeout: WAIT });
        const feedUrl = await feed.inputValue();
        expect(feedUrl).toMatch(/\/calendar\/users\/[\w-]+\.ics$/);
        const ics = await fetch(feedUrl);
        expect(ics.headers.get('content-type')).toContain('text/calendar');
        expect(await ics.text()).toContain('BEGIN:VEVENT');
        await page.screenshot({ path: `${suite.shots}/oncall-my-shifts.png`, fullPage: true });

        // A phone: the page fits the screen; the timeline scrolls inside its own box.
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(scheduleUrl);
        await expectText(page.getByTestId('timeline-final'), 'Admin');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${suite.shots}/oncall-schedule-phone.png`, fullPage: true });
        await page.goto(`${suite.server.baseUrl}/oncall/now`);
        await expectText(page.getByTestId('oncall-person'), 'Admin');
        await page.screenshot({ path: `${suite.shots}/oncall-now-phone.png`, fullPage: true });

        // Removing the override gives the shift back to the rotation.
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto(scheduleUrl);
        page.once('dialog', (dialog) => void dialog.accept());
        await page.getByRole('button', { name: /Remove the override of Admin/ }).click();
        await expectText(page.getByRole('region', { name: 'Overrides' }), 'No upcoming overrides');
        await expectText(page.getByTestId('on-call-now'), before.userName ?? '');
        await expectCount(finalRow.locator('[data-source="override"]'), 0);
        // The timeline's positions and colours are style props: the CSP allows them without 'unsafe-inline'.
        expect(cspViolations).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('warns of nobody on call only for what is still to come', async () => {
    const context = await suite.browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: BROWSER_ZONE,
    });
    const page = await context.newPage();
    try {
      await signIn(page, suite.server.baseUrl);
      // Covered from a minute ago on: any gap in today's window is in the past.
      const start = new Date(Date.now() - 60_000);
      const schedule = await apiCall<Schedule>(page, suite.server.baseUrl, 'POST', '/api/v1/schedules', {
        name: 'Covered from now on',
        timeZone: 'UTC',
        layers: [
          {
            participants: [1],
            rotation: { kind: 'weekly' },
            handoffTime: start.toISOString().slice(11, 16),
            startDate: start.toISOString().slice(0, 10),
          },
        ],
      });
      await page.goto(`${suite.server.baseUrl}/oncall/schedules/${schedule.id}`);
      const finalRow = page.getByTestId('timeline-final');
      await expectText(finalRow, 'Admin');
      // The window starts at midnight in the browser's zone: now less the time of day there.
      const [hours, minutes] = localInput(Date.now()).slice(11).split(':').map(Number);
      const windowStart = Date.now() - ((hours ?? 0) * 60 + (minutes ?? 0) + 1) * 60_000;
      if (start.getTime() > windowStart + HOUR) await expectCount(finalRow.locator('[data-source="gap"]'), 1);
      await expectCount(page.locator('.tl-gaps'), 0);
      await page.screenshot({ path: `${suite.shots}/oncall-past-gap.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('shows viewers the schedule without any way to change it', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${suite.server.baseUrl}/login`);
      await page.getByLabel('Email').fill(viewer.email);
      await page.getByLabel('Password').fill(viewer.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: WAIT });
      await page.getByRole('link', { name: 'On-call', exact: true }).click();
      await expectText(page.getByTestId('schedule-row'), 'Platform primary');
      await expectCount(page.getByRole('button', { name: 'New schedule' }), 0);
      await page.getByRole('link', { name: 'Platform primary' }).click();
      await expectText(page.getByTestId('timeline-final'), 'Ana Rivera');
      await page.getByRole('textbox', { name: 'Schedule calendar URL' }).waitFor({ timeout: WAIT });
      for (const name of ['Edit layers', 'Delete', 'Add override']) {
        await expectCount(page.getByRole('button', { name }), 0);
      }
      await expectCount(page.getByTestId('timeline-final').getByRole('button'), 0);
      await page.screenshot({ path: `${suite.shots}/oncall-schedule-viewer.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });
});
