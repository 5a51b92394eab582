import { ValidationError } from '../../../core/errors.js';
import type { StakeholderDefaultRule } from '../../../core/schemas/stakeholders.js';
import { activeUsersByIds } from '../../store/queries/notifications.js';
import { teamsByIds } from '../../store/queries/stakeholders.js';
import type { Executor } from '../../store/store.js';
import { assertServicesExist } from '../incident-guards.js';

/** Throw 400 naming the field unless every service, user and team a rule names exists. */
export async function assertStakeholderDefaults(
  db: Executor,
  rules: readonly StakeholderDefaultRule[],
): Promise<void> {
  for (const [index, rule] of rules.entries()) {
    const field = `stakeholderDefaults.${index}`;
    await assertServicesExist(db, rule.serviceIds, `${field}.serviceIds`);
    const users = await activeUsersByIds(db, rule.userIds);
    const missingUsers = rule.userIds.filter((id) => !users.some((user) => user.id === id));
    if (missingUsers.length > 0) {
      throw new ValidationError(`${field}.userIds`, `no active user with id ${missingUsers.join(', ')}`);
    }
    const teams = await teamsByIds(db, rule.teamIds);
    const missingTeams = rule.teamIds.filter((id) => !teams.some((team) => team.id === id));
    if (missingTeams.length > 0) {
      throw new ValidationError(`${field}.teamIds`, `no team with id ${missingTeams.join(', ')}`);
    }
  }
}

/** The rules (with their index) that apply to an incident of `severity` affecting `serviceIds`. */
export function matchingDefaultRules(
  rules: readonly StakeholderDefaultRule[],
  incident: { severity: string; serviceIds: readonly number[] },
): Array<{ rule: StakeholderDefaultRule; index: number }> {
  return rules.flatMap((rule, index) => {
    const isSeverityMatch =
      rule.severities.length === 0 || rule.severities.some((s) => s === incident.severity);
    const isServiceMatch =
      rule.serviceIds.length === 0 || rule.serviceIds.some((id) => incident.serviceIds.includes(id));
    return isSeverityMatch && isServiceMatch ? [{ rule, index }] : [];
  });
}
