/** Helpers for browser tests: build the UI, start a real Beacon server, find Chromium. */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
export { buildWebIfStale } from '../../src/cli/web-build.js';
import { buildWebIfStale } from '../../src/cli/web-build.js';
import { freePort, startBeacon } from '../support/beacon-process.js';

export { freePort };
import { type Browser, type BrowserContext, type Locator, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const screenshotDir = '/tmp/beacon-screens';

/** Chromium flags that keep a headless test run quiet and self-contained. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const admin = { email: 'admin@example.com', password: 'correct-horse-battery' };

/** A running Beacon server and how to stop it. */
export interface RunningServer {
  baseUrl: string;
  stop: () => Promise<void>;
  log: () => string;
}

/**
 * Start `node bin/beacon.mjs serve` on a fresh data dir and wait until /readyz answers 200;
 * `env` adds settings (such as BEACON_SMTP_URL).
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'beacon-e2e-'));
  try {
    const beacon = await startBeacon(
      {
        BEACON_DATA_DIR: dataDir,
        BEACON_ADMIN_EMAIL: admin.email,
        BEACON_ADMIN_PASSWORD: admin.password,
        LOG_LEVEL: 'info',
        ...env,
      },
      60_000,
    );
    return {
      baseUrl: beacon.url,
      log: () => beacon.logs(),
      stop: async () => {
        await beacon.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Make sure the screenshot folder exists (outside the repository). */
export function ensureScreenshotDir(): string {
  mkdirSync(screenshotDir, { recursive: true });
  return screenshotDir;
}

/** How long a browser step may take before the test fails. */
export const WAIT = 15_000;

/** Whether the page is wider than its viewport (a phone would scroll sideways). */
export function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** Wait until one of `locator`'s matches shows `text`. */
export async function expectText(locator: Locator, text: string | RegExp, timeout = WAIT): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout });
}

/*
 * Web-first assertions: each waits until the page shows what the user would see, and fails
 * only when it still does not after `WAIT`. Never read the page once and compare: a slow
 * server makes such a test fail for nothing.
 */

/** Wait until `locator` matches exactly `count` elements. */
export async function expectCount(locator: Locator, count: number): Promise<void> {
  await expect
    .poll(() => locator.count(), { timeout: WAIT, message: `count of ${String(locator)}` })
    .toBe(count);
}

/** Wait until the checkbox `locator` is ticked (or not, with `isChecked` false). */
export async function expectChecked(locator: Locator, isChecked = true): Promise<void> {
  await expect
    .poll(() => locator.isChecked(), { timeout: WAIT, message: `${String(locator)} checked` })
    .toBe(isChecked);
}

/** Wait until the input or select `locator` holds `value` (or a value matching it). */
export async function expectValue(locator: Locator, value: string | RegExp): Promise<void> {
  const poll = expect.poll(() => locator.inputValue(), {
    timeout: WAIT,
    message: `value of ${String(locator)}`,
  });
  await (typeof value === 'string' ? poll.toBe(value) : poll.toMatch(value));
}

/** Wait until the text of `locator` (one element) is exactly `text`, trimmed. */
export async function expectExactText(locator: Locator, text: string): Promise<void> {
  await expect
    .poll(async () => (await locator.textContent())?.trim(), {
      timeout: WAIT,
      message: `text of ${String(locator)}`,
    })
    .toBe(text);
}

/** Sign in as the admin and land on the incident list. */
export async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login/, { timeout: WAIT });
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: WAIT });
}

/** Call the API with the page's session (cookie and CSRF token); fails the test on a non-2xx reply. */
export async function apiCall<T>(
  page: Page,
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const session = (await (await page.request.get(`${baseUrl}/api/v1/session`)).json()) as {
    csrfToken: string;
  };
  const response = await page.request.fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'x-csrf-token': session.csrfToken },
    ...(body === undefined ? {} : { data: body }),
  });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return (response.status() === 204 ? undefined : await response.json()) as T;
}

/**
 * Collect every Content-Security-Policy violation the pages of `context` report, from the
 * `securitypolicyviolation` event and from Chromium's console message; assert the list is empty.
 */
export async function recordCspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  context.on('console', (message) => {
    const text = message.text();
    if (/CSP violation|Content Security Policy/i.test(text))
      violations.push(`${message.page()?.url() ?? ''}: ${text}`);
  });
  return violations;
}

/** What a browser suite shares: one Beacon server, one Chromium, the screenshot folder. */
export interface BrowserSuite {
  readonly server: RunningServer;
  readonly browser: Browser;
  readonly shots: string;
}

/**
 * Start a Beacon server (with `env`, or what `env()` returns once the suite's earlier
 * `beforeAll` hooks have run) and Chromium before the enclosing suite, and stop both after
 * it. Read the fields inside tests.
 */
export function useBrowserSuite(
  env: Record<string, string> | (() => Record<string, string>) = {},
): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    buildWebIfStale();
    ensureScreenshotDir();
    server = await startServer(typeof env === 'function' ? env() : env);
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser suite has not started');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    shots: screenshotDir,
  };
}
