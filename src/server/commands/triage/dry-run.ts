import type { AlertSeverity } from '../../../core/alerts/alert-event.js';
import type {
  TriageDryRunBody,
  TriageDryRunItem,
  TriageDryRunResult,
  TriageOutcomeView,
} from '../../../core/schemas/triage.js';
import type { TriageSubject } from '../../../core/triage/conditions.js';
import { type TriageNames, describeChanges } from '../../../core/triage/describe.js';
import {
  type EvaluatedRuleSet,
  type TriageDecision,
  type TriageState,
  alertIncidentDefaults,
  evaluateTriage,
  isSameOutcome,
  reportIncidentDefaults,
} from '../../../core/triage/evaluate.js';
import { listPolicies } from '../../store/queries/escalation.js';
import { reportsOfIncidents } from '../../store/queries/reports.js';
import { listPlans } from '../../store/queries/response.js';
import {
  listTriageRuleSets,
  recentAlertsForTriage,
  recentReportIncidents,
} from '../../store/queries/triage.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, iso } from '../context.js';
import { assertRuleSetValid, withRuleIds } from './check-rule-set.js';
import { alertSubject, evaluatedSet, reportSubject } from './triage-lookup.js';

/** One stored thing to evaluate: its subject, the fields it opened with, and how it is shown. */
interface Sample {
  item: Pick<TriageDryRunItem, 'kind' | 'id' | 'ref' | 'at' | 'summary' | 'service' | 'severity'>;
  subject: TriageSubject;
  defaults: TriageState;
}

/**
 * What a draft rule set would do to the newest `limit` alerts and report-opened incidents,
 * beside what the saved rules do. The draft takes the place of the saved set it names (or
 * runs after every saved set), and is checked as saving checks it; the evaluation is the
 * pipeline's own (`evaluateTriage`), so saving the draft does exactly what this shows.
 */
export async function dryRunTriage(ctx: AppContext, body: TriageDryRunBody): Promise<TriageDryRunResult> {
  const db = ctx.store.db;
  const draft = body.ruleSet;
  await assertRuleSetValid(db, draft);
  const saved = await listTriageRuleSets(db);
  const existing = saved.find((set) => set.id === draft.id);
  const { rules } = withRuleIds(draft.rules, existing?.next_rule_id ?? 1);
  const draftSet: EvaluatedRuleSet = {
    id: draft.id ?? null,
    name: draft.name,
    version: (existing?.version ?? 0) + 1,
    serviceId: draft.serviceId,
    mode: draft.mode,
    isEnabled: draft.isEnabled,
    rules,
    isDraft: true,
  };
  const current = saved.filter((set) => set.is_enabled).map(evaluatedSet);
  const withDraft = existing
    ? saved.flatMap((set) =>
        set.id === existing.id ? [draftSet] : set.is_enabled ? [evaluatedSet(set)] : [],
      )
    : [...current, draftSet];
  const names = await allNames(db);
  const hits = new Map(rules.map((rule) => [rule.id, 0]));
  const items = (await samples(db, body.limit)).map((sample): TriageDryRunItem => {
    const decision = evaluateTriage(withDraft, sample.subject, sample.defaults);
    const before = outcomeView(evaluateTriage(current, sample.subject, sample.defaults));
    const outcome = outcomeView(decision);
    for (const rule of decision.applied)
      if (rule.isDraft) hits.set(rule.ruleId, (hits.get(rule.ruleId) ?? 0) + 1);
    return {
      ...sample.item,
      matches: decision.applied.map((rule) => ({
        ruleSetId: rule.ruleSetId,
        ruleSetName: rule.ruleSetName,
        ruleId: rule.ruleId,
        ruleName: rule.ruleName,
        isDraft: rule.isDraft,
        changes: rule.changes,
        suppressed: rule.changes.some((c) => c.field === 'suppressed'),
        summary: describeChanges(rule.changes, names),
      })),
      outcome,
      current: before,
      isChanged: !isSameOutcome(outcome, before),
    };
  });
  return {
    items,
    ruleHits: rules.map((rule) => ({ ruleId: rule.id, ruleName: rule.name, hits: hits.get(rule.id) ?? 0 })),
  };
}

function outcomeView(decision: TriageDecision): TriageOutcomeView {
  const { outcome } = decision;
  return {
    suppressed: outcome.suppressed,
    severity: outcome.severity,
    impact: outcome.impact,
    urgency: outcome.urgency,
    priority: outcome.priority,
    category: outcome.category,
    tags: outcome.tags,
    responsePlanIds: outcome.responsePlanIds,
    escalationPolicyId: outcome.escalationPolicyId,
  };
}

async function allNames(db: Executor): Promise<TriageNames> {
  const plans = new Map((await listPlans(db)).map((plan) => [plan.id, plan.name]));
  const policies = new Map((await listPolicies(db)).map((policy) => [policy.id, policy.name]));
  return { plans, policies };
}

/** The newest alerts and report incidents, newest first, `limit` in all. */
async function samples(db: Executor, limit: number): Promise<Sample[]> {
  const alerts = (await recentAlertsForTriage(db, limit)).map((alert): Sample & { createdAt: number } => ({
    createdAt: alert.created_at,
    item: {
      kind: 'alert',
      id: alert.id,
      ref: alert.dedup_key,
      at: iso(alert.created_at),
      summary: alert.summary,
      service: { id: alert.service_id, name: alert.service_name },
      severity: alert.severity as AlertSeverity,
    },
    subject: alertSubject(alert, alert.integration_type ?? 'check'),
    defaults: alertIncidentDefaults(alert.severity as AlertSeverity),
  }));
  const incidents = await recentReportIncidents(db, limit);
  const reports = await reportsOfIncidents(
    db,
    incidents.map((incident) => incident.id),
  );
  const fromReports = incidents.map((incident): Sample & { createdAt: number } => {
    const openers = reports.filter((r) => r.incident_id === incident.id && r.link_reason?.kind === 'cluster');
    return {
      createdAt: incident.created_at,
      item: {
        kind: 'report',
        id: incident.id,
        ref: `INC-${String(incident.number)}`,
        at: iso(incident.created_at),
        summary: incident.title,
        service: null,
        severity: null,
      },
      subject: reportSubject(incident.title, openers),
      defaults: reportIncidentDefaults(),
    };
  });
  return [...alerts, ...fromReports]
    .sort((a, b) => b.createdAt - a.createdAt || b.item.id - a.item.id)
    .slice(0, limit)
    .map(({ item, subject, defaults }) => ({ item, subject, defaults }));
}
