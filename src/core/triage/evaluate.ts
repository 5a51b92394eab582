import { type AlertSeverity, incidentSeverityOf } from '../alerts/alert-event.js';
import {
  type Level,
  type Priority,
  SEVERITY_LEVELS,
  type Severity,
  levelsAfterSeverityChange,
  priorityOf,
} from '../priority.js';
import type { TriageActions, TriageMode, TriageRule } from '../schemas/triage.js';
import { type TriageSubject, conditionHolds } from './conditions.js';

/** A rule set as evaluation needs it (saved, or the draft of a dry run). */
export interface EvaluatedRuleSet {
  /** Null for a draft not saved yet. */
  id: number | null;
  name: string;
  version: number;
  serviceId: number | null;
  mode: TriageMode;
  isEnabled: boolean;
  rules: readonly TriageRule[];
  isDraft?: boolean;
}

/** The fields of an incident the rules set, plus whether it opens at all. */
export interface TriageState {
  severity: Severity;
  impact: Level;
  urgency: Level;
  category: string | null;
  tags: string[];
  responsePlanIds: number[];
  escalationPolicyId: number | null;
  suppressed: boolean;
}

/** The state with its priority (impact × urgency). */
export type TriageOutcome = TriageState & { priority: Priority };

/** A field one rule changed. */
export interface TriageChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** One rule that matched, and what it changed. */
export interface AppliedRule {
  ruleSetId: number | null;
  ruleSetName: string;
  ruleSetVersion: number;
  ruleId: number;
  ruleName: string;
  isDraft: boolean;
  actions: TriageActions;
  changes: TriageChange[];
}

/** What the rules decided for one subject. */
export interface TriageDecision {
  applied: AppliedRule[];
  outcome: TriageOutcome;
  /** The rule that suppressed the subject, if one did. */
  suppressedBy: AppliedRule | null;
}

/** What an alert opens without rules: its severity's SEVn, impact and urgency. */
export function alertIncidentDefaults(severity: AlertSeverity): TriageState {
  const urgency: Record<AlertSeverity, [Level, Level]> = {
    critical: ['high', 'high'],
    error: ['high', 'medium'],
    warning: ['medium', 'medium'],
    info: ['low', 'low'],
  };
  const [impact, level] = urgency[severity];
  return { ...emptyState(incidentSeverityOf(severity)), impact, urgency: level };
}

/** What a cluster of customer reports opens without rules: a SEV3 tagged customer-reports. */
export function reportIncidentDefaults(): TriageState {
  return { ...emptyState('SEV3'), tags: ['customer-reports'] };
}

function emptyState(severity: Severity): TriageState {
  return {
    severity,
    ...SEVERITY_LEVELS[severity],
    category: null,
    tags: [],
    responsePlanIds: [],
    escalationPolicyId: null,
    suppressed: false,
  };
}

/** Whether a set applies to the subject: enabled, and global or for one of its services. */
function isInScope(set: EvaluatedRuleSet, subject: TriageSubject): boolean {
  return set.isEnabled && (set.serviceId === null || subject.serviceIds.includes(set.serviceId));
}

/**
 * Run the rule sets, in order, over a subject: in each set in scope, the first matching
 * enabled rule (first_match) or every one (all_match) applies its actions on top of what
 * earlier rules made; a suppressing rule ends the evaluation. The dry run and the pipeline
 * both call this, so a dry run shows exactly what saving the rules will do.
 */
export function evaluateTriage(
  sets: readonly EvaluatedRuleSet[],
  subject: TriageSubject,
  defaults: TriageState,
): TriageDecision {
  let state: TriageState = { ...defaults, tags: [...defaults.tags] };
  const applied: AppliedRule[] = [];
  for (const set of sets) {
    if (!isInScope(set, subject)) continue;
    for (const rule of set.rules) {
      if (!rule.isEnabled || !ruleHolds(rule, subject)) continue;
      const next = applyActions(state, rule.actions);
      applied.push({
        ruleSetId: set.id,
        ruleSetName: set.name,
        ruleSetVersion: set.version,
        ruleId: rule.id,
        ruleName: rule.name,
        isDraft: set.isDraft ?? false,
        actions: rule.actions,
        changes: changesBetween(state, next),
      });
      state = next;
      if (state.suppressed) return decision(applied, state);
      if (set.mode === 'first_match') break;
    }
  }
  return decision(applied, state);
}

/** All conditions hold; the cheap comparisons run first, so most rules never run their regex. */
function ruleHolds(rule: TriageRule, subject: TriageSubject): boolean {
  return (
    rule.conditions.every((c) => c.op === 'regex' || conditionHolds(c, subject)) &&
    rule.conditions.every((c) => c.op !== 'regex' || conditionHolds(c, subject))
  );
}

function decision(applied: AppliedRule[], state: TriageState): TriageDecision {
  const last = applied[applied.length - 1];
  return {
    applied,
    outcome: { ...state, priority: priorityOf(state.impact, state.urgency) },
    suppressedBy: state.suppressed && last ? last : null,
  };
}

/** The state after one rule's actions: a new severity moves levels nobody chose apart from it. */
export function applyActions(state: TriageState, actions: TriageActions): TriageState {
  const severity = actions.severity ?? state.severity;
  const levels = levelsAfterSeverityChange(state.severity, severity, state);
  return {
    severity,
    impact: actions.impact ?? levels.impact,
    urgency: actions.urgency ?? levels.urgency,
    category: actions.category ?? state.category,
    tags: [...new Set([...state.tags, ...actions.tags])],
    responsePlanIds:
      actions.responsePlanId === null || state.responsePlanIds.includes(actions.responsePlanId)
        ? state.responsePlanIds
        : [...state.responsePlanIds, actions.responsePlanId],
    escalationPolicyId: actions.escalationPolicyId ?? state.escalationPolicyId,
    suppressed: state.suppressed || actions.suppress,
  };
}

/** The fields that differ between two states, priority included. */
export function changesBetween(before: TriageState, after: TriageState): TriageChange[] {
  const changes: TriageChange[] = [];
  const scalar = ['severity', 'impact', 'urgency', 'category', 'escalationPolicyId', 'suppressed'] as const;
  for (const field of scalar) {
    if (before[field] !== after[field]) changes.push({ field, before: before[field], after: after[field] });
  }
  const priorityBefore = priorityOf(before.impact, before.urgency);
  const priorityAfter = priorityOf(after.impact, after.urgency);
  if (priorityBefore !== priorityAfter)
    changes.push({ field: 'priority', before: priorityBefore, after: priorityAfter });
  for (const field of ['tags', 'responsePlanIds'] as const) {
    if (after[field].length !== before[field].length)
      changes.push({ field, before: before[field], after: after[field] });
  }
  return changes;
}

/** Whether two outcomes open the same incident (or are both suppressed). */
export function isSameOutcome(a: TriageState, b: TriageState): boolean {
  const sameList = (x: readonly unknown[], y: readonly unknown[]) =>
    x.length === y.length && x.every((value, i) => value === y[i]);
  return (
    a.suppressed === b.suppressed &&
    a.severity === b.severity &&
    a.impact === b.impact &&
    a.urgency === b.urgency &&
    a.category === b.category &&
    a.escalationPolicyId === b.escalationPolicyId &&
    sameList(a.tags, b.tags) &&
    sameList(a.responsePlanIds, b.responsePlanIds)
  );
}
