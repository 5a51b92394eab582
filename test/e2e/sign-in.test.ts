import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/server/commands/totp.js';
import { WAIT, admin, expectText, hasChromium, signIn, useBrowserSuite } from './beacon-server.js';

describe.skipIf(!hasChromium)('two-factor sign-in in the browser', () => {
  // Single sign-on is configured only so the login page offers it; the provider is never reached.
  const suite = useBrowserSuite({
    BEACON_OIDC_ISSUER: 'http://127.0.0.1:9/',
    BEACON_OIDC_CLIENT_ID: 'beacon',
    BEACON_OIDC_NAME: 'Keycloak',
  });

  it(
    'sets up two-factor on the account page, then asks for the code after the password',
    { timeout: 120_000 },
    async () => {
      const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      try {
        await page.goto(`${suite.server.baseUrl}/login`);
        await page.getByRole('link', { name: 'Sign in with Keycloak' }).waitFor({ timeout: WAIT });
        await page.screenshot({ path: join(suite.shots, 'sign-in-sso.png') });

        await signIn(page, suite.server.baseUrl);
        await page.goto(`${suite.server.baseUrl}/account`);
        const card = page.getByRole('region', { name: 'Two-factor authentication' });
        await expectText(card, 'Off.');
        await card.getByRole('button', { name: 'Set up two-factor authentication' }).click();
        const secret =
          (await card.getByLabel('Setup key', { exact: true }).textContent({ timeout: WAIT })) ?? '';
        await expectText(
          card.getByLabel('Authenticator link', { exact: true }),
          /^otpauth:\/\/totp\/Beacon:/,
        );
        await page.screenshot({ path: join(suite.shots, 'two-factor-setup.png'), fullPage: true });
        await card.getByLabel('Code from your app').fill(totpCodeAt(secret, Date.now()));
        await card.getByRole('button', { name: 'Turn on' }).click();
        await expectText(card, 'Keep these recovery codes somewhere safe');
        const codes = ((await card.getByLabel('Recovery codes', { exact: true }).textContent()) ?? '').split(
          '\n',
        );
        expect(codes).toHaveLength(10);
        await page.screenshot({ path: join(suite.shots, 'two-factor-on.png'), fullPage: true });

        await context.clearCookies();
        await page.goto(`${suite.server.baseUrl}/login`);
        await page.getByLabel('Email').fill(admin.email);
        await page.getByLabel('Password').fill(admin.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor({ timeout: WAIT });
        await page.getByLabel('Authentication code').fill('000000');
        await page.getByRole('button', { name: 'Verify' }).click();
        await expectText(page.locator('.field'), 'is wrong or already used');
        await page.screenshot({ path: join(suite.shots, 'two-factor-code.png') });
        // The next time step's code: the one used to turn two-factor on may not be used again.
        await page.getByLabel('Authentication code').fill(totpCodeAt(secret, Date.now() + 30_000));
        await page.getByRole('button', { name: 'Verify' }).click();
        await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: WAIT });
      } finally {
        await context.close();
      }
    },
  );
});
