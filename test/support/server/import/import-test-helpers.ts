import { afterEach, beforeEach, expect } from 'vitest';
import type { ImportResult, ImportSetup } from '../../../../src/core/schemas/import.js';
import { PagerDutyClient } from '../../../../src/server/import/pagerduty/pagerduty-client.js';
import { readPagerDutySetup } from '../../../../src/server/import/pagerduty/read-pagerduty.js';
import { type FakePagerDuty, startFakePagerDuty } from '../../fakes/pagerduty-api.js';
import { pagerDutyAccount } from '../../fakes/pagerduty-fixtures.js';
import type { ApiHarness } from '../api-harness.js';
import { ok } from '../http/api-test-helpers.js';

/** Everything an import writes, as the API shows it. */
export async function beaconState(api: ApiHarness) {
  const paths = [
    '/api/v1/users',
    '/api/v1/teams',
    '/api/v1/schedules',
    '/api/v1/escalation-policies',
    '/api/v1/services',
    '/api/v1/integrations',
    '/api/v1/maintenance',
  ];
  const state: Record<string, unknown> = {};
  for (const path of paths) state[path] = ok(await api.call('GET', path));
  return state;
}

/** An import's items without the ids Beacon gave them (a dry run has none). */
export function withoutIds(result: ImportResult) {
  return result.items.map(({ beaconId: _beaconId, ...item }) => item);
}

/** `POST /api/v1/imports` with `setup`: its plan, or its apply. */
export async function postImport(api: ApiHarness, setup: ImportSetup, apply: boolean): Promise<ImportResult> {
  return ok<ImportResult>(await api.call('POST', '/api/v1/imports', { body: { setup, apply } }));
}

/** The dry run of `setup`, checked to change nothing, then its apply, checked to do just what it listed. */
export async function planThenApply(
  api: ApiHarness,
  setup: ImportSetup,
): Promise<{ dryRun: ImportResult; applied: ImportResult }> {
  const before = await beaconState(api);
  const dryRun = await postImport(api, setup, false);
  expect(await beaconState(api)).toEqual(before);
  const applied = await postImport(api, setup, true);
  expect(withoutIds(applied)).toEqual(withoutIds(dryRun));
  return { dryRun, applied };
}

/**
 * A loopback PagerDuty with the fixture account for each test of the file, and the set-up
 * Beacon's reader makes of it (its rate-limit waits skipped).
 */
export function usePagerDutySetup(api: () => ApiHarness): { readSetup: () => Promise<ImportSetup> } {
  let fake: FakePagerDuty | undefined;
  beforeEach(async () => {
    fake = await startFakePagerDuty(pagerDutyAccount(api().clock.now()), () => api().clock.now());
  });
  afterEach(async () => {
    await fake?.close();
  });
  return {
    readSetup: () => {
      if (!fake) throw new Error('usePagerDutySetup: read in a test');
      const client = new PagerDutyClient({
        token: fake.token,
        apiUrl: fake.url,
        wait: () => Promise.resolve(),
      });
      return readPagerDutySetup(client, { now: api().clock.now() });
    },
  };
}
