import { BeaconError, ValidationError } from '../../../core/errors.js';
import type { TriageRule, TriageRuleInput } from '../../../core/schemas/triage.js';
import { triageRuleProblems } from '../../../core/triage/validate.js';
import { findPolicyById } from '../../store/queries/escalation.js';
import { findPlanById } from '../../store/queries/response.js';
import type { Executor } from '../../store/store.js';
import { assertServicesExist } from '../incident-guards.js';
import { getSettings } from '../settings.js';
import type { z } from 'zod';

/** A rule as validated by its schema (defaults filled in). */
export type RuleInput = z.output<typeof TriageRuleInput>;

/**
 * Refuse a rule set that cannot be saved, naming the field: every problem of its rules at
 * once (an invalid regex names the rule and condition), then a service, category, plan or
 * escalation policy that does not exist. Saving and the dry run both check with this.
 */
export async function assertRuleSetValid(
  tx: Executor,
  draft: { serviceId: number | null; rules: readonly RuleInput[] },
): Promise<void> {
  const problems = triageRuleProblems(draft.rules);
  if (problems.length > 0) {
    throw new BeaconError('validation', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
  if (draft.serviceId !== null) await assertServicesExist(tx, [draft.serviceId], 'serviceId');
  const { categories } = await getSettings(tx);
  for (const [r, rule] of draft.rules.entries()) {
    for (const [c, condition] of rule.conditions.entries()) {
      if (condition.field === 'service')
        await assertServicesExist(tx, [Number(condition.value)], `rules.${r}.conditions.${c}.value`);
    }
    const { category, responsePlanId, escalationPolicyId } = rule.actions;
    const at = `rules.${r}.actions`;
    if (category !== null && !categories.includes(category))
      throw new ValidationError(`${at}.category`, `rule "${rule.name}": unknown category ${category}`);
    if (responsePlanId !== null && !(await findPlanById(tx, responsePlanId)))
      throw new ValidationError(
        `${at}.responsePlanId`,
        `rule "${rule.name}": no response plan ${responsePlanId}`,
      );
    if (escalationPolicyId !== null && !(await findPolicyById(tx, escalationPolicyId)))
      throw new ValidationError(
        `${at}.escalationPolicyId`,
        `rule "${rule.name}": no escalation policy ${escalationPolicyId}`,
      );
  }
}

/**
 * Give each rule its id: an id the set already issued is kept (an edited rule), any other
 * rule gets a new one, so a rule's id never changes meaning. Returns the next id to issue.
 */
export function withRuleIds(
  rules: readonly RuleInput[],
  nextRuleId: number,
): { rules: TriageRule[]; nextRuleId: number } {
  const seen = new Set<number>();
  let next = nextRuleId;
  const withIds = rules.map((rule) => {
    const isKept = rule.id !== undefined && rule.id < nextRuleId && !seen.has(rule.id);
    const id = isKept && rule.id !== undefined ? rule.id : next++;
    seen.add(id);
    return { ...rule, id };
  });
  return { rules: withIds, nextRuleId: next };
}
