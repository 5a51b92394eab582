import type { IncidentStatus } from '../../core/incident-status.js';
import { type Level, type Severity, priorityOf } from '../../core/priority.js';
import type { Actor } from '../../core/schemas/timeline.js';
import { insertIncident, setIncidentServices, takeIncidentNumber } from '../store/queries/incidents.js';
import { appendTimeline } from './timeline.js';
import type { IncidentRecord } from '../store/queries/incidents.js';
import type { Executor } from '../store/store.js';

/** What a new incident record holds (already validated). */
export interface NewIncident {
  title: string;
  summary: string;
  status: IncidentStatus;
  severity: Severity;
  impact: Level;
  urgency: Level;
  category: string | null;
  commanderId: number | null;
  tags: readonly string[];
  serviceIds: readonly number[];
  startedAt: number;
  detectedAt: number;
  createdBy: number | null;
  alertServiceId?: number | null;
  alertGroupKey?: string | null;
}

/** Number, insert and link a new incident and start its timeline, inside `tx`. */
export async function insertIncidentRecord(
  tx: Executor,
  incident: NewIncident,
  actor: Actor,
  now: number,
): Promise<IncidentRecord> {
  const number = await takeIncidentNumber(tx);
  const row = await insertIncident(tx, {
    number,
    title: incident.title,
    summary: incident.summary,
    status: incident.status,
    severity: incident.severity,
    impact: incident.impact,
    urgency: incident.urgency,
    priority: priorityOf(incident.impact, incident.urgency),
    category: incident.category,
    commander_id: incident.commanderId,
    tags: [...new Set(incident.tags)],
    resolution_summary: null,
    root_cause: null,
    merged_into_id: null,
    started_at: incident.startedAt,
    detected_at: incident.detectedAt,
    // A person declaring an incident as investigating is already on it.
    acknowledged_at: incident.status === 'investigating' ? now : null,
    mitigated_at: null,
    resolved_at: null,
    closed_at: null,
    created_at: now,
    updated_at: now,
    created_by: incident.createdBy,
    version: 1,
    alert_service_id: incident.alertServiceId ?? null,
    alert_group_key: incident.alertGroupKey ?? null,
  });
  await setIncidentServices(tx, row.id, incident.serviceIds);
  await appendTimeline(tx, {
    incidentId: row.id,
    at: now,
    actor,
    kind: 'declared',
    changes: {
      status: { before: null, after: row.status },
      severity: { before: null, after: row.severity },
      priority: { before: null, after: row.priority },
    },
    body: row.title,
  });
  return row;
}
