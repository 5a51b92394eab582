import { ForbiddenError, InvalidTransitionError, ValidationError } from '../../../core/errors.js';
import { type Role, hasRole } from '../../../core/roles.js';
import type { Review, ReviewState } from '../../../core/schemas/reviews.js';
import type { Severity } from '../../../core/priority.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import {
  type ReviewRecord,
  activeUserRoles,
  clearApprovals,
  insertReviewVersion,
  reviewersOf,
  setApproval,
  setReviewers,
  updateReview,
} from '../../store/queries/reviews.js';
import { findUsersByIds } from '../../store/queries/users.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, type Caller, actorOf } from '../context.js';
import { loadIncident } from '../incident-guards.js';
import { getSettings } from '../settings.js';
import { appendTimeline } from '../timeline.js';
import { ensureReview } from './reviews.js';
import { currentBody, viewReview } from './review-view.js';

const STATE_TEXT: Record<ReviewState, string> = {
  draft: 'draft',
  in_review: 'in review',
  published: 'published',
};

/**
 * Move a review between draft, in review and published. Sending it for review names the
 * reviewers; publishing needs every reviewer's approval and is for the review's owner, the
 * incident's commander or an admin. The incident's timeline records each move.
 */
export async function changeReviewState(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  change: { state: ReviewState; reviewerIds?: number[] | undefined },
): Promise<Review> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const incident = await loadIncident(tx, ref);
    const review = await ensureReview(tx, incident, caller.userId, now);
    const from = review.state as ReviewState;
    if (from === change.state && change.state !== 'in_review') {
      throw new InvalidTransitionError(`the review is already ${STATE_TEXT[from]}`);
    }
    let body: string | null = null;
    if (change.state === 'in_review')
      body = await sendForReview(tx, incident, review, change.reviewerIds, now);
    else if (change.state === 'published') await assertMayPublish(tx, incident, review, caller);
    else await assertMayReopen(tx, incident, review, caller);
    // Reviewers approve a fixed text: an untouched draft is saved as it stands when it leaves draft.
    const text =
      review.body === null && change.state !== 'draft' ? await currentBody(tx, incident, review) : null;
    const version = text === null ? review.version : review.version + 1;
    if (text !== null) {
      await insertReviewVersion(tx, {
        incident_id: incident.id,
        version,
        body: text,
        author_id: caller.userId,
        saved_at: now,
      });
    }
    await updateReview(tx, incident.id, {
      state: change.state,
      updated_at: now,
      updated_by: caller.userId,
      published_at: change.state === 'published' ? now : null,
      ...(text === null ? {} : { body: text, version }),
    });
    if (change.state === 'draft') await clearApprovals(tx, incident.id);
    if (from !== change.state || body !== null) {
      await appendTimeline(tx, {
        incidentId: incident.id,
        at: now,
        actor: actorOf(caller),
        kind: 'review_state_changed',
        changes: from === change.state ? null : { review: { before: from, after: change.state } },
        body,
      });
    }
    ctx.onIncidentsChanged();
    return viewReview(tx, incident);
  });
}

async function sendForReview(
  tx: Executor,
  incident: IncidentRecord,
  review: ReviewRecord,
  reviewerIds: number[] | undefined,
  now: number,
): Promise<string> {
  if (review.state === 'published') {
    throw new InvalidTransitionError('the review is published; move it back to draft first');
  }
  if (reviewerIds !== undefined) {
    const users = await activeUserRoles(tx, reviewerIds);
    const unfit = reviewerIds.filter(
      (id) => !users.some((u) => u.id === id && hasRole(u.role as Role, 'responder')),
    );
    if (unfit.length > 0) {
      throw new ValidationError(
        'reviewerIds',
        `must name active users who may edit incidents (responders or admins); not: ${unfit.join(', ')}`,
      );
    }
    await setReviewers(tx, incident.id, reviewerIds, now);
  }
  const reviewers = await reviewersOf(tx, incident.id);
  if (reviewers.length === 0) throw new ValidationError('reviewerIds', 'must name at least one reviewer');
  return `Review requested from ${reviewers.map((r) => r.name).join(', ')}`;
}

async function assertMayPublish(
  tx: Executor,
  incident: IncidentRecord,
  review: ReviewRecord,
  caller: Caller,
) {
  if (review.state !== 'in_review') {
    throw new InvalidTransitionError(
      'send the review for review first; it is published once its reviewers approve',
    );
  }
  assertLeads(incident, review, caller, 'publish');
  const reviewers = await reviewersOf(tx, incident.id);
  const waiting = reviewers.filter((r) => r.approved_at === null);
  if (reviewers.length === 0 || waiting.length > 0) {
    throw new ValidationError(
      'reviewers',
      `must all approve before publishing; waiting for ${waiting.map((r) => r.name).join(', ') || 'a reviewer'}`,
    );
  }
}

async function assertMayReopen(tx: Executor, incident: IncidentRecord, review: ReviewRecord, caller: Caller) {
  if (review.state !== 'published') return;
  assertLeads(incident, review, caller, 'reopen');
  const { reviewRequiredSeverities } = await getSettings(tx);
  if (incident.status === 'closed' && reviewRequiredSeverities.includes(incident.severity as Severity)) {
    throw new InvalidTransitionError(
      `a closed ${incident.severity} incident keeps its published review; reopen the incident first`,
    );
  }
}

function assertLeads(incident: IncidentRecord, review: ReviewRecord, caller: Caller, what: string): void {
  const leads = caller.userId === review.owner_id || caller.userId === incident.commander_id;
  if (!leads && caller.role !== 'admin') {
    throw new ForbiddenError(
      `only the review's owner, the incident's commander or an admin may ${what} the review`,
    );
  }
}

/** A reviewer approves the review's text as it stands (while it is in review). */
export async function approveReview(ctx: AppContext, caller: Caller, ref: string): Promise<Review> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const incident = await loadIncident(tx, ref);
    const review = await ensureReview(tx, incident, caller.userId, now);
    if (review.state !== 'in_review')
      throw new InvalidTransitionError('only a review in review can be approved');
    const reviewer = (await reviewersOf(tx, incident.id)).find((r) => r.user_id === caller.userId);
    if (!reviewer) throw new ForbiddenError('only the reviewers named for this review may approve it');
    if (reviewer.approved_at !== null)
      throw new InvalidTransitionError('you have already approved the review');
    await setApproval(tx, incident.id, caller.userId, now);
    await appendTimeline(tx, {
      incidentId: incident.id,
      at: now,
      actor: actorOf(caller),
      kind: 'review_approved',
      body: 'Approved the post-incident review',
    });
    ctx.onIncidentsChanged();
    return viewReview(tx, incident);
  });
}

/** Give the review to another owner (the person who sees it through). */
export async function setReviewOwner(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  userId: number | null,
): Promise<Review> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const incident = await loadIncident(tx, ref);
    await ensureReview(tx, incident, caller.userId, now);
    if (userId !== null && (await findUsersByIds(tx, [userId])).length === 0) {
      throw new ValidationError('userId', `no user with id ${String(userId)}`);
    }
    await updateReview(tx, incident.id, { owner_id: userId, updated_at: now, updated_by: caller.userId });
    return viewReview(tx, incident);
  });
}
