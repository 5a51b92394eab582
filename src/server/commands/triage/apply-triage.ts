import type { Actor } from '../../../core/schemas/timeline.js';
import { type TriageNames, describeChanges } from '../../../core/triage/describe.js';
import type { TriageDecision } from '../../../core/triage/evaluate.js';
import { findPolicyById } from '../../store/queries/escalation.js';
import { findPlanById } from '../../store/queries/response.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Executor } from '../../store/store.js';
import { startEscalation } from '../oncall/escalation.js';
import { attachPlan } from '../response/attach-plans.js';
import { viewPlan } from '../response/plans.js';
import { appendTimeline } from '../timeline.js';
import { ruleCaption } from './triage-lookup.js';

/** Beacon's triage rules, as the actor of what they do to incidents. */
export const TRIAGE_ACTOR: Actor = { type: 'system', id: null, name: 'Beacon triage rules' };

/** The names of the plans and policies a decision names (those that still exist). */
export async function triageNames(tx: Executor, decision: TriageDecision): Promise<TriageNames> {
  const plans = new Map<number, string>();
  const policies = new Map<number, string>();
  for (const rule of decision.applied) {
    const { responsePlanId, escalationPolicyId } = rule.actions;
    if (responsePlanId !== null && !plans.has(responsePlanId)) {
      const plan = await findPlanById(tx, responsePlanId);
      if (plan) plans.set(plan.id, plan.name);
    }
    if (escalationPolicyId !== null && !policies.has(escalationPolicyId)) {
      const policy = await findPolicyById(tx, escalationPolicyId);
      if (policy) policies.set(policy.id, policy.name);
    }
  }
  return { plans, policies };
}

/**
 * Finish a new incident the rules set up, inside its creating transaction: one timeline
 * line per rule that applied (the rule, its set's version, what it changed), the plans the
 * rules attach, and the start of paging with the rules' escalation policy (else the
 * service's) when `startsPaging`. The incident's fields were already written as decided.
 */
export async function completeTriagedIncident(
  tx: Executor,
  incident: IncidentRecord,
  decision: TriageDecision,
  now: number,
  startsPaging: boolean,
): Promise<void> {
  const names = await triageNames(tx, decision);
  for (const rule of decision.applied) {
    await appendTimeline(tx, {
      incidentId: incident.id,
      at: now,
      actor: TRIAGE_ACTOR,
      kind: 'triaged',
      changes: Object.fromEntries(rule.changes.map((c) => [c.field, { before: c.before, after: c.after }])),
      body: `${ruleCaption(rule)}: ${describeChanges(rule.changes, names)}`,
    });
  }
  const policyId = decision.outcome.escalationPolicyId;
  const isPolicyKnown = policyId !== null && names.policies.has(policyId);
  if (startsPaging || isPolicyKnown)
    await startEscalation(tx, incident, now, isPolicyKnown ? policyId : undefined);
  for (const planId of decision.outcome.responsePlanIds) {
    const plan = await findPlanById(tx, planId);
    if (plan) await attachPlan(tx, incident, viewPlan(plan), TRIAGE_ACTOR, now);
  }
}
