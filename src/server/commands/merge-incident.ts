import { InvalidTransitionError, ValidationError } from '../../core/errors.js';
import { isOpenStatus, type IncidentStatus } from '../../core/incident-status.js';
import type { Incident } from '../../core/schemas/incident.js';
import { serviceIdsOf, setIncidentServices, updateIncidentAtVersion } from '../store/queries/incidents.js';
import { moveOpenAlerts } from '../store/queries/alerts.js';
import { appendTimeline } from './timeline.js';
import { type AppContext, type Caller, actorOf } from './context.js';
import { assertVersion, loadIncident, parseIncidentRef } from './incident-guards.js';
import { viewIncident } from './incident-view.js';
import { endEscalation } from './oncall/escalation.js';

/**
 * Merge incident `ref` into `into`: the source becomes `merged`, its services join the
 * target, and its timeline is shown as part of the target's from then on.
 */
export async function mergeIncident(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  into: string | number,
  version?: number,
): Promise<Incident> {
  const now = ctx.clock.now();
  if (parseIncidentRef(into) === undefined)
    throw new ValidationError('into', 'must be an incident ref such as INC-12');
  const incident = await ctx.store.transaction(async (tx) => {
    const source = await loadIncident(tx, ref);
    assertVersion(source, version);
    const target = await loadIncident(tx, into).catch(() => {
      throw new ValidationError('into', `no incident ${String(into)}`);
    });
    if (target.id === source.id) throw new ValidationError('into', 'cannot merge an incident into itself');
    if (source.status === 'merged' || source.status === 'declined') {
      throw new InvalidTransitionError(`INC-${source.number} is ${source.status} and cannot be merged`);
    }
    if (target.status === 'merged' || target.status === 'declined') {
      throw new ValidationError(
        'into',
        `INC-${target.number} is ${target.status}; merge into an active incident`,
      );
    }
    if (!isOpenStatus(target.status as IncidentStatus) && isOpenStatus(source.status as IncidentStatus)) {
      throw new ValidationError('into', `INC-${target.number} is ${target.status}; reopen it first`);
    }
    await updateIncidentAtVersion(tx, source.id, source.version, {
      status: 'merged',
      merged_into_id: target.id,
      updated_at: now,
    });
    // The merged incident pages no one any more; the incident it joined carries on.
    await endEscalation(tx, source.id, 'merged', now);
    const links = await serviceIdsOf(tx, [source.id, target.id]);
    const union = [...new Set([...(links.get(target.id) ?? []), ...(links.get(source.id) ?? [])])];
    await setIncidentServices(tx, target.id, union);
    // Alerts still firing follow the incident that carries on: their re-sends land there.
    const moved = await moveOpenAlerts(tx, source.id, target.id, now);
    const updatedTarget = await updateIncidentAtVersion(tx, target.id, target.version, { updated_at: now });
    const actor = actorOf(caller);
    await appendTimeline(tx, {
      incidentId: source.id,
      at: now,
      actor,
      kind: 'merged_into',
      changes: { status: { before: source.status, after: 'merged' } },
      body: `Merged into INC-${target.number}`,
    });
    await appendTimeline(tx, {
      incidentId: target.id,
      at: now,
      actor,
      kind: 'merged_from',
      changes: null,
      body:
        `INC-${source.number} (${source.title}) merged into this incident` +
        (moved > 0 ? `; its ${moved === 1 ? 'open alert moved' : `${moved} open alerts moved`} here` : ''),
    });
    return viewIncident(tx, updatedTarget);
  });
  ctx.onIncidentsChanged();
  return incident;
}
