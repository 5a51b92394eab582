import type { Insertable, Updateable } from 'kysely';
import { dialectOf } from '../dialects/dialect-of.js';
import type {
  EscalationPoliciesTable,
  EscalationPolicyRow,
  EscalationRunRow,
  EscalationRunsTable,
  EscalationStepsTable,
} from '../schema.js';
import type { Executor } from '../store.js';
import { type EscalationStepRecord, stepRows } from './rows/escalation.js';

export type { EscalationStepRecord };

/** Every escalation policy, by name. */
export function listPolicies(db: Executor): Promise<EscalationPolicyRow[]> {
  return db.selectFrom('escalation_policies').selectAll().orderBy('name').orderBy('id').execute();
}

/** One policy by id. */
export function findPolicyById(db: Executor, id: number): Promise<EscalationPolicyRow | undefined> {
  return db.selectFrom('escalation_policies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Insert a policy; returns its row. */
export function insertPolicy(
  tx: Executor,
  row: Insertable<EscalationPoliciesTable>,
): Promise<EscalationPolicyRow> {
  return tx.insertInto('escalation_policies').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Change a policy. */
export async function updatePolicy(
  tx: Executor,
  id: number,
  changes: Updateable<EscalationPoliciesTable>,
): Promise<void> {
  await tx.updateTable('escalation_policies').set(changes).where('id', '=', id).execute();
}

/** Delete a policy (its steps by cascade; services lose it); false when there was none. */
export async function deletePolicy(tx: Executor, id: number): Promise<boolean> {
  const result = await tx.deleteFrom('escalation_policies').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Steps of the given policies, in order. */
export async function stepsOf(db: Executor, policyIds: readonly number[]): Promise<EscalationStepRecord[]> {
  if (policyIds.length === 0) return [];
  const rows = await db
    .selectFrom('escalation_steps')
    .selectAll()
    .where('policy_id', 'in', policyIds)
    .orderBy('policy_id')
    .orderBy('position')
    .execute();
  return rows.map(stepRows.decode);
}

/** Replace every step of a policy. */
export async function replaceSteps(
  tx: Executor,
  policyId: number,
  steps: ReadonlyArray<{ delayMinutes: number; targets: EscalationStepRecord['targets'] }>,
): Promise<void> {
  await tx.deleteFrom('escalation_steps').where('policy_id', '=', policyId).execute();
  if (steps.length === 0) return;
  await tx
    .insertInto('escalation_steps')
    .values(
      steps.map((step, position) =>
        stepRows.encode<Insertable<EscalationStepsTable>>({
          policy_id: policyId,
          position,
          delay_minutes: step.delayMinutes,
          targets: step.targets,
        }),
      ),
    )
    .execute();
}

/** Services that page through the given policies. */
export function servicesOfPolicies(db: Executor, policyIds: readonly number[]) {
  if (policyIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('services')
    .select(['id', 'name', 'escalation_policy_id'])
    .where('escalation_policy_id', 'in', policyIds)
    .orderBy('name')
    .execute();
}

/** Point a service at a policy (or none); false when the service does not exist. */
export async function setServicePolicy(
  tx: Executor,
  serviceId: number,
  policyId: number | null,
  now: number,
): Promise<boolean> {
  const result = await tx
    .updateTable('services')
    .set({ escalation_policy_id: policyId, updated_at: now })
    .where('id', '=', serviceId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The policy of an incident's first service (by id) that has one. */
export async function policyIdForIncident(db: Executor, incidentId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('incident_services')
    .innerJoin('services', 'services.id', 'incident_services.service_id')
    .select('services.escalation_policy_id')
    .where('incident_services.incident_id', '=', incidentId)
    .where('services.escalation_policy_id', 'is not', null)
    .orderBy('services.id')
    .limit(1)
    .executeTakeFirst();
  return row?.escalation_policy_id ?? undefined;
}

/** Insert a run unless the incident already has an active one; the new row or undefined. */
export function insertRun(
  tx: Executor,
  row: Insertable<EscalationRunsTable>,
): Promise<EscalationRunRow | undefined> {
  return tx
    .insertInto('escalation_runs')
    .values(row)
    .onConflict((oc) => oc.column('incident_id').where('ended_at', 'is', null).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** End the active run of an incident; the ended run, if there was one. */
export function endActiveRun(
  tx: Executor,
  incidentId: number,
  reason: string,
  now: number,
): Promise<EscalationRunRow | undefined> {
  return tx
    .updateTable('escalation_runs')
    .set({ ended_at: now, end_reason: reason })
    .where('incident_id', '=', incidentId)
    .where('ended_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/**
 * The active run of an incident, row-locked until `tx` ends on PostgreSQL (the no-op update
 * waits for a claimer holding it), so a manual escalation and the worker never fire one step twice.
 */
export function lockActiveRun(tx: Executor, incidentId: number): Promise<EscalationRunRow | undefined> {
  return tx
    .updateTable('escalation_runs')
    .set((eb) => ({ due_at: eb.ref('due_at') }))
    .where('incident_id', '=', incidentId)
    .where('ended_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** The latest run of an incident (active or not). */
export function latestRunOf(db: Executor, incidentId: number): Promise<EscalationRunRow | undefined> {
  return db
    .selectFrom('escalation_runs')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Take up to `limit` active runs due at `now`, locked until `tx` commits. Rows another
 * process holds are skipped (PostgreSQL), so each due step goes to exactly one process;
 * SQLite has one writer, so the plain select inside the write transaction is already exclusive.
 */
export function claimDueRuns(tx: Executor, now: number, limit: number): Promise<EscalationRunRow[]> {
  return dialectOf(tx)
    .skipLocked(
      tx
        .selectFrom('escalation_runs')
        .selectAll()
        .where('ended_at', 'is', null)
        .where('due_at', '<=', now)
        .orderBy('due_at')
        .orderBy('id')
        .limit(limit),
    )
    .execute();
}

/** Move a run on to its next step, or end it. */
export async function updateRun(
  tx: Executor,
  id: number,
  changes: Updateable<EscalationRunsTable>,
): Promise<void> {
  await tx.updateTable('escalation_runs').set(changes).where('id', '=', id).execute();
}

/** The earliest due time of an active run (for the worker to know when to look next). */
export async function nextDueAt(db: Executor): Promise<number | undefined> {
  const row = await db
    .selectFrom('escalation_runs')
    .select((eb) => eb.fn.min<number | string | null>('due_at').as('min'))
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return row?.min === null || row?.min === undefined ? undefined : Number(row.min);
}

/** The service whose policy pages an incident: its first service (by id) that has a policy. */
export async function pagingServiceOf(
  db: Executor,
  incidentId: number,
): Promise<{ serviceId: number; serviceName: string; policyId: number } | undefined> {
  const row = await db
    .selectFrom('incident_services')
    .innerJoin('services', 'services.id', 'incident_services.service_id')
    .select(['services.id', 'services.name', 'services.escalation_policy_id'])
    .where('incident_services.incident_id', '=', incidentId)
    .where('services.escalation_policy_id', 'is not', null)
    .orderBy('services.id')
    .limit(1)
    .executeTakeFirst();
  if (row?.escalation_policy_id == null) return undefined;
  return { serviceId: row.id, serviceName: row.name, policyId: row.escalation_policy_id };
}

/** The first of the given services (by id) that has a policy, as `pagingServiceOf`. */
export async function pagingServiceAmong(
  db: Executor,
  serviceIds: readonly number[],
): Promise<{ serviceId: number; serviceName: string; policyId: number } | undefined> {
  if (serviceIds.length === 0) return undefined;
  const row = await db
    .selectFrom('services')
    .select(['id', 'name', 'escalation_policy_id'])
    .where('id', 'in', serviceIds)
    .where('escalation_policy_id', 'is not', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (row?.escalation_policy_id == null) return undefined;
  return { serviceId: row.id, serviceName: row.name, policyId: row.escalation_policy_id };
}
