import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupWithoutSecrets } from '../../src/core/import/saved-setup.js';
import { PagerDutyClient } from '../../src/server/import/pagerduty/pagerduty-client.js';
import { readPagerDutySetup } from '../../src/server/import/pagerduty/read-pagerduty.js';
import { type FakePagerDuty, startFakePagerDuty } from '../support/fakes/pagerduty-api.js';
import { OLD_EVENTS_KEY, pagerDutyAccount } from '../support/fakes/pagerduty-fixtures.js';
import { startFakeOpsgenie } from '../support/fakes/opsgenie-api.js';
import { opsgenieAccount } from '../support/fakes/opsgenie-fixtures.js';
import {
  WAIT,
  apiCall,
  chromiumPath,
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

describe.skipIf(!hasChromium)('importing from PagerDuty in the browser', () => {
  // The server reads the loopback fake: the suite's server allows loopback (BEACON_OUTBOUND_ALLOW).
  const suite = useBrowserSuite();
  let fake: FakePagerDuty;
  let folder: string;

  beforeAll(async () => {
    fake = await startFakePagerDuty(pagerDutyAccount(Date.now()), () => Date.now());
    folder = await mkdtemp(path.join(os.tmpdir(), 'beacon-e2e-import-'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('reads with a key on a phone, shows the plan, applies it with the new address, and a re-read creates nothing', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const cspViolations = await recordCspViolations(context);
    const page = await context.newPage();
    const baseUrl = suite.server.baseUrl;
    try {
      await signIn(page, baseUrl);
      await page.goto(`${baseUrl}/admin/import`);
      const form = page.getByRole('form', { name: 'Read from the source' });
      await expect
        .poll(() => form.getByLabel('API URL').inputValue(), { timeout: WAIT })
        .toBe('https://api.pagerduty.com');
      await form.getByLabel('API URL').fill(fake.url);

      // A wrong key is named next to its field, and nothing is planned.
      await form.getByLabel('PagerDuty REST API key').fill('not-the-key');
      await form.getByRole('button', { name: 'Read and plan' }).click();
      await expectText(form, 'PagerDuty refused this REST API key');

      await form.getByLabel('PagerDuty REST API key').fill(fake.token);
      await form.getByRole('button', { name: 'Read and plan' }).click();
      const dryRun = page.getByRole('region', { name: 'Dry run' });
      await expectText(dryRun.getByTestId('import-counts'), /\d+ to create/);
      await expectText(dryRun.getByRole('region', { name: 'Plan' }), 'Platform primary');
      await expectText(dryRun.getByRole('region', { name: 'Plan' }), '5400 seconds');
      await expectText(
        dryRun.getByRole('region', { name: 'Integrations' }),
        'https://events.pagerduty.com/v2/enqueue',
      );
      await expectText(dryRun.getByRole('region', { name: 'Integrations' }), 'made when applied');
      await expectText(
        dryRun.getByRole('region', { name: 'Schedules' }),
        'the same person on call at every one',
      );
      expect(await overflowsSideways(page), 'the plan scrolls sideways at 390 px').toBe(false);
      await page.screenshot({ path: `${suite.shots}/import-plan-390.png`, fullPage: true });
      await page.screenshot({ path: `${suite.shots}/import-form-390.png` });

      page.once('dialog', (dialog) => void dialog.accept());
      await dryRun.getByRole('button', { name: 'Apply' }).click();
      const applied = page.getByRole('region', { name: 'Applied' });
      await expectText(applied.getByTestId('import-counts'), /\d+ created/);
      await expect
        .poll(
          () =>
            applied
              .getByLabel(/^New address of /)
              .first()
              .inputValue(),
          { timeout: WAIT },
        )
        .toBe(`${baseUrl}/v2/enqueue`);
      expect(await applied.getByTestId('import-new-key').first().inputValue()).toMatch(/^[0-9a-f]{32}$/);
      expect(await overflowsSideways(page), 'the applied report scrolls sideways at 390 px').toBe(false);
      await page.screenshot({ path: `${suite.shots}/import-applied-390.png`, fullPage: true });
      await applied
        .getByRole('region', { name: 'Integrations' })
        .screenshot({ path: `${suite.shots}/import-applied-integrations-390.png` });

      // Reading again finds everything imported: nothing to create or update.
      await form.getByRole('button', { name: 'Read and plan' }).click();
      await expectText(
        page.getByRole('region', { name: 'Dry run' }).getByTestId('import-counts'),
        /^0 to create, 0 to update/,
      );
      await expectText(page.getByRole('region', { name: 'Integrations' }), 'imported earlier');

      // A set-up saved on another machine plans the same way once uploaded.
      const setup = await readPagerDutySetup(
        new PagerDutyClient({ token: fake.token, apiUrl: fake.url, wait: () => Promise.resolve() }),
        { now: Date.now() },
      );
      const file = path.join(folder, 'setup.json');
      await writeFile(file, JSON.stringify(setupWithoutSecrets(setup)));
      await page.getByLabel('Set-up file (JSON)').setInputFiles(file);
      await expectText(page.getByRole('heading', { name: /^Plan from / }), 'setup.json');
      await expectText(page.getByTestId('import-counts'), /^0 to create, 0 to update/);
      expect(await page.content()).not.toContain(OLD_EVENTS_KEY.slice(8));
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 150_000);

  it('reads Opsgenie with its API key, prefilled with its default API, and lists what it leaves behind', async () => {
    const og = await startFakeOpsgenie(opsgenieAccount(Date.now()), () => Date.now());
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const baseUrl = suite.server.baseUrl;
    try {
      await signIn(page, baseUrl);
      await page.goto(`${baseUrl}/admin/import`);
      const form = page.getByRole('form', { name: 'Read from the source' });
      await expect
        .poll(() => form.getByLabel('Source').locator('option').count(), { timeout: WAIT })
        .toBeGreaterThan(1);
      await form.getByLabel('Source').selectOption('opsgenie');
      expect(await form.getByLabel('API URL').inputValue()).toBe('https://api.opsgenie.com');
      await form.getByLabel('API URL').fill(og.url);
      await form.getByLabel('Opsgenie API key').fill(og.apiKey);
      await form.getByRole('button', { name: 'Read and plan' }).click();
      const dryRun = page.getByRole('region', { name: 'Dry run' });
      await expectText(dryRun.getByTestId('import-counts'), /\d+ to create/);
      await expectText(dryRun.getByRole('region', { name: 'Also read' }), 'Heartbeats');
    } finally {
      await context.close();
      await og.close();
    }
  }, 90_000);

  it('is in the Admin menu for admins only; a viewer gets the not-allowed view', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const baseUrl = suite.server.baseUrl;
    try {
      await signIn(page, baseUrl);
      await page.locator('summary.nav-link', { hasText: /^Admin$/ }).click();
      await page.getByRole('menuitem', { name: 'Import' }).click();
      await page.getByRole('heading', { name: 'Import', exact: true }).waitFor({ timeout: WAIT });
      await apiCall(page, baseUrl, 'POST', '/api/v1/users', {
        email: 'vic@example.com',
        name: 'Vic',
        role: 'viewer',
        password: 'viewer-pass-long-1',
      });
    } finally {
      await context.close();
    }
    const viewer = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const asViewer = await viewer.newPage();
    try {
      await asViewer.goto(`${baseUrl}/login`);
      await asViewer.getByLabel('Email').fill('vic@example.com');
      await asViewer.getByLabel('Password').fill('viewer-pass-long-1');
      await asViewer.getByRole('button', { name: 'Sign in' }).click();
      await asViewer.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: WAIT });
      expect(await asViewer.locator('summary.nav-link', { hasText: /^Admin$/ }).count()).toBe(0);
      await asViewer.goto(`${baseUrl}/admin/import`);
      await expectText(asViewer.locator('.alert-error'), 'Only administrators can see this page.');
      expect(await asViewer.getByRole('form', { name: 'Read from the source' }).count()).toBe(0);
    } finally {
      await viewer.close();
    }
  }, 90_000);
});
