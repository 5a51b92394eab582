import type { FieldError } from '../../../core/errors.js';
import type { Severity } from '../../../core/priority.js';
import type { Actor } from '../../../core/schemas/timeline.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import { findReview } from '../../store/queries/reviews.js';
import type { Executor } from '../../store/store.js';
import { getSettings } from '../settings.js';
import { ensureReview } from './reviews.js';

/**
 * What closing `incident` lacks on the review side: a published review when its severity is one
 * of the workspace's `reviewRequiredSeverities`; the gap names the field `review`.
 */
export async function reviewGaps(db: Executor, incident: IncidentRecord): Promise<FieldError[]> {
  const { reviewRequiredSeverities } = await getSettings(db);
  if (!reviewRequiredSeverities.includes(incident.severity as Severity)) return [];
  const review = await findReview(db, incident.id);
  if (review?.state === 'published') return [];
  const state = review ? review.state.replace('_', ' ') : 'not started';
  return [
    {
      field: 'review',
      message: `must be published before a ${incident.severity} incident can close (the post-incident review is ${state})`,
    },
  ];
}

/** Start the review of an incident that just resolved, as a draft that follows its facts. */
export async function startReviewOnResolve(
  tx: Executor,
  incident: IncidentRecord,
  actor: Actor,
  now: number,
) {
  await ensureReview(tx, incident, actor.type === 'user' ? actor.id : null, now);
}
