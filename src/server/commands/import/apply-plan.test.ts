import { expect, it } from 'vitest';
import type { ImportKind, ImportSetup } from '../../../core/schemas/import.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { usePagerDutySetup } from '../../../../test/support/server/import/import-test-helpers.js';
import { runImport } from './run-import.js';

describeEachDialect('import apply, stopped halfway', (dialect) => {
  const api = useApiHarness(dialect);
  const { readSetup } = usePagerDutySetup(api);

  /** Apply `setup`; `stopAfter` makes the apply throw right after the first record of that kind. */
  function apply(setup: ImportSetup, stopAfter?: ImportKind) {
    return runImport(api().db.ctx, setup, true, {
      caller: api().users.admin,
      signingSecret: 'import-test-secret',
      baseUrl: 'http://beacon.test',
      afterRecord: (kind) => {
        if (kind === stopAfter) throw new Error(`stopped after a ${kind}`);
      },
    });
  }

  async function counts() {
    const db = api().db.ctx.store.db;
    const count = async (table: 'integrations' | 'schedule_overrides' | 'maintenance_windows') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      integrations: await count('integrations'),
      overrides: await count('schedule_overrides'),
      maintenance: await count('maintenance_windows'),
    };
  }

  it('creates each integration, override and maintenance window once when re-run after a stop', async () => {
    const setup = await readSetup();
    const plan = await runImport(api().db.ctx, setup, false, {
      caller: api().users.admin,
      signingSecret: 'import-test-secret',
      baseUrl: 'http://beacon.test',
    });
    const created = (kind: ImportKind) =>
      plan.items.filter((item) => item.kind === kind && item.action === 'create').length;
    expect(created('integration')).toBeGreaterThan(0);
    expect(created('override')).toBeGreaterThan(0);
    expect(created('maintenance')).toBeGreaterThan(0);
    for (const kind of ['override', 'integration', 'maintenance'] as const) {
      await expect(apply(setup, kind)).rejects.toThrow(`stopped after a ${kind}`);
    }
    await apply(setup);
    expect(await counts()).toEqual({
      integrations: created('integration'),
      overrides: created('override'),
      maintenance: created('maintenance'),
    });
    await apply(setup);
    expect(await counts()).toEqual({
      integrations: created('integration'),
      overrides: created('override'),
      maintenance: created('maintenance'),
    });
  });
});
