import { type AlertRules, DEFAULT_ALERT_RULES } from '../../../core/alerts/grouping.js';
import { findServiceById } from '../../store/queries/services.js';
import type { Executor } from '../../store/store.js';

/** Parse stored rules, filling in defaults for anything missing. */
export function parseAlertRules(json: string | null): AlertRules {
  if (!json) return DEFAULT_ALERT_RULES;
  return { ...DEFAULT_ALERT_RULES, ...(JSON.parse(json) as Partial<AlertRules>) };
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
    const rules = parseAlertRules(service?.alert_rules ?? null);
    this.rules.set(serviceId, rules);
    return rules;
  }
}
