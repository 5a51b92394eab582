import type { PlanMatch } from '../schemas/response.js';

/** What a plan's match rules look at on an incident. */
export interface MatchTarget {
  category: string | null;
  serviceIds: readonly number[];
  severity: string;
}

/** True when a plan has at least one rule, so it attaches itself. */
export function isAutomatic(match: PlanMatch): boolean {
  return match.categories.length + match.serviceIds.length + match.severities.length > 0;
}

/**
 * True when every non-empty rule of `match` holds for the incident (any listed value
 * matches within a rule); a plan without rules never matches, it is attached by hand.
 */
export function planMatches(match: PlanMatch, target: MatchTarget): boolean {
  if (!isAutomatic(match)) return false;
  if (match.categories.length > 0 && !match.categories.includes(target.category ?? '')) return false;
  if (match.serviceIds.length > 0 && !match.serviceIds.some((id) => target.serviceIds.includes(id)))
    return false;
  if (match.severities.length > 0 && !(match.severities as readonly string[]).includes(target.severity))
    return false;
  return true;
}
