import type { ImportResult, ImportSetup } from '../../../core/schemas/import.js';
import { auditChange } from '../audit-change.js';
import type { AppContext } from '../context.js';
import type { ApplyOptions } from './apply-plan.js';
import { runImport } from './run-import.js';

/**
 * The dry run of a set-up the server read from a source with an admin's key, recorded as
 * `import.read` (the source, its API and the plan's counts: the key is never kept).
 */
export async function planReadImport(
  ctx: AppContext,
  setup: ImportSetup,
  apiUrl: string,
  options: ApplyOptions,
): Promise<ImportResult> {
  const result = await runImport(ctx, setup, false, options);
  const counts = { create: 0, update: 0, skip: 0 };
  for (const item of result.items) counts[item.action]++;
  await ctx.store.transaction((tx) =>
    auditChange(tx, options.caller, ctx.clock.now(), 'import.read', setup.source, { apiUrl, ...counts }),
  );
  return result;
}
