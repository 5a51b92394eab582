import type { AlertSeverity } from '../../../core/alerts/alert-event.js';
import type { SuppressingRule } from '../../../core/schemas/alerting.js';
import { type TriageSubject, textDetails } from '../../../core/triage/conditions.js';
import type { AppliedRule, EvaluatedRuleSet } from '../../../core/triage/evaluate.js';
import { findIntegration } from '../../store/queries/integrations.js';
import { type TriageRuleSetRecord, enabledTriageRuleSets } from '../../store/queries/triage.js';
import type { AlertRecord } from '../../store/queries/alerts.js';
import type { Executor } from '../../store/store.js';

/** A stored rule set as the evaluation takes it. */
export function evaluatedSet(row: TriageRuleSetRecord): EvaluatedRuleSet {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    serviceId: row.service_id,
    mode: row.mode as EvaluatedRuleSet['mode'],
    isEnabled: row.is_enabled,
    rules: row.rules,
  };
}

/**
 * The triage rule sets and integration types one transaction evaluates against, each read
 * once and only when an alert first needs them (most batches only re-send open alerts).
 */
export class TriageLookup {
  private sets: Promise<EvaluatedRuleSet[]> | undefined;
  private readonly sources = new Map<number, Promise<string>>();

  constructor(private readonly tx: Executor) {}

  /** The enabled rule sets, in order. */
  ruleSets(): Promise<EvaluatedRuleSet[]> {
    this.sets ??= enabledTriageRuleSets(this.tx).then((rows) => rows.map(evaluatedSet));
    return this.sets;
  }

  /** The source a condition on `source` sees: the integration's type, or `check`. */
  sourceOf(integrationId: number | null): Promise<string> {
    if (integrationId === null) return Promise.resolve('check');
    let source = this.sources.get(integrationId);
    if (!source) {
      source = findIntegration(this.tx, integrationId).then((row) => row?.type ?? 'generic');
      this.sources.set(integrationId, source);
    }
    return source;
  }

  /** What the rules see of an alert. */
  async subjectOf(
    alert: Pick<AlertRecord, 'service_id' | 'integration_id' | 'severity' | 'summary' | 'labels' | 'details'>,
  ): Promise<TriageSubject> {
    return alertSubject(alert, await this.sourceOf(alert.integration_id));
  }
}

/** What the rules see of a stored alert whose source is known. */
export function alertSubject(
  alert: Pick<AlertRecord, 'service_id' | 'severity' | 'summary' | 'labels' | 'details'>,
  source: string,
): TriageSubject {
  return {
    kind: 'alert',
    serviceIds: [alert.service_id],
    source,
    severity: alert.severity as AlertSeverity,
    summary: alert.summary,
    labels: alert.labels,
    annotations: textDetails(alert.details),
    reportText: '',
  };
}

/** The rule that suppressed something, as the alert keeps it. */
export function suppressingRule(rule: AppliedRule): SuppressingRule {
  return {
    ruleSetId: rule.ruleSetId,
    ruleSetName: rule.ruleSetName,
    ruleSetVersion: rule.ruleSetVersion,
    ruleId: rule.ruleId,
    ruleName: rule.ruleName,
  };
}

/** "Triage rule "Drop staging" (rule set "Noise" v3)". */
export function ruleCaption(rule: Pick<AppliedRule, 'ruleName' | 'ruleSetName' | 'ruleSetVersion'>): string {
  return `Triage rule "${rule.ruleName}" (rule set "${rule.ruleSetName}" v${String(rule.ruleSetVersion)})`;
}

/** What the rules see of the customer reports that would open a triage incident. */
export function reportSubject(
  title: string,
  reports: ReadonlyArray<{ message: string; metadata: Readonly<Record<string, string>> }>,
): TriageSubject {
  return {
    kind: 'report',
    serviceIds: [],
    source: 'report',
    severity: null,
    summary: title,
    labels: {},
    annotations: Object.assign({}, ...reports.map((report) => report.metadata)) as Record<string, string>,
    reportText: reports.map((report) => report.message).join('\n\n'),
  };
}
