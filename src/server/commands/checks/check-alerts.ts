import type { AlertEvent } from '../../../core/alerts/alert-event.js';
import { ingestAlertBatch } from '../alerts/ingest-alerts.js';
import type { AppContext } from '../context.js';
import { CHECK_TYPE_LABELS, type CheckSpec, checkTarget } from './check-config.js';
import type { ProbeResult } from './check-state.js';

/** The check an alert is about. */
export type AlertingCheck = CheckSpec & { id: number; service_id: number; name: string };

/** The dedup key of a check's alert: one open alert per check. */
export function checkDedupKey(checkId: number): string {
  return `check:${checkId}`;
}

function describe(check: AlertingCheck): string {
  return `${CHECK_TYPE_LABELS[check.type]} check "${check.name}"`;
}

/**
 * Send a check's trigger or resolve through the alert pipeline (dedup, grouping into an
 * incident, auto-resolve). Sending the same action twice is harmless: it is deduplicated.
 */
export async function sendCheckAlert(
  ctx: AppContext,
  check: AlertingCheck,
  action: 'trigger' | 'resolve',
  result: ProbeResult | null,
): Promise<void> {
  const event: AlertEvent = {
    action,
    dedupKey: checkDedupKey(check.id),
    summary:
      action === 'trigger'
        ? `${describe(check)} failing: ${result?.message ?? 'no reason given'}`
        : `${describe(check)} recovered`,
    severity: 'critical',
    source: checkTarget(check),
    labels: { check: check.name, type: check.type },
    details: {
      checkId: check.id,
      message: result?.message ?? null,
      latencyMs: result?.latencyMs ?? null,
      ...(result?.statusCode !== undefined ? { statusCode: result.statusCode } : {}),
    },
    links: [],
    startsAt: null,
    endsAt: null,
    generatorUrl: null,
    payload: { checkId: check.id, action, result },
  };
  await ingestAlertBatch(ctx, [
    { origin: { serviceId: check.service_id, integrationId: null, name: describe(check) }, events: [event] },
  ]);
}
