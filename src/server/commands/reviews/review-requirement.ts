import { ValidationError } from '../../../core/errors.js';
import type { Severity } from '../../../core/priority.js';
import type { Actor } from '../../../core/schemas/timeline.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import { findReview } from '../../store/queries/reviews.js';
import type { Executor } from '../../store/store.js';
import { getSettings } from '../settings.js';
import { ensureReview } from './reviews.js';

/**
 * Refuse to close an incident whose severity needs a published review (the workspace's
 * `reviewRequiredSeverities`) while its review is not published; the problem names `review`.
 */
export async function assertReviewAllowsClose(tx: Executor, incident: IncidentRecord): Promise<void> {
  const { reviewRequiredSeverities } = await getSettings(tx);
  if (!reviewRequiredSeverities.includes(incident.severity as Severity)) return;
  const review = await findReview(tx, incident.id);
  if (review?.state === 'published') return;
  const state = review ? review.state.replace('_', ' ') : 'not started';
  throw new ValidationError(
    'review',
    `must be published before a ${incident.severity} incident can close (the post-incident review is ${state})`,
  );
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
