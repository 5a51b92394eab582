import { expect, it } from 'vitest';
import type { AppContext } from '../../commands/context.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  serviceWithPolicy,
  trigger,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';
import { EscalationEngine } from './escalation-engine.js';

const MINUTE = 60_000;
/** How long the timer's round may take on a busy machine before the test gives up. */
const WAIT = 15_000;

/** How many escalation steps the timeline says fired. */
async function escalatedLines(ctx: AppContext): Promise<number> {
  const lines = await ctx.store.db
    .selectFrom('timeline_entries')
    .select('id')
    .where('kind', '=', 'escalated')
    .execute();
  return lines.length;
}

describeEachDialect('escalation engine', (dialect) => {
  const api = useApiHarness(dialect);

  it('fires a step due before the next tick on its own timer, and takes up nothing once closed', async () => {
    const { users, db } = api();
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 1, targets: [{ type: 'user', id: users.responder.userId }] },
      { delayMinutes: 1, targets: [{ type: 'user', id: users.viewer.userId }] },
    ]);
    await trigger(api(), serviceId, 'Checkout is down');
    const errors: unknown[] = [];
    const log = {
      error: (context: unknown) => errors.push(context),
      warn: (context: unknown) => errors.push(context),
    };
    const engine = new EscalationEngine(db.ctx, { notifyBundleSeconds: 0 }, log, { isPrecise: true });
    try {
      expect(await engine.tick()).toBe(1);
      expect(await escalatedLines(db.ctx)).toBe(1);
      // The second step is due in 100 ms, before the worker's next tick: its own timer fires it.
      api().clock.advance(MINUTE - 100);
      await engine.tick();
      expect(await escalatedLines(db.ctx)).toBe(1);
      api().clock.advance(100);
      await expect.poll(() => escalatedLines(db.ctx), { timeout: WAIT }).toBe(2);
    } finally {
      await engine.close();
    }
    expect(await engine.tick()).toBe(0);
    expect(errors).toEqual([]);
  });
});
