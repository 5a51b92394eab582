import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LEAVE_PROMPT } from '../../src/web/components/unsaved-changes.js';
import {
  WAIT,
  apiCall,
  expectExactText,
  expectValue,
  hasChromium,
  signIn,
  useBrowserSuite,
} from './beacon-server.js';

const SIZES = [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const;

/** Answer the next dialog (accept or dismiss) and resolve with its type and message. */
function nextDialog(page: Page, isAccepted: boolean): Promise<{ type: string; message: string }> {
  return new Promise((resolve) => {
    page.once('dialog', (dialog) => {
      resolve({ type: dialog.type(), message: dialog.message() });
      void (isAccepted ? dialog.accept() : dialog.dismiss());
    });
  });
}

/** Click the brand link (home) with edits on the page: dismissing stays, accepting leaves. */
async function leaveAsksFirst(page: Page, path: string): Promise<void> {
  const home = page.getByRole('link', { name: 'Beacon', exact: true });
  let dialog = nextDialog(page, false);
  await home.click();
  expect(await dialog).toEqual({ type: 'confirm', message: LEAVE_PROMPT });
  expect(new URL(page.url()).pathname).toBe(path);
  dialog = nextDialog(page, true);
  await home.click();
  expect((await dialog).message).toBe(LEAVE_PROMPT);
  await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: WAIT });
}

describe.skipIf(!hasChromium)('forms with unsaved edits', () => {
  const suite = useBrowserSuite();

  for (const [size, viewport] of SIZES) {
    it(`asks before the resolve and schedule forms lose edits, not after a save (${size})`, async () => {
      const context = await suite.browser.newContext({ viewport, isMobile: size === 'phone' });
      const page = await context.newPage();
      try {
        const base = suite.server.baseUrl;
        await signIn(page, base);
        const incident = await apiCall<{ ref: string }>(page, base, 'POST', '/api/v1/incidents', {
          title: `Checkout errors (${size})`,
        });

        // The resolve form: a typed summary is not lost to a stray click.
        await page.goto(`${base}/incidents/${incident.ref}`);
        await page.getByRole('button', { name: 'Resolve', exact: true }).click();
        const summary = page.getByLabel('Resolution summary');
        await summary.fill('Rolled back web-3; errors stopped.');
        await page.screenshot({ path: `${suite.shots}/unsaved-resolve-${size}.png` });
        const home = page.getByRole('link', { name: 'Beacon', exact: true });
        const dialog = nextDialog(page, false);
        await home.click();
        expect(await dialog).toEqual({ type: 'confirm', message: LEAVE_PROMPT });
        await expectValue(summary, 'Rolled back web-3; errors stopped.');
        await leaveAsksFirst(page, `/incidents/${incident.ref}`);

        // The new schedule form: the name counts past its limit instead of being cut.
        await page.goto(`${base}/oncall/schedules`);
        await page.getByRole('button', { name: 'New schedule' }).click();
        const form = page.getByRole('form', { name: 'New schedule' });
        const name = form.getByLabel('Schedule name');
        await name.fill('p'.repeat(210));
        await expectValue(name, 'p'.repeat(210));
        await expectExactText(form.getByTestId('length-count').first(), '210 / 200');
        await page.screenshot({ path: `${suite.shots}/unsaved-schedule-${size}.png` });
        await leaveAsksFirst(page, '/oncall/schedules');

        // Saved: going to the new schedule and away from it asks nothing.
        const asked: string[] = [];
        page.on('dialog', (d) => {
          asked.push(d.message());
          void d.dismiss();
        });
        await page.goto(`${base}/oncall/schedules`);
        await page.getByRole('button', { name: 'New schedule' }).click();
        await form.getByLabel('Schedule name').fill(`Primary (${size})`);
        await form.getByLabel('Start date').fill(new Date().toISOString().slice(0, 10));
        await form.getByLabel('Add person to layer 1').selectOption({ index: 1 });
        await form.getByRole('button', { name: 'Create schedule' }).click();
        await page.waitForURL(/\/oncall\/schedules\/\d+$/, { timeout: WAIT });
        await page.getByRole('link', { name: 'Beacon', exact: true }).click();
        await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: WAIT });
        expect(asked).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);
  }

  it('fits the alert status choice on a phone', async () => {
    const context = await suite.browser.newContext({ viewport: SIZES[1][1], isMobile: true });
    const page = await context.newPage();
    try {
      await signIn(page, suite.server.baseUrl);
      await page.goto(`${suite.server.baseUrl}/alerts`);
      const status = page.getByLabel('Alert status');
      await expectValue(status, 'open');
      // The chosen option's text, in the select's font, with its padding and arrow, fits its box.
      const room = await status.evaluate((select: HTMLSelectElement) => {
        const style = getComputedStyle(select);
        const context2d = document.createElement('canvas').getContext('2d');
        if (!context2d) throw new Error('no canvas');
        context2d.font = style.font;
        const text = context2d.measureText(select.selectedOptions[0]?.text ?? '').width;
        const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
        return select.clientWidth - padding - text;
      });
      expect(room).toBeGreaterThan(0);
      await page.screenshot({ path: `${suite.shots}/unsaved-alert-filters-phone.png` });
    } finally {
      await context.close();
    }
  }, 120_000);
});
