import { ConflictError, NotFoundError, ValidationError } from '../../../core/errors.js';
import type {
  EscalationPolicy,
  EscalationPolicyPatch,
  EscalationStep,
  EscalationTarget,
} from '../../../core/schemas/oncall.js';
import type { z } from 'zod';
import type { EscalationPolicyBody } from '../../../core/schemas/oncall.js';
import {
  deletePolicy,
  findPolicyById,
  insertPolicy,
  listPolicies,
  replaceSteps,
  servicesOfPolicies,
  setServicePolicy,
  stepsOf,
  updatePolicy,
} from '../../store/queries/escalation.js';
import { findScheduleById, userNames } from '../../store/queries/schedules.js';
import { findTeamById } from '../../store/queries/teams.js';
import type { EscalationPolicyRow } from '../../store/schema.js';
import type { Executor } from '../../store/store.js';
import { auditChange } from '../audit-change.js';
import { type AppContext, type Caller, iso } from '../context.js';
import { assertActiveUser } from '../incident-guards.js';

type PolicyInput = z.output<typeof EscalationPolicyBody>;

/** Every escalation policy with its steps and services. */
export async function getPolicies(ctx: AppContext): Promise<EscalationPolicy[]> {
  return viewPolicies(ctx.store.db, await listPolicies(ctx.store.db));
}

/** One policy, or 404. */
export async function getPolicy(ctx: AppContext, id: number): Promise<EscalationPolicy> {
  const [view] = await viewPolicies(ctx.store.db, [await loadPolicy(ctx.store.db, id)]);
  if (!view) throw new NotFoundError(`escalation policy ${id}`);
  return view;
}

/** Create a policy with its steps. */
export async function createPolicy(
  ctx: AppContext,
  body: PolicyInput,
  caller?: Caller,
): Promise<EscalationPolicy> {
  const now = ctx.clock.now();
  const id = await ctx.store.transaction(async (tx) => {
    await assertNameFree(tx, body.name);
    await assertTargets(tx, body.steps);
    const row = await insertPolicy(tx, {
      name: body.name,
      description: body.description ?? '',
      repeat_count: body.repeatCount,
      created_at: now,
      updated_at: now,
    });
    await replaceSteps(tx, row.id, body.steps);
    await auditChange(tx, caller, now, 'escalation_policy.create', row.id, { after: body });
    return row.id;
  });
  return getPolicy(ctx, id);
}

/** Change a policy; `steps`, when given, replace every step. */
export async function patchPolicy(
  ctx: AppContext,
  id: number,
  patch: EscalationPolicyPatch,
  caller?: Caller,
): Promise<EscalationPolicy> {
  await ctx.store.transaction(async (tx) => {
    const row = await loadPolicy(tx, id);
    if (patch.name !== undefined && patch.name !== row.name) await assertNameFree(tx, patch.name);
    if (patch.steps) {
      await assertTargets(tx, patch.steps);
      await replaceSteps(tx, id, patch.steps);
    }
    await updatePolicy(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.repeatCount !== undefined ? { repeat_count: patch.repeatCount } : {}),
      updated_at: ctx.clock.now(),
    });
    await auditChange(tx, caller, ctx.clock.now(), 'escalation_policy.update', id, { changes: patch });
  });
  return getPolicy(ctx, id);
}

/** Delete a policy; its services stop paging and running escalations end at their next step. */
export async function removePolicy(ctx: AppContext, id: number, caller?: Caller): Promise<void> {
  const deleted = await ctx.store.transaction(async (tx) => {
    const isDeleted = await deletePolicy(tx, id);
    if (isDeleted) await auditChange(tx, caller, ctx.clock.now(), 'escalation_policy.delete', id);
    return isDeleted;
  });
  if (!deleted) throw new NotFoundError(`escalation policy ${id}`);
}

/** Choose the policy that pages for a service's incidents (null: none). */
export async function setServiceEscalationPolicy(
  ctx: AppContext,
  serviceId: number,
  policyId: number | null,
  caller?: Caller,
): Promise<{ serviceId: number; policyId: number | null }> {
  await ctx.store.transaction(async (tx) => {
    if (policyId !== null && !(await findPolicyById(tx, policyId))) {
      throw new ValidationError('policyId', `no escalation policy with id ${policyId}`);
    }
    const found = await setServicePolicy(tx, serviceId, policyId, ctx.clock.now());
    if (!found) throw new NotFoundError(`service ${serviceId}`);
    await auditChange(tx, caller, ctx.clock.now(), 'service.escalation_policy', serviceId, { policyId });
  });
  return { serviceId, policyId };
}

async function loadPolicy(db: Executor, id: number): Promise<EscalationPolicyRow> {
  const row = await findPolicyById(db, id);
  if (!row) throw new NotFoundError(`escalation policy ${id}`);
  return row;
}

async function viewPolicies(db: Executor, rows: readonly EscalationPolicyRow[]): Promise<EscalationPolicy[]> {
  const ids = rows.map((row) => row.id);
  const steps = await stepsOf(db, ids);
  const services = await servicesOfPolicies(db, ids);
  const parsed = steps.map((step) => ({ step, targets: step.targets }));
  const names = await targetNames(
    db,
    parsed.flatMap((p) => p.targets),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    repeatCount: row.repeat_count,
    steps: parsed
      .filter((p) => p.step.policy_id === row.id)
      .map((p) => ({
        delayMinutes: p.step.delay_minutes,
        targets: p.targets.map((t) => ({
          ...t,
          name: names.get(`${t.type}:${t.id}`) ?? `${t.type} ${t.id}`,
        })),
      })),
    services: services
      .filter((s) => s.escalation_policy_id === row.id)
      .map((s) => ({ id: s.id, name: s.name })),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  }));
}

async function targetNames(db: Executor, targets: readonly EscalationTarget[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const users = await userNames(
    db,
    targets.filter((t) => t.type === 'user').map((t) => t.id),
  );
  for (const [id, name] of users) names.set(`user:${id}`, name);
  for (const target of targets) {
    if (target.type === 'schedule') {
      const schedule = await findScheduleById(db, target.id);
      if (schedule) names.set(`schedule:${target.id}`, schedule.name);
    } else if (target.type === 'team') {
      const team = await findTeamById(db, target.id);
      if (team) names.set(`team:${target.id}`, team.name);
    }
  }
  return names;
}

async function assertTargets(db: Executor, steps: readonly EscalationStep[]): Promise<void> {
  for (const [index, step] of steps.entries()) {
    const field = `steps[${index}].targets`;
    for (const target of step.targets) {
      switch (target.type) {
        case 'user':
          await assertActiveUser(db, target.id, field);
          break;
        case 'schedule':
          if (!(await findScheduleById(db, target.id)))
            throw new ValidationError(field, `no schedule with id ${target.id}`);
          break;
        case 'team':
          if (!(await findTeamById(db, target.id)))
            throw new ValidationError(field, `no team with id ${target.id}`);
          break;
      }
    }
  }
}

async function assertNameFree(db: Executor, name: string): Promise<void> {
  const taken = (await listPolicies(db)).some((p) => p.name.toLowerCase() === name.toLowerCase());
  if (taken) throw new ConflictError(`an escalation policy named "${name}" exists`, 'name');
}
