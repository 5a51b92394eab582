import type { DeclareIncidentBody, Incident } from '../../core/schemas/incident.js';
import { SEVERITY_LEVELS } from '../../core/priority.js';
import { ValidationError } from '../../core/errors.js';
import { type AppContext, type Caller, actorOf } from './context.js';
import { assertActiveUser, assertServicesExist } from './incident-guards.js';
import { insertIncidentRecord } from './incident-records.js';
import { viewIncident } from './incident-view.js';
import { startEscalation } from './oncall/escalation.js';
import { attachMatchingPlans } from './response/attach-plans.js';
import { assertCategory } from './settings.js';

/**
 * Declare a new incident: number it, record it, start its timeline and, when it is declared
 * triggered, its escalation, in one transaction.
 */
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
    const row = await insertIncidentRecord(
      tx,
      {
        title: body.title,
        summary: body.summary ?? '',
        status: body.status,
        severity: body.severity,
        impact: body.impact ?? SEVERITY_LEVELS[body.severity].impact,
        urgency: body.urgency ?? SEVERITY_LEVELS[body.severity].urgency,
        category: body.category ?? null,
        commanderId: body.commanderId ?? null,
        tags: body.tags ?? [],
        serviceIds: services.map((s) => s.id),
        startedAt,
        detectedAt,
        createdBy: caller.userId,
      },
      actorOf(caller),
      now,
    );
    if (row.status === 'triggered') await startEscalation(tx, row, now);
    await attachMatchingPlans(tx, row, actorOf(caller), now);
    return viewIncident(tx, row);
  });
  ctx.onIncidentsChanged();
  return incident;
}
