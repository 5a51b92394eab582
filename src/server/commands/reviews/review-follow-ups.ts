import type { ReviewFollowUp } from '../../../core/reviews/review-facts.js';
import type { Executor } from '../../store/store.js';

/** The follow-up actions of an incident as they are now, for the review's live block. */
export function followUpsOfIncident(_db: Executor, _incidentId: number): Promise<ReviewFollowUp[]> {
  return Promise.resolve([]);
}
