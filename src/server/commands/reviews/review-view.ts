import { draftReview } from '../../../core/reviews/draft-review.js';
import { expandFollowUps } from '../../../core/reviews/follow-ups-block.js';
import type { ReviewFacts } from '../../../core/reviews/review-facts.js';
import type { Review, ReviewState } from '../../../core/schemas/reviews.js';
import type { Severity } from '../../../core/priority.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import { type ReviewRecord, findReview, reviewersOf } from '../../store/queries/reviews.js';
import { findUsersByIds } from '../../store/queries/users.js';
import type { Executor } from '../../store/store.js';
import { iso } from '../context.js';
import { incidentRef } from '../incident-view.js';
import { getSettings } from '../settings.js';
import { reviewFactsOf } from './review-facts.js';

/** An incident's review as the API shows it (a fresh draft when none was started or saved). */
export async function viewReview(db: Executor, incident: IncidentRecord): Promise<Review> {
  const review = await findReview(db, incident.id);
  const facts = await reviewFactsOf(db, incident);
  const body = review?.body ?? draftReview(facts);
  const reviewers = await reviewersOf(db, incident.id);
  const users = await findUsersByIds(
    db,
    [review?.owner_id ?? null, review?.updated_by ?? null].filter((id) => id !== null),
  );
  const userRef = (id: number | null | undefined) =>
    id == null ? null : (users.find((u) => u.id === id) ?? null);
  const { reviewRequiredSeverities } = await getSettings(db);
  return {
    incident: reviewIncidentOf(incident),
    state: (review?.state ?? 'draft') as ReviewState,
    body,
    isDraft: review?.body == null,
    version: review?.version ?? 0,
    markdown: expandFollowUps(body, facts.followUps, facts.timeZone),
    followUps: followUpsView(facts),
    owner: userRef(review?.owner_id ?? incident.commander_id),
    reviewers: reviewers.map((r) => ({
      user: { id: r.user_id, name: r.name, email: r.email },
      approvedAt: iso(r.approved_at),
    })),
    isRequiredToClose: reviewRequiredSeverities.includes(incident.severity as Severity),
    timeZone: facts.timeZone,
    createdAt: iso(review?.created_at ?? null),
    updatedAt: iso(review?.updated_at ?? null),
    updatedBy: userRef(review?.updated_by),
    publishedAt: iso(review?.published_at ?? null),
  };
}

/** The incident fields a review shows beside itself. */
export function reviewIncidentOf(incident: Pick<IncidentRecord, 'number' | 'title' | 'severity' | 'status'>) {
  return {
    ref: incidentRef(incident.number),
    title: incident.title,
    severity: incident.severity as Severity,
    status: incident.status,
  };
}

function followUpsView(facts: ReviewFacts) {
  return facts.followUps.map((f) => ({ ...f, dueAt: iso(f.dueAt) }));
}

/** The stored review's text, or the draft it shows while nobody has saved it. */
export async function currentBody(db: Executor, incident: IncidentRecord, review: ReviewRecord | undefined) {
  return review?.body ?? draftReview(await reviewFactsOf(db, incident));
}
