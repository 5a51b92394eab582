import { type AlertRules, DEFAULT_ALERT_RULES } from '../../../core/alerts/grouping.js';
import { findServiceById } from '../../store/queries/services.js';
import type { Executor } from '../../store/store.js';

/** A service's stored rules with defaults filled in for anything missing (null: all defaults). */
export function alertRulesOf(stored: Partial<AlertRules> | null): AlertRules {
  if (!stored) return DEFAULT_ALERT_RULES;
  return { ...DEFAULT_ALERT_RULES, ...stored };
}

/** Rules per service, read once per batch. */
export class AlertRulesCache {
  private readonly rules = new Map<number, AlertRules>();

  constructor(private readonly db: Executor) {}

  /** The alert rules of a service. */
  async of(serviceId: number): Promise<AlertRules> {
    const cached = this.rules.get(serviceId);
    if (cached) return cached;
    const service = await findServiceById(this.db, serviceId);
    const rules = alertRulesOf(service?.alert_rules ?? null);
    this.rules.set(serviceId, rules);
    return rules;
  }
}
