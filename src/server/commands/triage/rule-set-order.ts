import { ValidationError } from '../../../core/errors.js';
import type { TriageRuleSet, TriageRuleSetVersion } from '../../../core/schemas/triage.js';
import { listTriageRuleSets, setTriagePosition, triageVersionsOf } from '../../store/queries/triage.js';
import { auditChange } from '../audit-change.js';
import { type AppContext, type Caller, iso } from '../context.js';
import { loadRuleSet, viewRuleSet } from './rule-sets.js';
import type { z } from 'zod';

/** Put every rule set in a new order (each id once); sets run in this order. */
export async function reorderTriageRuleSets(
  ctx: AppContext,
  caller: Caller,
  ids: readonly number[],
): Promise<TriageRuleSet[]> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const sets = await listTriageRuleSets(tx);
    const known = new Set(sets.map((set) => set.id));
    if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id)))
      throw new ValidationError('ids', `must list each rule set id once: ${[...known].join(', ')}`);
    for (const [index, id] of ids.entries()) await setTriagePosition(tx, id, index + 1);
    await auditChange(tx, caller, now, 'triage_rule_set.reorder', null, { ids: [...ids] });
    return (await listTriageRuleSets(tx)).map(viewRuleSet);
  });
}

/** A rule set's saved versions, newest first (404 for a set that does not exist). */
export async function getTriageVersions(
  ctx: AppContext,
  id: number,
): Promise<z.infer<typeof TriageRuleSetVersion>[]> {
  await loadRuleSet(ctx.store.db, id);
  const rows = await triageVersionsOf(ctx.store.db, id);
  return rows.map((row) => ({
    version: row.version,
    name: row.name,
    mode: row.mode as TriageRuleSet['mode'],
    serviceId: row.service_id,
    isEnabled: row.is_enabled,
    rules: row.rules,
    savedAt: iso(row.saved_at),
    savedBy: row.saved_by === null ? null : { id: row.saved_by, name: row.saved_by_name ?? '' },
  }));
}
