import { draftReview, draftSection } from '../../../core/reviews/draft-review.js';
import { InvalidTransitionError, StaleWriteError } from '../../../core/errors.js';
import type { ReviewSectionId } from '../../../core/reviews/review-sections.js';
import type { Review, ReviewState, ReviewSummary } from '../../../core/schemas/reviews.js';
import type { Severity } from '../../../core/priority.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import {
  clearApprovals,
  findReview,
  insertReview,
  insertReviewVersion,
  listReviews,
  reviewVersionsOf,
  updateReview,
} from '../../store/queries/reviews.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, type Caller, iso } from '../context.js';
import { loadIncident } from '../incident-guards.js';
import { incidentRef } from '../incident-view.js';
import { reviewFactsOf } from './review-facts.js';
import { viewReview } from './review-view.js';

/** An incident's review (viewers and up). */
export async function getReview(ctx: AppContext, ref: string): Promise<Review> {
  const incident = await loadIncident(ctx.store.db, ref);
  return viewReview(ctx.store.db, incident);
}

/**
 * Save a review's text edited from `version` (0: the draft). A save from an older version is
 * refused with the current review, so the editor can show both texts; nothing is overwritten.
 */
export async function saveReview(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  edit: { body: string; version: number },
): Promise<Review> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const incident = await loadIncident(tx, ref);
    const review = await findReview(tx, incident.id);
    const current = review?.version ?? 0;
    if (edit.version !== current) {
      throw new StaleWriteError(
        `the review of ${incidentRef(incident.number)} was saved as version ${String(current)} since you opened version ${String(edit.version)}`,
        'version',
        await viewReview(tx, incident),
      );
    }
    if (review?.state === 'published') {
      throw new InvalidTransitionError('the review is published; move it back to draft to change it');
    }
    const version = current + 1;
    if (review) {
      const saved = await updateReview(
        tx,
        incident.id,
        { body: edit.body, version, updated_at: now, updated_by: caller.userId },
        current,
      );
      if (!saved) throw new StaleWriteError('the review was saved at the same time', 'version', null);
      // Reviewers approved the text they read; a changed text needs their approval again.
      if (review.state === 'in_review' && review.body !== edit.body) await clearApprovals(tx, incident.id);
    } else {
      await insertReview(tx, newReviewRow(incident, caller.userId, now, { body: edit.body, version }));
    }
    await insertReviewVersion(tx, {
      incident_id: incident.id,
      version,
      body: edit.body,
      author_id: caller.userId,
      saved_at: now,
    });
    return viewReview(tx, incident);
  });
}

/** The row of a review started now: a draft owned by the commander, else by `userId`. */
export function newReviewRow(
  incident: IncidentRecord,
  userId: number | null,
  now: number,
  text: { body: string | null; version: number } = { body: null, version: 0 },
) {
  return {
    incident_id: incident.id,
    state: 'draft',
    body: text.body,
    version: text.version,
    owner_id: incident.commander_id ?? userId,
    created_at: now,
    updated_at: now,
    updated_by: text.body === null ? null : userId,
    published_at: null,
  };
}

/** Every saved text of a review, newest first. */
export async function getReviewVersions(ctx: AppContext, ref: string) {
  const incident = await loadIncident(ctx.store.db, ref);
  const rows = await reviewVersionsOf(ctx.store.db, incident.id);
  return rows.map((row) => ({
    version: row.version,
    body: row.body,
    author:
      row.author_id === null
        ? null
        : { id: row.author_id, name: row.author_name ?? '', email: row.author_email ?? '' },
    savedAt: iso(row.saved_at),
  }));
}

/** A fresh draft from the incident's facts now: one section, or the whole review. */
export async function draftReviewText(ctx: AppContext, ref: string, section?: ReviewSectionId) {
  const incident = await loadIncident(ctx.store.db, ref);
  const facts = await reviewFactsOf(ctx.store.db, incident);
  return { markdown: section ? draftSection(facts, section) : draftReview(facts) };
}

/** The review as one Markdown document, follow-ups as they are now; and a file name for it. */
export async function exportReview(ctx: AppContext, ref: string) {
  const incident = await loadIncident(ctx.store.db, ref);
  const review = await viewReview(ctx.store.db, incident);
  return { fileName: `${review.incident.ref}-review.md`, markdown: review.markdown };
}

/** Reviews for the list page, most recently changed first. */
export async function findReviews(ctx: AppContext, state?: ReviewState): Promise<ReviewSummary[]> {
  const rows = await listReviews(ctx.store.db, { state, limit: 500 });
  return rows.map((row) => ({
    incident: {
      ref: incidentRef(row.number),
      title: row.title,
      severity: row.severity as Severity,
      status: row.status,
    },
    state: row.state as ReviewState,
    owner:
      row.owner_id === null
        ? null
        : { id: row.owner_id, name: row.owner_name ?? '', email: row.owner_email ?? '' },
    reviewers: Number(row.reviewers ?? 0),
    approvals: Number(row.approvals ?? 0),
    version: row.version,
    updatedAt: iso(row.updated_at),
    publishedAt: iso(row.published_at),
  }));
}

/** The review of an incident, started (as an untouched draft) when it has none yet. */
export async function ensureReview(
  tx: Executor,
  incident: IncidentRecord,
  userId: number | null,
  now: number,
) {
  const review = await findReview(tx, incident.id);
  if (review) return review;
  return insertReview(tx, newReviewRow(incident, userId, now));
}
