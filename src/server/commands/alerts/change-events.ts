import type { AlertLink } from '../../../core/alerts/alert-event.js';
import type { ChangeEvent } from '../../../core/schemas/alerting.js';
import { incidentsOpenAt, insertChangeEvent, listChangeEvents } from '../../store/queries/change-events.js';
import { serviceIdsOf } from '../../store/queries/incidents.js';
import { appendTimeline } from '../timeline.js';
import { type AppContext, iso } from '../context.js';
import { loadIncident } from '../incident-guards.js';

/** A change reported by a tool (deploy, config change, feature flag). */
export interface NewChangeEvent {
  serviceId: number;
  integrationId: number | null;
  integrationName: string;
  at: number | null;
  summary: string;
  source: string | null;
  details: Record<string, unknown>;
  links: AlertLink[];
}

/** Record a change event and note it on the timelines of the service's incidents open then. */
export async function recordChangeEvent(ctx: AppContext, change: NewChangeEvent): Promise<number> {
  const now = ctx.clock.now();
  const at = change.at ?? now;
  const noted = await ctx.store.transaction(async (tx) => {
    await insertChangeEvent(tx, {
      service_id: change.serviceId,
      integration_id: change.integrationId,
      at,
      summary: change.summary,
      source: change.source,
      details: change.details,
      links: change.links,
      created_at: now,
    });
    const incidents = await incidentsOpenAt(tx, change.serviceId, at);
    for (const incident of incidents) {
      await appendTimeline(tx, {
        incidentId: incident.id,
        at: now,
        actor: { type: 'system', id: null, name: change.integrationName },
        kind: 'change_event',
        changes: null,
        body: `Change at ${iso(at)}: ${change.summary}${change.source ? ` (${change.source})` : ''}`,
      });
    }
    return incidents.length;
  });
  if (noted > 0) ctx.onIncidentsChanged();
  return noted;
}

/** Change events of a service in a time range, newest first. */
export async function getChangeEvents(
  ctx: AppContext,
  filter: { serviceId?: number; incident?: string; from?: number; to?: number; limit: number },
): Promise<ChangeEvent[]> {
  let serviceIds = filter.serviceId !== undefined ? [filter.serviceId] : undefined;
  let from = filter.from ?? 0;
  let to = filter.to ?? ctx.clock.now();
  if (filter.incident) {
    // The changes around an incident: its services, from an hour before it started until it resolved.
    const incident = await loadIncident(ctx.store.db, filter.incident);
    serviceIds = (await serviceIdsOf(ctx.store.db, [incident.id])).get(incident.id) ?? [];
    from = incident.started_at - 3_600_000;
    to = incident.resolved_at ?? ctx.clock.now();
  }
  const rows = await listChangeEvents(ctx.store.db, {
    ...(serviceIds ? { serviceIds } : {}),
    from,
    to,
    limit: filter.limit,
  });
  return rows.map((row) => ({
    id: row.id,
    service: { id: row.service_id, name: row.service_name },
    at: iso(row.at),
    summary: row.summary,
    source: row.source,
    details: row.details,
    links: row.links,
  }));
}
