import { alertCaption } from '../../../core/alerts/grouping.js';
import type { IncidentStatus } from '../../../core/incident-status.js';
import type { Actor } from '../../../core/schemas/timeline.js';
import { appendAlertEvent, resolveOpenAlertsOf } from '../../store/queries/alerts.js';
import { lockNamed } from '../../store/queries/locks.js';
import type { Executor } from '../../store/store.js';
import { appendTimeline } from '../timeline.js';

/** Statuses that end an incident: its open alerts end with it. */
const ENDING_STATUSES: readonly IncidentStatus[] = ['resolved', 'closed', 'declined'];

/** Alerts named one by one on the timeline; more are counted. */
const NAMED_ALERTS = 5;

/**
 * Before an incident opened by alerts ends: wait for the alert batches of its service (they
 * hold the same lock, `ingest-alerts.ts`), so an alert one of them is attaching is resolved
 * with it rather than left open on an ended incident; a later batch sees it ended.
 */
export async function lockAlertsOfEndingIncident(
  tx: Executor,
  incident: { alert_service_id: number | null },
  status: IncidentStatus,
): Promise<void> {
  if (ENDING_STATUSES.includes(status) && incident.alert_service_id !== null)
    await lockNamed(tx, `alerts:${incident.alert_service_id}`);
}

/**
 * When an incident is resolved, closed or declined (by hand: alerting resolves an incident
 * only once its alerts have), resolve its alerts that are still open and say so on its
 * timeline. A source that keeps sending one as firing then opens a new alert, which reopens
 * the incident (inside the reopen window) or opens a new one, and pages: an incident nobody
 * works on never takes firing alerts in silence.
 */
export async function resolveAlertsWithIncident(
  tx: Executor,
  incident: { id: number; number: number },
  status: IncidentStatus,
  actor: Actor,
  now: number,
): Promise<void> {
  if (!ENDING_STATUSES.includes(status)) return;
  const resolved = await resolveOpenAlertsOf(tx, incident.id, now);
  if (resolved.length === 0) return;
  for (const alert of resolved) {
    await appendAlertEvent(tx, {
      alertId: alert.id,
      at: now,
      kind: 'resolved_with_incident',
      message: `INC-${incident.number} ${status} by ${actor.name}`,
    });
  }
  const named = resolved.slice(0, NAMED_ALERTS).map((alert) => alertCaption(alert));
  const more = resolved.length - named.length;
  await appendTimeline(tx, {
    incidentId: incident.id,
    at: now,
    actor,
    kind: 'alerts_resolved',
    changes: null,
    body:
      `Resolved ${resolved.length === 1 ? 'its open alert' : `its ${resolved.length} open alerts`}: ` +
      `${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}. ` +
      'An alert its source still sends as firing opens an incident again and pages.',
  });
}
