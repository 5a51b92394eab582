import type { Insertable, Updateable } from 'kysely';
import type { IncidentTasksTable, ResponsePlansTable } from '../schema.js';
import type { Executor } from '../store.js';
import type { MappedBy } from './rows/codec.js';
import { type ResponsePlanRecord, planRows } from './rows/response.js';

export type { ResponsePlanRecord };

/** Every response plan, by name. */
export async function listPlans(db: Executor): Promise<ResponsePlanRecord[]> {
  const rows = await db.selectFrom('response_plans').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(planRows.decode);
}

/** One response plan. */
export async function findPlanById(db: Executor, id: number): Promise<ResponsePlanRecord | undefined> {
  const row = await db.selectFrom('response_plans').selectAll().where('id', '=', id).executeTakeFirst();
  return row && planRows.decode(row);
}

/** Insert a response plan. */
export async function insertPlan(
  tx: Executor,
  values: MappedBy<typeof planRows, Insertable<ResponsePlansTable>>,
): Promise<ResponsePlanRecord> {
  const row = await tx
    .insertInto('response_plans')
    .values(planRows.encode<Insertable<ResponsePlansTable>>(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return planRows.decode(row);
}

/** Change a response plan; undefined when it does not exist. */
export async function updatePlan(
  tx: Executor,
  id: number,
  changes: MappedBy<typeof planRows, Updateable<ResponsePlansTable>>,
): Promise<ResponsePlanRecord | undefined> {
  const row = await tx
    .updateTable('response_plans')
    .set(planRows.encode<Updateable<ResponsePlansTable>>(changes))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && planRows.decode(row);
}

/** Delete a response plan; true when it existed. */
export async function deletePlan(tx: Executor, id: number): Promise<boolean> {
  const result = await tx.deleteFrom('response_plans').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Record that a plan is attached to an incident; false when it already was. The primary
 * key decides, so two transactions racing to attach the same plan attach it once.
 */
export async function linkPlan(tx: Executor, incidentId: number, planId: number, at: number) {
  const row = await tx
    .insertInto('incident_plans')
    .values({ incident_id: incidentId, plan_id: planId, attached_at: at })
    .onConflict((oc) => oc.columns(['incident_id', 'plan_id']).doNothing())
    .returning('plan_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Plans attached to an incident, in the order they were attached. */
export function attachedPlansOf(db: Executor, incidentId: number) {
  return db
    .selectFrom('incident_plans')
    .innerJoin('response_plans', 'response_plans.id', 'incident_plans.plan_id')
    .select(['response_plans.id', 'response_plans.name', 'incident_plans.attached_at'])
    .where('incident_plans.incident_id', '=', incidentId)
    .orderBy('incident_plans.attached_at')
    .orderBy('response_plans.id')
    .execute();
}

/** Tasks of an incident, in checklist order. */
export function tasksOf(db: Executor, incidentId: number) {
  return db
    .selectFrom('incident_tasks')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** One task of an incident. */
export function findTask(db: Executor, incidentId: number, taskId: number) {
  return db
    .selectFrom('incident_tasks')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('id', '=', taskId)
    .executeTakeFirst();
}

/** The position after the incident's last task. */
export async function nextTaskPosition(db: Executor, incidentId: number): Promise<number> {
  const row = await db
    .selectFrom('incident_tasks')
    .select((eb) => eb.fn.max<number | string | null>('position').as('max'))
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 1 : Number(row.max) + 1;
}

/** Insert tasks of an incident. */
export async function insertTasks(tx: Executor, rows: ReadonlyArray<Insertable<IncidentTasksTable>>) {
  if (rows.length === 0) return [];
  return tx
    .insertInto('incident_tasks')
    .values([...rows])
    .returningAll()
    .execute();
}

/** Change one task. */
export function updateTask(tx: Executor, taskId: number, changes: Updateable<IncidentTasksTable>) {
  return tx
    .updateTable('incident_tasks')
    .set(changes)
    .where('id', '=', taskId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Delete one task. */
export async function deleteTask(tx: Executor, taskId: number): Promise<void> {
  await tx.deleteFrom('incident_tasks').where('id', '=', taskId).execute();
}

/** Give a role's open tasks that nobody owns to `userId`; returns their titles. */
export async function handOverRoleTasks(tx: Executor, incidentId: number, role: string, userId: number) {
  const rows = await tx
    .updateTable('incident_tasks')
    .set({ owner_id: userId })
    .where('incident_id', '=', incidentId)
    .where('role', '=', role)
    .where('owner_id', 'is', null)
    .where('done_at', 'is', null)
    .returning(['id', 'title'])
    .execute();
  return rows;
}

/** Holders of the non-commander roles of an incident. */
export function rolesOf(db: Executor, incidentId: number) {
  return db.selectFrom('incident_roles').selectAll().where('incident_id', '=', incidentId).execute();
}

/** Give a role of an incident to a user, or take it from whoever holds it (null). */
export async function setRoleHolder(
  tx: Executor,
  incidentId: number,
  role: string,
  userId: number | null,
  at: number,
): Promise<void> {
  await tx
    .deleteFrom('incident_roles')
    .where('incident_id', '=', incidentId)
    .where('role', '=', role)
    .execute();
  if (userId === null) return;
  await tx
    .insertInto('incident_roles')
    .values({ incident_id: incidentId, role, user_id: userId, assigned_at: at })
    .execute();
}
