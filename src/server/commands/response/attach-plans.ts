import { ConflictError, ValidationError } from '../../../core/errors.js';
import { planMatches } from '../../../core/response/plan-match.js';
import type { AttachedPlan, ResponsePlan } from '../../../core/schemas/response.js';
import type { Actor } from '../../../core/schemas/timeline.js';
import { serviceIdsOf } from '../../store/queries/incidents.js';
import {
  attachedPlansOf,
  findPlanById,
  insertTasks,
  linkPlan,
  listPlans,
  nextTaskPosition,
} from '../../store/queries/response.js';
import { appendTimeline } from '../timeline.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, type Caller, actorOf, iso } from '../context.js';
import { loadIncident } from '../incident-guards.js';
import { viewPlan } from './plans.js';
import { roleHolders } from './roles.js';

/**
 * Attach, inside `tx`, every response plan whose rules match the incident as it now is and
 * that it does not have yet. Called when an incident is declared or opened by alerts, and
 * when its category, services or severity change.
 */
export async function attachMatchingPlans(
  tx: Executor,
  incident: IncidentRecord,
  actor: Actor,
  now: number,
): Promise<void> {
  const plans = (await listPlans(tx)).map(viewPlan);
  if (plans.length === 0) return;
  const serviceIds = (await serviceIdsOf(tx, [incident.id])).get(incident.id) ?? [];
  const target = { category: incident.category, serviceIds, severity: incident.severity };
  for (const plan of plans) {
    if (planMatches(plan.match, target)) await attachPlan(tx, incident, plan, actor, now);
  }
}

/**
 * Attach one plan: its tasks join the checklist, due `dueMinutes` from now and owned by
 * whoever holds their role. False (and nothing written) when it was already attached.
 */
export async function attachPlan(
  tx: Executor,
  incident: IncidentRecord,
  plan: ResponsePlan,
  actor: Actor,
  now: number,
): Promise<boolean> {
  if (!(await linkPlan(tx, incident.id, plan.id, now))) return false;
  const holders = await roleHolders(tx, incident);
  const first = await nextTaskPosition(tx, incident.id);
  await insertTasks(
    tx,
    plan.tasks.map((task, index) => ({
      incident_id: incident.id,
      plan_id: plan.id,
      title: task.title,
      owner_id: task.role === null ? null : (holders.get(task.role) ?? null),
      role: task.role,
      due_at: task.dueMinutes === null ? null : now + task.dueMinutes * 60_000,
      done_at: null,
      done_by: null,
      position: first + index,
      created_at: now,
      created_by: actor.type === 'user' ? actor.id : null,
    })),
  );
  await appendTimeline(tx, {
    incidentId: incident.id,
    at: now,
    actor,
    kind: 'plan_attached',
    changes: null,
    body: [plan.name, ...plan.tasks.map((t) => `- ${t.title}`)].join('\n'),
  });
  return true;
}

/** Attach a plan to an incident by hand; 409 when it is already attached. */
export async function attachPlanByHand(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  planId: number,
): Promise<AttachedPlan> {
  const now = ctx.clock.now();
  const attached = await ctx.store.transaction(async (tx) => {
    const row = await loadIncident(tx, ref);
    const plan = await findPlanById(tx, planId);
    if (!plan) throw new ValidationError('planId', `no response plan with id ${planId}`);
    if (!(await attachPlan(tx, row, viewPlan(plan), actorOf(caller), now))) {
      throw new ConflictError(`"${plan.name}" is already attached to INC-${row.number}`, 'planId');
    }
    return { id: plan.id, name: plan.name, attachedAt: iso(now) };
  });
  ctx.onIncidentsChanged();
  return attached;
}

/** The plans attached to an incident. */
export async function getAttachedPlans(ctx: AppContext, ref: string): Promise<AttachedPlan[]> {
  const row = await loadIncident(ctx.store.db, ref);
  const rows = await attachedPlansOf(ctx.store.db, row.id);
  return rows.map((r) => ({ id: r.id, name: r.name, attachedAt: iso(r.attached_at) }));
}
