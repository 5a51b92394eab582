import { afterEach } from 'vitest';
import { openAppContext } from '../../../src/server/app-context.js';
import type { AppContext } from '../../../src/server/commands/context.js';
import type { ApiHarness } from './api-harness.js';
import { whileMigrating } from './test-database.js';

/**
 * A second Beacon process on the harness's database (or the first one restarted): its own
 * context and connections on the same clock, closed after each test.
 */
export function useSecondProcess(api: () => ApiHarness): () => Promise<AppContext> {
  let other: AppContext | undefined;
  afterEach(async () => {
    await other?.store.close();
    other = undefined;
  });
  return async () => {
    const { db, clock } = api();
    other = await whileMigrating(() =>
      openAppContext({ databaseUrl: db.databaseUrl }, { clock, ...(db.schema ? { schema: db.schema } : {}) }),
    );
    return other;
  };
}
