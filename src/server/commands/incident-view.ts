import type { AlertSeverity } from '../../core/alerts/alert-event.js';
import { alertCaption } from '../../core/alerts/grouping.js';
import type { Incident, StillFiringAlert } from '../../core/schemas/incident.js';
import { type IncidentStatus, isOpenStatus } from '../../core/incident-status.js';
import { stillFiringAlertsOf } from '../store/queries/alerts.js';
import type { Level, Priority, Severity } from '../../core/priority.js';
import { serviceIdsOf } from '../store/queries/incidents.js';
import { countOpenFollowUpsOfIncidents } from '../store/queries/follow-ups.js';
import { findServicesByIds } from '../store/queries/services.js';
import { findUsersByIds } from '../store/queries/users.js';
import type { IncidentRecord } from '../store/queries/incidents.js';
import type { Executor } from '../store/store.js';
import { iso } from './context.js';

/** `INC-42` for incident number 42. */
export function incidentRef(number: number): string {
  return `INC-${number}`;
}

/** Turn incident rows into API incidents, loading services, commanders and merge targets. */
export async function viewIncidents(db: Executor, rows: readonly IncidentRecord[]): Promise<Incident[]> {
  const serviceIds = await serviceIdsOf(
    db,
    rows.map((row) => row.id),
  );
  const services = await findServicesByIds(db, [...serviceIds.values()].flat());
  const serviceNames = new Map(services.map((s) => [s.id, s.name]));
  const commanders = await findUsersByIds(
    db,
    rows.flatMap((row) => (row.commander_id === null ? [] : [row.commander_id])),
  );
  const commanderById = new Map(commanders.map((u) => [u.id, u]));
  const mergeTargets = await mergeTargetNumbers(db, rows);
  const stillFiring = await stillFiringOf(db, rows);
  const openFollowUps = await countOpenFollowUpsOfIncidents(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    ref: incidentRef(row.number),
    title: row.title,
    summary: row.summary,
    status: row.status as IncidentStatus,
    severity: row.severity as Severity,
    impact: row.impact as Level,
    urgency: row.urgency as Level,
    priority: row.priority as Priority,
    category: row.category,
    services: (serviceIds.get(row.id) ?? [])
      .map((id) => ({ id, name: serviceNames.get(id) ?? `#${id}` }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    commander: row.commander_id === null ? null : (commanderById.get(row.commander_id) ?? null),
    tags: row.tags,
    resolutionSummary: row.resolution_summary,
    rootCause: row.root_cause,
    mergedInto:
      row.merged_into_id === null
        ? null
        : { id: row.merged_into_id, ref: incidentRef(mergeTargets.get(row.merged_into_id) ?? 0) },
    stillFiring: stillFiring.get(row.id) ?? [],
    openFollowUps: openFollowUps.get(row.id) ?? 0,
    startedAt: iso(row.started_at),
    detectedAt: iso(row.detected_at),
    acknowledgedAt: iso(row.acknowledged_at),
    mitigatedAt: iso(row.mitigated_at),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  }));
}

/** The alerts still firing of the incidents that have ended (open ones show their alerts). */
async function stillFiringOf(db: Executor, rows: readonly IncidentRecord[]) {
  const ended = rows.filter((row) => !isOpenStatus(row.status as IncidentStatus)).map((row) => row.id);
  const byIncident = new Map<number, StillFiringAlert[]>();
  for (const alert of await stillFiringAlertsOf(db, ended)) {
    if (alert.of_incident_id === null) continue;
    const list = byIncident.get(alert.of_incident_id) ?? [];
    list.push({
      id: alert.id,
      caption: alertCaption(alert),
      severity: alert.severity as AlertSeverity,
      since: iso(alert.starts_at),
      incident:
        alert.incident_id === null
          ? null
          : { id: alert.incident_id, ref: incidentRef(alert.incident_number ?? 0) },
    });
    byIncident.set(alert.of_incident_id, list);
  }
  return byIncident;
}

async function mergeTargetNumbers(db: Executor, rows: readonly IncidentRecord[]) {
  const ids = rows.flatMap((row) => (row.merged_into_id === null ? [] : [row.merged_into_id]));
  if (ids.length === 0) return new Map<number, number>();
  const targets = await db.selectFrom('incidents').select(['id', 'number']).where('id', 'in', ids).execute();
  return new Map(targets.map((t) => [t.id, t.number]));
}

/** One API incident from a row. */
export async function viewIncident(db: Executor, row: IncidentRecord): Promise<Incident> {
  const [incident] = await viewIncidents(db, [row]);
  if (!incident) throw new Error('incident view is empty');
  return incident;
}
