import { ConflictError, NotFoundError, ValidationError } from '../../../core/errors.js';
import type {
  CreateTriageRuleSetBody,
  TriageRule,
  TriageRuleSet,
  UpdateTriageRuleSetBody,
} from '../../../core/schemas/triage.js';
import {
  type TriageRuleSetRecord,
  deleteTriageRuleSet,
  findTriageRuleSet,
  insertTriageRuleSet,
  insertTriageVersion,
  listTriageRuleSets,
  nextTriagePosition,
  updateTriageRuleSetAtVersion,
} from '../../store/queries/triage.js';
import { findServiceById } from '../../store/queries/services.js';
import type { Executor } from '../../store/store.js';
import { auditChange } from '../audit-change.js';
import { type AppContext, type Caller, iso } from '../context.js';
import { assertRuleSetValid, withRuleIds } from './check-rule-set.js';

/** A stored rule set as the API shows it. */
export function viewRuleSet(row: TriageRuleSetRecord & { service_name: string | null }): TriageRuleSet {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    service: row.service_id === null ? null : { id: row.service_id, name: row.service_name ?? '' },
    mode: row.mode as TriageRuleSet['mode'],
    isEnabled: row.is_enabled,
    position: row.position,
    version: row.version,
    rules: row.rules,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Every rule set, in the order they run. */
export async function getTriageRuleSets(ctx: AppContext): Promise<TriageRuleSet[]> {
  return (await listTriageRuleSets(ctx.store.db)).map(viewRuleSet);
}

/** One rule set, or 404. */
export async function getTriageRuleSet(ctx: AppContext, id: number): Promise<TriageRuleSet> {
  return viewStored(ctx.store.db, await loadRuleSet(ctx.store.db, id));
}

/** Create a rule set at the end of the order; it is version 1. */
export async function createTriageRuleSet(
  ctx: AppContext,
  caller: Caller,
  body: CreateTriageRuleSetBody,
): Promise<TriageRuleSet> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    await assertRuleSetValid(tx, body);
    const { rules, nextRuleId } = withRuleIds(body.rules, 1);
    const row = await insertTriageRuleSet(tx, {
      name: body.name,
      description: body.description,
      service_id: body.serviceId,
      mode: body.mode,
      is_enabled: body.isEnabled,
      position: await nextTriagePosition(tx),
      version: 1,
      rules,
      next_rule_id: nextRuleId,
      created_at: now,
      updated_at: now,
    });
    await keepVersion(tx, row, caller, now);
    await auditChange(tx, caller, now, 'triage_rule_set.create', row.id, { after: body });
    return viewStored(tx, row);
  });
}

/**
 * Change a rule set (`rules`, when given, replace them all, in order) as a new version;
 * 409 when `version` (or If-Match) is not the one stored, so two admins cannot overwrite
 * each other's rules unseen.
 */
export async function changeTriageRuleSet(
  ctx: AppContext,
  caller: Caller,
  id: number,
  body: UpdateTriageRuleSetBody,
): Promise<TriageRuleSet> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const row = await loadRuleSet(tx, id);
    assertVersion(row, body.version);
    const serviceId = body.serviceId === undefined ? row.service_id : body.serviceId;
    const next = body.rules ? withRuleIds(body.rules, row.next_rule_id) : undefined;
    await assertRuleSetValid(tx, { serviceId, rules: body.rules ?? row.rules });
    const { version: _version, ...changes } = body;
    const updated = await saveVersion(tx, row, caller, now, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.mode !== undefined ? { mode: body.mode } : {}),
      ...(body.isEnabled !== undefined ? { is_enabled: body.isEnabled } : {}),
      service_id: serviceId,
      ...(next ? { rules: next.rules, next_rule_id: next.nextRuleId } : {}),
    });
    await auditChange(tx, caller, now, 'triage_rule_set.update', id, {
      version: updated.version,
      changes,
    });
    return viewStored(tx, updated);
  });
}

/** Put a set's rules in a new order (every rule id once) as a new version. */
export async function reorderTriageRules(
  ctx: AppContext,
  caller: Caller,
  id: number,
  ruleIds: readonly number[],
  version: number | undefined,
): Promise<TriageRuleSet> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const row = await loadRuleSet(tx, id);
    assertVersion(row, version);
    const byId = new Map(row.rules.map((rule) => [rule.id, rule]));
    const isPermutation = ruleIds.length === row.rules.length && new Set(ruleIds).size === ruleIds.length;
    const rules = ruleIds.map((ruleId) => byId.get(ruleId)).filter((r): r is TriageRule => r !== undefined);
    if (!isPermutation || rules.length !== row.rules.length)
      throw new ValidationError(
        'ruleIds',
        `must list each of the set's rule ids once: ${[...byId.keys()].join(', ')}`,
      );
    const updated = await saveVersion(tx, row, caller, now, { rules });
    await auditChange(tx, caller, now, 'triage_rule_set.reorder_rules', id, { ruleIds: [...ruleIds] });
    return viewStored(tx, updated);
  });
}

/** Delete a rule set; its saved versions stay for the record. */
export async function removeTriageRuleSet(ctx: AppContext, caller: Caller, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await loadRuleSet(tx, id);
    await deleteTriageRuleSet(tx, id);
    await auditChange(tx, caller, now, 'triage_rule_set.delete', id, {
      name: row.name,
      version: row.version,
    });
  });
}

async function saveVersion(
  tx: Executor,
  row: TriageRuleSetRecord,
  caller: Caller,
  now: number,
  changes: Parameters<typeof updateTriageRuleSetAtVersion>[3],
): Promise<TriageRuleSetRecord> {
  const updated = await updateTriageRuleSetAtVersion(tx, row.id, row.version, {
    ...changes,
    version: row.version + 1,
    updated_at: now,
  });
  if (!updated) throw staleVersion(row.id);
  await keepVersion(tx, updated, caller, now);
  return updated;
}

function keepVersion(tx: Executor, row: TriageRuleSetRecord, caller: Caller, now: number) {
  return insertTriageVersion(tx, {
    rule_set_id: row.id,
    version: row.version,
    name: row.name,
    mode: row.mode,
    service_id: row.service_id,
    is_enabled: row.is_enabled,
    rules: row.rules,
    saved_at: now,
    saved_by: caller.userId,
  });
}

function assertVersion(row: TriageRuleSetRecord, expected: number | undefined): void {
  if (expected !== undefined && expected !== row.version) throw staleVersion(row.id, row.version);
}

function staleVersion(id: number, current?: number): ConflictError {
  const now = current === undefined ? '' : ` (it is at version ${String(current)})`;
  return new ConflictError(
    `triage rule set ${String(id)} was changed by someone else${now}; reload it`,
    'version',
  );
}

/** The set, or 404. */
export async function loadRuleSet(db: Executor, id: number): Promise<TriageRuleSetRecord> {
  const row = await findTriageRuleSet(db, id);
  if (!row) throw new NotFoundError(`triage rule set ${String(id)}`);
  return row;
}

async function viewStored(db: Executor, row: TriageRuleSetRecord): Promise<TriageRuleSet> {
  const service = row.service_id === null ? undefined : await findServiceById(db, row.service_id);
  return viewRuleSet({ ...row, service_name: service?.name ?? null });
}
