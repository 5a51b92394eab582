import type { ImportResult } from '../../../../src/core/schemas/import.js';
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
