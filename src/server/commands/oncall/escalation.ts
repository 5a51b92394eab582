import { policyIdForIncident, endActiveRun, insertRun } from '../../store/queries/escalation.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Executor } from '../../store/store.js';

/**
 * Start escalating a triggered incident inside the transaction that triggered it: a run of
 * its first service's policy (or `chosenPolicyId`, a triage rule's), due at once. No policy,
 * or a run already active: nothing.
 */
export async function startEscalation(
  tx: Executor,
  incident: IncidentRecord,
  now: number,
  chosenPolicyId?: number,
): Promise<void> {
  const policyId = chosenPolicyId ?? (await policyIdForIncident(tx, incident.id));
  if (policyId === undefined) return;
  await insertRun(tx, {
    incident_id: incident.id,
    policy_id: policyId,
    step_index: 0,
    repeat_index: 0,
    due_at: now,
    ended_at: null,
    end_reason: null,
    created_at: now,
  });
}

/** Stop escalating an incident (acknowledged, resolved…) inside the transaction that changed it. */
export async function endEscalation(
  tx: Executor,
  incidentId: number,
  reason: string,
  now: number,
): Promise<void> {
  await endActiveRun(tx, incidentId, reason, now);
}
