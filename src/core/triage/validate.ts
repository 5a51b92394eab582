import { ALERT_SEVERITIES } from '../alerts/alert-event.js';
import { labelRegexError } from '../alerts/label-regex.js';
import type { TriageCondition, TriageRuleInput } from '../schemas/triage.js';

/** A field of a rule set that cannot be saved, and why (naming the rule and condition). */
export interface TriageRuleProblem {
  field: string;
  message: string;
}

type CheckedRule = Pick<TriageRuleInput, 'name'> & { conditions?: readonly TriageCondition[] };

/**
 * What is wrong with a set's rules beyond their shape: a regex RE2 refuses, a label or
 * annotation condition without a name, a service condition that is not an id, a severity
 * that no alert has. Each problem names its field as `rules.N.conditions.M.value`.
 */
export function triageRuleProblems(rules: readonly CheckedRule[]): TriageRuleProblem[] {
  const problems: TriageRuleProblem[] = [];
  rules.forEach((rule, r) => {
    (rule.conditions ?? []).forEach((condition, c) => {
      const where = `rule "${rule.name}", condition ${String(c + 1)}`;
      const at = `rules.${String(r)}.conditions.${String(c)}`;
      const problem = conditionProblem(condition);
      if (problem) problems.push({ field: `${at}.${problem.part}`, message: `${where}: ${problem.message}` });
    });
  });
  return problems;
}

function conditionProblem(condition: TriageCondition): { part: string; message: string } | null {
  const { field, op, value } = condition;
  if ((field === 'label' || field === 'annotation') && condition.name === '')
    return { part: 'name', message: `needs the ${field}'s name` };
  if (field === 'service') {
    if (op !== 'equals' && op !== 'not_equals')
      return { part: 'op', message: 'a service is compared with equals or not_equals only' };
    if (!/^[1-9][0-9]{0,9}$/.test(value)) return { part: 'value', message: 'must be a service id' };
    return null;
  }
  if (op === 'regex') {
    const error = labelRegexError(value);
    return error === null ? null : { part: 'value', message: `invalid regex: ${error}` };
  }
  if (field === 'severity' && (op === 'equals' || op === 'not_equals')) {
    if (!(ALERT_SEVERITIES as readonly string[]).includes(value))
      return { part: 'value', message: `must be one of ${ALERT_SEVERITIES.join(', ')}` };
  }
  if ((op === 'equals' || op === 'contains') && value === '' && field !== 'label' && field !== 'annotation')
    return { part: 'value', message: `needs a value to compare with` };
  return null;
}
