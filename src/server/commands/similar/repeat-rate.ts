import { NotFoundError } from '../../../core/errors.js';
import type { RepeatIncident, ServiceRepeatRate } from '../../../core/schemas/similar.js';
import { AUTO_REPEAT_SCORE, REPEAT_WINDOW_DAYS, repeatRate } from '../../../core/similar/repeats.js';
import { findIncidentsByIds } from '../../store/queries/incidents.js';
import { findServiceById } from '../../store/queries/services.js';
import { recurrenceMarksOf, serviceIncidentsBetween } from '../../store/queries/similar.js';
import { type AppContext, iso } from '../context.js';
import { incidentRef } from '../incident-view.js';
import { featuresOfIncidents } from './find-similar.js';
import { similarityIndexOf } from './live-index.js';

const DAY = 86_400_000;
/** Similar incidents looked at per incident to find one of the same service. */
const LOOK_AT = 5;

/**
 * The repeat-incident rate of a service over the last `days`: its incidents that are marked as
 * a recurrence, or that have an earlier incident of the same service within 90 days scoring at
 * least `AUTO_REPEAT_SCORE`, over all its incidents in the period.
 */
export async function getServiceRepeatRate(
  ctx: AppContext,
  serviceId: number,
  query: { days: number },
): Promise<ServiceRepeatRate> {
  const db = ctx.store.db;
  if (!(await findServiceById(db, serviceId))) throw new NotFoundError(`service ${serviceId}`);
  const now = ctx.clock.now();
  const incidents = await serviceIncidentsBetween(db, serviceId, now - query.days * DAY, now + 1);
  const marks = new Map(
    (
      await recurrenceMarksOf(
        db,
        incidents.map((incident) => incident.id),
      )
    ).map((mark) => [mark.incident_id, mark.recurrence_of_id]),
  );
  const index = await similarityIndexOf(ctx.store).current();
  const features = await featuresOfIncidents(
    db,
    incidents.filter((incident) => !marks.has(incident.id)).map((incident) => incident.id),
  );
  const found: Array<{ id: number; repeatOfId: number; score: number | null }> = [];
  for (const incident of incidents) {
    const markedOf = marks.get(incident.id);
    if (markedOf !== undefined) {
      found.push({ id: incident.id, repeatOfId: markedOf, score: null });
      continue;
    }
    const own = features.get(incident.id);
    if (!own) continue;
    const matches = index.lookup({
      incidentId: incident.id,
      beforeId: incident.id,
      features: own,
      limit: LOOK_AT,
      startedSince: incident.started_at - REPEAT_WINDOW_DAYS * DAY,
      minScore: AUTO_REPEAT_SCORE,
    });
    const same = matches.find((match) => match.sharedServiceIds.includes(serviceId));
    if (same) found.push({ id: incident.id, repeatOfId: same.incidentId, score: same.score });
  }
  const named = await findIncidentsByIds(
    db,
    found.flatMap((entry) => [entry.id, entry.repeatOfId]),
  );
  const items = found.flatMap((entry): RepeatIncident[] => {
    const incident = named.get(entry.id);
    const earlier = named.get(entry.repeatOfId);
    if (!incident || !earlier) return [];
    return [
      {
        incident: {
          ref: incidentRef(incident.number),
          title: incident.title,
          startedAt: iso(incident.started_at),
        },
        repeatOf: { ref: incidentRef(earlier.number), title: earlier.title },
        reason: entry.score === null ? 'marked' : 'similar',
        score: entry.score,
      },
    ];
  });
  return {
    serviceId,
    days: query.days,
    incidents: incidents.length,
    repeats: items.length,
    rate: repeatRate(items.length, incidents.length),
    repeatWindowDays: REPEAT_WINDOW_DAYS,
    items: items.reverse(),
  };
}
