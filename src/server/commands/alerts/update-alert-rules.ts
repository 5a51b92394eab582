import type { AlertRules } from '../../../core/alerts/grouping.js';
import { NotFoundError } from '../../../core/errors.js';
import { findServiceById, updateService } from '../../store/queries/services.js';
import { auditChange } from '../audit-change.js';
import type { AppContext, Caller } from '../context.js';
import { alertRulesOf } from './alert-rules.js';

/** A service's alert rules. */
export async function getAlertRules(ctx: AppContext, serviceId: number): Promise<AlertRules> {
  const service = await findServiceById(ctx.store.db, serviceId);
  if (!service) throw new NotFoundError(`service ${serviceId}`);
  return alertRulesOf(service.alert_rules);
}

/** Change some of a service's alert rules. */
export async function updateAlertRules(
  ctx: AppContext,
  serviceId: number,
  patch: Partial<AlertRules>,
  caller?: Caller,
): Promise<AlertRules> {
  return ctx.store.transaction(async (tx) => {
    const service = await findServiceById(tx, serviceId);
    if (!service) throw new NotFoundError(`service ${serviceId}`);
    // Only the rules ever set are stored: the others follow the defaults, as they change.
    const stored = { ...service.alert_rules, ...patch };
    await updateService(tx, serviceId, { alert_rules: stored, updated_at: ctx.clock.now() });
    const rules = alertRulesOf(stored);
    await auditChange(tx, caller, ctx.clock.now(), 'alert_rules.update', serviceId, {
      before: alertRulesOf(service.alert_rules),
      after: rules,
    });
    return rules;
  });
}
