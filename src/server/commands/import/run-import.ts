import { compareImportedSchedules } from '../../../core/import/compare-schedules.js';
import { planImport } from '../../../core/import/plan.js';
import type { ImportPlanItem, ImportResult, ImportSetup } from '../../../core/schemas/import.js';
import { listIntegrations } from '../../store/queries/integrations.js';
import { auditChange } from '../audit-change.js';
import type { AppContext } from '../context.js';
import { type ApplyOptions, PlanApplier, importedIntegrations } from './apply-plan.js';
import { loadImportState } from './import-state.js';

/**
 * Plan the import of another tool's set-up and, when `apply`, carry it out (admins; audited).
 * The reply lists every item with what was (or would be) done, the integrations with their old
 * and new keys, and for each schedule whether Beacon puts the same person on call as the source.
 */
export async function runImport(
  ctx: AppContext,
  setup: ImportSetup,
  apply: boolean,
  options: ApplyOptions,
): Promise<ImportResult> {
  const state = await loadImportState(ctx, setup.source);
  const planned = planImport(setup, state);
  let applier: PlanApplier | null = null;
  if (apply) {
    applier = new PlanApplier(ctx, setup, planned, options);
    await applier.apply();
    const counts = { create: 0, update: 0, skip: 0 };
    for (const item of planned) counts[item.action]++;
    await ctx.store.transaction((tx) =>
      auditChange(tx, options.caller, ctx.clock.now(), 'import.apply', setup.source, counts),
    );
  }
  const items: ImportPlanItem[] = planned.map(
    ({ fingerprint: _fingerprint, removeUserIds: _removeUserIds, ...item }) => item,
  );
  const prefixes = new Map((await listIntegrations(ctx.store.db)).map((row) => [row.id, row.key_prefix]));
  return {
    source: setup.source,
    applied: apply,
    items,
    integrations: importedIntegrations(setup, items, applier?.keys ?? new Map(), prefixes),
    comparisons: compareImportedSchedules(setup, items, state.now),
  };
}
