import { ConflictError, NotFoundError, ValidationError } from '../../../core/errors.js';
import {
  type CreatePlanBody,
  PlanMatch,
  PlanTask,
  type ResponsePlan,
  type UpdatePlanBody,
} from '../../../core/schemas/response.js';
import { appendAudit } from '../../store/queries/audit.js';
import { deletePlan, findPlanById, insertPlan, listPlans, updatePlan } from '../../store/queries/response.js';
import type { ResponsePlanRecord } from '../../store/queries/response.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, type Caller, iso } from '../context.js';
import { assertServicesExist } from '../incident-guards.js';
import { getSettings } from '../settings.js';

/** A stored plan as the API shows it. */
export function viewPlan(row: ResponsePlanRecord): ResponsePlan {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    tasks: row.tasks,
    match: row.match_rules,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Every response plan, by name. */
export async function getPlans(ctx: AppContext): Promise<ResponsePlan[]> {
  return (await listPlans(ctx.store.db)).map(viewPlan);
}

/** One response plan, or 404. */
export async function getPlan(ctx: AppContext, id: number): Promise<ResponsePlan> {
  const row = await findPlanById(ctx.store.db, id);
  if (!row) throw new NotFoundError(`response plan ${id}`);
  return viewPlan(row);
}

/** Create a response plan. */
export async function createPlan(
  ctx: AppContext,
  caller: Caller,
  body: CreatePlanBody,
): Promise<ResponsePlan> {
  const now = ctx.clock.now();
  const name = body.name.trim();
  const match = PlanMatch.parse(body.match ?? {});
  return ctx.store.transaction(async (tx) => {
    await assertMatchRules(tx, match);
    const row = await uniqueName(
      insertPlan(tx, {
        name,
        description: body.description ?? '',
        tasks: PlanTask.array().parse(body.tasks ?? []),
        match_rules: match,
        created_at: now,
        updated_at: now,
      }),
      name,
    );
    await audit(tx, caller, now, 'response_plan.create', row.id, { name });
    return viewPlan(row);
  });
}

/** Change a response plan's name, description, tasks or match rules. */
export async function changePlan(
  ctx: AppContext,
  caller: Caller,
  id: number,
  body: UpdatePlanBody,
): Promise<ResponsePlan> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const match = body.match === undefined ? undefined : PlanMatch.parse(body.match);
    if (match) await assertMatchRules(tx, match);
    const name = body.name?.trim();
    const row = await uniqueName(
      updatePlan(tx, id, {
        ...(name !== undefined ? { name } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.tasks !== undefined ? { tasks: PlanTask.array().parse(body.tasks) } : {}),
        ...(match !== undefined ? { match_rules: match } : {}),
        updated_at: now,
      }),
      name ?? '',
    );
    if (!row) throw new NotFoundError(`response plan ${id}`);
    await audit(tx, caller, now, 'response_plan.update', id, body);
    return viewPlan(row);
  });
}

/** Delete a response plan; tasks it already gave incidents stay. */
export async function removePlan(ctx: AppContext, caller: Caller, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await findPlanById(tx, id);
    if (!row || !(await deletePlan(tx, id))) throw new NotFoundError(`response plan ${id}`);
    await audit(tx, caller, now, 'response_plan.delete', id, { name: row.name });
  });
}

async function assertMatchRules(tx: Executor, match: PlanMatch): Promise<void> {
  await assertServicesExist(tx, match.serviceIds, 'match.serviceIds');
  const { categories } = await getSettings(tx);
  const unknown = match.categories.filter((c) => !categories.includes(c));
  if (unknown.length > 0) {
    throw new ValidationError(
      'match.categories',
      `unknown ${unknown.join(', ')}; must be among: ${categories.join(', ')}`,
    );
  }
}

function uniqueName<T>(work: Promise<T>, name: string): Promise<T> {
  return work.catch((error: unknown) => {
    if (/unique|duplicate/i.test(String(error)))
      throw new ConflictError(`a response plan named "${name}" exists`, 'name');
    throw error;
  });
}

function audit(
  tx: Executor,
  caller: Caller,
  at: number,
  action: string,
  id: number,
  data: Record<string, unknown>,
) {
  return appendAudit(tx, {
    at,
    actorId: caller.userId,
    action,
    targetType: 'response_plan',
    targetId: String(id),
    data,
  });
}
