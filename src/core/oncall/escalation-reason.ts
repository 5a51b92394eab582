import { type IncidentStatus, isAcknowledgedStatus } from '../incident-status.js';

/** Where an incident's paging stands: `escalating`, or the reason nobody is being paged. */
export const ESCALATION_REASONS = [
  'escalating',
  'not_triggered',
  'acknowledged',
  'finished',
  'no_policy',
  'nobody_on_call',
  'maintenance',
  'completed',
  'not_started',
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** Why a queued notification was cancelled instead of sent. */
export const OUTBOX_CANCEL_REASONS = [
  'acknowledged',
  'not_triggered',
  'resolved',
  'closed',
  'declined',
  'merged',
  'deleted',
] as const;
export type OutboxCancelReason = (typeof OUTBOX_CANCEL_REASONS)[number];

/** Statuses after which an incident is never paged, escalated or reassigned again. */
export const FINISHED_STATUSES: readonly IncidentStatus[] = ['resolved', 'closed', 'declined', 'merged'];

/** True when the incident is resolved, closed, declined or merged. */
export function isFinishedStatus(status: IncidentStatus): boolean {
  return FINISHED_STATUSES.includes(status);
}

/** What is known about an incident's paging at one instant. */
export interface EscalationFacts {
  ref: string;
  status: IncidentStatus;
  /** The policy that pages it (of its first service that has one), if any. */
  policyName: string | null;
  /** Whether an escalation ever ran for it, and whether one runs now. */
  hasRun: boolean;
  isRunActive: boolean;
  /** How the latest run ended (`completed`, a status, `policy_removed`…), null while it runs. */
  runEndReason: string | null;
  /** The paging service's maintenance window, while one is on. */
  maintenance: { serviceName: string; until: string } | null;
  /** True when some step of the policy reaches an active person now. */
  reachesAnyone: boolean;
}

/** The reason (a documented enum value) and the sentence the incident page shows. */
export function escalationReason(facts: EscalationFacts): { reason: EscalationReason; text: string } {
  const { ref, status } = facts;
  if (isFinishedStatus(status)) return { reason: 'finished', text: `${ref} is ${status}: nobody is paged.` };
  if (isAcknowledgedStatus(status)) {
    return facts.hasRun
      ? { reason: 'acknowledged', text: `${ref} was acknowledged (now ${status}): paging stopped.` }
      : {
          reason: 'not_triggered',
          text: `${ref} is ${status}, not triggered: nobody was paged. Set it to triggered to page the on-call.`,
        };
  }
  if (status === 'triage')
    return { reason: 'not_triggered', text: `${ref} is in triage: nobody is paged until it is triggered.` };
  return triggeredReason(facts);
}

function triggeredReason(facts: EscalationFacts): { reason: EscalationReason; text: string } {
  const { ref } = facts;
  if (facts.policyName === null)
    return {
      reason: 'no_policy',
      text: `None of the services of ${ref} has an escalation policy: nobody is paged.`,
    };
  if (facts.maintenance) {
    const { serviceName, until } = facts.maintenance;
    return {
      reason: 'maintenance',
      text: `${serviceName} is in maintenance until ${until}: paging waits until it ends.`,
    };
  }
  if (!facts.reachesAnyone)
    return {
      reason: 'nobody_on_call',
      text: `Nobody is on call: no step of ${facts.policyName} reaches anyone right now.`,
    };
  if (facts.isRunActive) return { reason: 'escalating', text: `Escalating by ${facts.policyName}.` };
  if (facts.runEndReason === 'completed')
    return {
      reason: 'completed',
      text: `Every step of ${facts.policyName} has paged; nobody acknowledged yet.`,
    };
  return { reason: 'not_started', text: `${facts.policyName} is not running: Escalate now starts it.` };
}
