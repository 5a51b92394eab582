import { findServiceById } from '../../store/queries/services.js';
import { lockNamed, tryLockNamed } from '../../store/queries/locks.js';
import {
  expiredAlerts,
  suppressedOpenAlerts,
  updateAlert,
  appendAlertEvent,
} from '../../store/queries/alerts.js';
import {
  activeMaintenance,
  endedUnreleasedWindows,
  markWindowReleased,
} from '../../store/queries/maintenance.js';
import type { AppContext } from '../context.js';
import { groupAlert } from './alert-incidents.js';
import { alertRulesOf } from './alert-rules.js';
import { resolve } from './process-alert-events.js';

/**
 * Timed alert work, safe to run from several processes (one runs it at a time):
 * resolve alerts whose expiry passed without a re-send, and release alerts still firing when
 * a maintenance window ends into incidents. Returns how many alerts it changed.
 */
export async function sweepAlerts(ctx: AppContext, limit = 500): Promise<number> {
  const now = ctx.clock.now();
  const changed = await ctx.store.transaction(async (tx) => {
    if (!(await tryLockNamed(tx, 'alerts:sweep'))) return 0;
    let count = 0;
    for (const alert of await expiredAlerts(tx, now, limit)) {
      await lockNamed(tx, `alerts:${alert.service_id}`);
      const service = await findServiceById(tx, alert.service_id);
      const rules = alertRulesOf(service?.alert_rules ?? null);
      await resolve(tx, alert, { dedupKey: alert.dedup_key, payload: null }, rules, now, 'expired');
      count++;
    }
    for (const window of await endedUnreleasedWindows(tx, now)) {
      await lockNamed(tx, `alerts:${window.service_id}`);
      const service = await findServiceById(tx, window.service_id);
      const rules = alertRulesOf(service?.alert_rules ?? null);
      // An overlapping window still running keeps them suppressed; its own end releases them.
      const isStillInMaintenance = (await activeMaintenance(tx, window.service_id, now)) !== undefined;
      const alerts = isStillInMaintenance ? [] : await suppressedOpenAlerts(tx, window.service_id);
      for (const alert of alerts) {
        const released = await updateAlert(tx, alert.id, { is_suppressed: false, updated_at: now });
        await appendAlertEvent(tx, {
          alertId: alert.id,
          at: now,
          kind: 'released',
          message: 'Still firing when maintenance ended',
        });
        await groupAlert(tx, released, rules, now);
        count++;
      }
      await markWindowReleased(tx, window.id, now);
    }
    return count;
  });
  if (changed > 0) ctx.onIncidentsChanged();
  return changed;
}
