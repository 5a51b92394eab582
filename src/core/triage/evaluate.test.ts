import { describe, expect, it } from 'vitest';
import { TriageRuleInput } from '../schemas/triage.js';
import type { TriageSubject } from './conditions.js';
import { describeChanges } from './describe.js';
import {
  type EvaluatedRuleSet,
  alertIncidentDefaults,
  evaluateTriage,
  reportIncidentDefaults,
} from './evaluate.js';
import { triageRuleProblems } from './validate.js';

const alert: TriageSubject = {
  kind: 'alert',
  serviceIds: [7],
  source: 'alertmanager',
  severity: 'warning',
  summary: 'Disk almost full on db-1',
  labels: { alertname: 'DiskFull', env: 'prod', team: 'dba' },
  annotations: { runbook_url: 'https://runbooks/disk' },
  reportText: '',
};

function rule(id: number, input: Record<string, unknown>) {
  return { ...TriageRuleInput.parse({ name: `rule ${String(id)}`, ...input }), id };
}

function set(rules: ReturnType<typeof rule>[], extra: Partial<EvaluatedRuleSet> = {}): EvaluatedRuleSet {
  return {
    id: 1,
    name: 'Main',
    version: 3,
    serviceId: null,
    mode: 'first_match',
    isEnabled: true,
    rules,
    ...extra,
  };
}

const sev1 = { actions: { severity: 'SEV1', tags: ['db'] } };

describe('evaluateTriage', () => {
  it('applies a matching rule: severity moves impact and urgency, so priority follows the matrix', () => {
    const decision = evaluateTriage(
      [
        set([
          rule(1, { conditions: [{ field: 'label', name: 'env', op: 'equals', value: 'prod' }], ...sev1 }),
        ]),
      ],
      alert,
      alertIncidentDefaults('warning'),
    );
    expect(decision.outcome).toMatchObject({
      severity: 'SEV1',
      impact: 'high',
      urgency: 'high',
      priority: 'P1',
      tags: ['db'],
    });
    expect(decision.applied).toHaveLength(1);
    expect(describeChanges(decision.applied[0]?.changes ?? [])).toBe(
      'severity SEV3 → SEV1, impact medium → high, urgency medium → high, priority P3 → P1, tags + db',
    );
  });

  it('reads each condition kind; a missing label is empty text', () => {
    const holds = (condition: Record<string, unknown>) =>
      evaluateTriage(
        [set([rule(1, { conditions: [condition], ...sev1 })])],
        alert,
        alertIncidentDefaults('warning'),
      ).applied.length === 1;
    expect(holds({ field: 'label', name: 'env', op: 'not_equals', value: 'staging' })).toBe(true);
    expect(holds({ field: 'label', name: 'missing', op: 'not_equals', value: 'x' })).toBe(true);
    expect(holds({ field: 'label', name: 'missing', op: 'exists' })).toBe(false);
    expect(holds({ field: 'label', name: 'team', op: 'regex', value: 'db.|sre' })).toBe(true);
    expect(holds({ field: 'label', name: 'team', op: 'regex', value: 'db' })).toBe(false); // anchored
    expect(holds({ field: 'annotation', name: 'runbook_url', op: 'contains', value: 'DISK' })).toBe(true);
    expect(holds({ field: 'source', op: 'equals', value: 'alertmanager' })).toBe(true);
    expect(holds({ field: 'service', op: 'equals', value: '7' })).toBe(true);
    expect(holds({ field: 'service', op: 'not_equals', value: '7' })).toBe(false);
    expect(holds({ field: 'severity', op: 'equals', value: 'critical' })).toBe(false);
    expect(holds({ field: 'report_text', op: 'contains', value: 'disk' })).toBe(false);
  });

  it('first_match stops at the first matching rule; all_match applies each on top of the last', () => {
    const rules = [rule(1, sev1), rule(2, { actions: { urgency: 'low', tags: ['night'] } })];
    const first = evaluateTriage([set(rules)], alert, alertIncidentDefaults('warning'));
    expect(first.applied.map((r) => r.ruleId)).toEqual([1]);
    const all = evaluateTriage([set(rules, { mode: 'all_match' })], alert, alertIncidentDefaults('warning'));
    expect(all.applied.map((r) => r.ruleId)).toEqual([1, 2]);
    expect(all.outcome).toMatchObject({
      severity: 'SEV1',
      urgency: 'low',
      priority: 'P3',
      tags: ['db', 'night'],
    });
  });

  it('skips disabled rules and sets, and sets of other services; a suppressing rule ends it', () => {
    const suppress = rule(3, { actions: { suppress: true } });
    const sets = [
      set([{ ...rule(1, sev1), isEnabled: false }]),
      set([rule(2, sev1)], { id: 2, isEnabled: false }),
      set([rule(4, sev1)], { id: 3, serviceId: 8 }),
      set([suppress], { id: 4, name: 'Noise' }),
      set([rule(5, sev1)], { id: 5 }),
    ];
    const decision = evaluateTriage(sets, alert, alertIncidentDefaults('warning'));
    expect(decision.applied.map((r) => r.ruleId)).toEqual([3]);
    expect(decision.suppressedBy).toMatchObject({ ruleSetName: 'Noise', ruleId: 3 });
    expect(decision.outcome.suppressed).toBe(true);
  });

  it('matches report text for incidents opened from customer reports, not alerts', () => {
    const report: TriageSubject = {
      ...alert,
      kind: 'report',
      serviceIds: [],
      source: 'report',
      severity: null,
      labels: {},
      reportText: 'I cannot pay\n\ncheckout says error 502',
    };
    const rules = [
      rule(1, { conditions: [{ field: 'report_text', op: 'regex', value: '.*(pay|checkout).*' }], ...sev1 }),
    ];
    expect(evaluateTriage([set(rules)], report, reportIncidentDefaults()).outcome).toMatchObject({
      severity: 'SEV1',
      tags: ['customer-reports', 'db'],
    });
  });
});

describe('triageRuleProblems', () => {
  it('names the rule and condition of an invalid regex, and other unusable conditions', () => {
    const problems = triageRuleProblems([
      { name: 'fine', conditions: [] },
      {
        name: 'Backrefs',
        conditions: [
          { field: 'label', name: 'env', op: 'equals', value: 'prod' },
          { field: 'label', name: 'env', op: 'regex', value: '(a)\\1' },
          { field: 'label', name: '', op: 'exists', value: '' },
          { field: 'service', name: '', op: 'contains', value: '1' },
        ],
      },
    ]);
    expect(problems.map((p) => p.field)).toEqual([
      'rules.1.conditions.1.value',
      'rules.1.conditions.2.name',
      'rules.1.conditions.3.op',
    ]);
    expect(problems[0]?.message).toMatch(/^rule "Backrefs", condition 2: invalid regex/);
  });
});
