import type { DeclareIncidentBody, Incident } from '../../core/schemas/incident.js';
import { priorityOf } from '../../core/priority.js';
import { ValidationError } from '../../core/errors.js';
import { insertIncident, setIncidentServices, takeIncidentNumber } from '../store/queries/incidents.js';
import { appendTimeline } from '../store/queries/timeline.js';
import { type AppContext, type Caller, actorOf } from './context.js';
import { assertActiveUser, assertServicesExist } from './incident-guards.js';
import { viewIncident } from './incident-view.js';
import { assertCategory } from './settings.js';

/** Declare a new incident: number it, record it and start its timeline, in one transaction. */
export async function declareIncident(
  ctx: AppContext,
  caller: Caller,
  body: DeclareIncidentBody,
): Promise<Incident> {
  const now = ctx.clock.now();
  const startedAt = body.startedAt ? Date.parse(body.startedAt) : now;
  const detectedAt = body.detectedAt ? Date.parse(body.detectedAt) : now;
  if (startedAt > now) throw new ValidationError('startedAt', 'must not be in the future');
  if (detectedAt > now) throw new ValidationError('detectedAt', 'must not be in the future');
  const incident = await ctx.store.transaction(async (tx) => {
    const services = await assertServicesExist(tx, body.serviceIds);
    await assertActiveUser(tx, body.commanderId, 'commanderId');
    await assertCategory(tx, body.category);
    const number = await takeIncidentNumber(tx);
    const row = await insertIncident(tx, {
      number,
      title: body.title,
      summary: body.summary ?? '',
      status: body.status,
      severity: body.severity,
      impact: body.impact,
      urgency: body.urgency,
      priority: priorityOf(body.impact, body.urgency),
      category: body.category ?? null,
      commander_id: body.commanderId ?? null,
      tags: JSON.stringify([...new Set(body.tags ?? [])]),
      resolution_summary: null,
      root_cause: null,
      merged_into_id: null,
      started_at: startedAt,
      detected_at: detectedAt,
      // A person declaring an incident as investigating is already on it.
      acknowledged_at: body.status === 'investigating' ? now : null,
      mitigated_at: null,
      resolved_at: null,
      closed_at: null,
      created_at: now,
      updated_at: now,
      created_by: caller.userId,
      version: 1,
    });
    await setIncidentServices(
      tx,
      row.id,
      services.map((s) => s.id),
    );
    await appendTimeline(tx, {
      incidentId: row.id,
      at: now,
      actor: actorOf(caller),
      kind: 'declared',
      changes: {
        status: { before: null, after: row.status },
        severity: { before: null, after: row.severity },
        priority: { before: null, after: row.priority },
      },
      body: row.title,
    });
    return viewIncident(tx, row);
  });
  ctx.onIncidentsChanged();
  return incident;
}
