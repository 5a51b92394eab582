import type { TriageChange } from './evaluate.js';

/** Names to show for the plans and policies a rule names (ids when unknown). */
export interface TriageNames {
  plans: ReadonlyMap<number, string>;
  policies: ReadonlyMap<number, string>;
}

const NO_NAMES: TriageNames = { plans: new Map(), policies: new Map() };

function added(before: unknown, after: unknown): unknown[] {
  const was = Array.isArray(before) ? (before as unknown[]) : [];
  return (Array.isArray(after) ? (after as unknown[]) : []).filter((value) => !was.includes(value));
}

function shown(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : 'none';
}

function describeChange(change: TriageChange, names: TriageNames): string {
  switch (change.field) {
    case 'suppressed':
      return 'suppressed: alert recorded, no incident';
    case 'tags':
      return `tags + ${added(change.before, change.after).join(', ')}`;
    case 'responsePlanIds':
      return `response plan ${added(change.before, change.after)
        .map((id) => `"${names.plans.get(id as number) ?? `#${String(id)}`}"`)
        .join(', ')}`;
    case 'escalationPolicyId':
      return `escalation policy "${
        names.policies.get(change.after as number) ?? `#${String(change.after)}`
      }"`;
    default:
      return `${change.field} ${shown(change.before)} → ${shown(change.after)}`;
  }
}

/** What one rule changed, in words: "severity SEV3 → SEV1, priority P3 → P1, tags + db". */
export function describeChanges(changes: readonly TriageChange[], names: TriageNames = NO_NAMES): string {
  if (changes.length === 0) return 'matched; nothing left to change';
  return changes.map((change) => describeChange(change, names)).join(', ');
}
