import type { AlertSeverity, AlertStatus } from '../../../core/alerts/alert-event.js';
import type { Alert, AlertListQuery } from '../../../core/schemas/alerting.js';
import type { z } from 'zod';
import type { AlertWithHistory } from '../../../core/schemas/alerting.js';
import { NotFoundError } from '../../../core/errors.js';
import { alertHistory, findAlertWithNames, listAlerts } from '../../store/queries/alerts.js';
import type { AlertRecord } from '../../store/queries/alerts.js';
import { type AppContext, iso } from '../context.js';
import { loadIncident } from '../incident-guards.js';

type AlertListRow = AlertRecord & { service_name: string; incident_number: number | null };

function viewAlert(row: AlertListRow): Alert {
  return {
    id: row.id,
    service: { id: row.service_id, name: row.service_name },
    integrationId: row.integration_id,
    dedupKey: row.dedup_key,
    status: row.status as AlertStatus,
    summary: row.summary,
    severity: row.severity as AlertSeverity,
    source: row.source,
    labels: row.labels,
    details: row.details,
    links: row.links,
    generatorUrl: row.generator_url,
    incident:
      row.incident_id === null || row.incident_number === null
        ? null
        : { id: row.incident_id, ref: `INC-${row.incident_number}` },
    isSuppressed: row.is_suppressed,
    suppressedBy: row.suppressed_by_rule ?? null,
    isFlapping: row.is_flapping,
    eventCount: row.event_count,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    acknowledgedAt: iso(row.acknowledged_at),
    resolvedAt: iso(row.resolved_at),
    lastEventAt: iso(row.last_event_at),
    createdAt: iso(row.created_at),
  };
}

/** A page of alerts, newest first. */
export async function getAlerts(
  ctx: AppContext,
  query: AlertListQuery,
): Promise<{ items: Alert[]; nextCursor: string | null }> {
  const incidentId = query.incident ? (await loadIncident(ctx.store.db, query.incident)).id : undefined;
  const rows = await listAlerts(ctx.store.db, {
    ...(query.status ? { status: query.status } : {}),
    ...(query.serviceId !== undefined ? { serviceId: query.serviceId } : {}),
    ...(incidentId !== undefined ? { incidentId } : {}),
    ...(query.cursor !== undefined ? { beforeId: query.cursor } : {}),
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(viewAlert),
    nextCursor: rows.length > query.limit && last ? String(last.id) : null,
  };
}

/** One alert with its raw payload and history. */
export async function getAlert(ctx: AppContext, id: number): Promise<z.infer<typeof AlertWithHistory>> {
  const db = ctx.store.db;
  const row = await findAlertWithNames(db, id);
  if (!row) throw new NotFoundError(`alert ${id}`);
  const history = await alertHistory(db, id);
  return {
    ...viewAlert(row),
    payload: row.payload,
    history: history.map((h) => ({
      id: h.id,
      at: iso(h.at),
      kind: h.kind,
      message: h.message,
      payload: h.payload,
    })),
  };
}
