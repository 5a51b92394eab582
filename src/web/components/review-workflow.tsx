import { useState } from 'react';
import { hasRole } from '../../core/roles.js';
import type { Review, ReviewState } from '../../core/schemas/reviews.js';
import { useUsers } from '../api/catalog.js';
import { useApproveReview, useReviewState } from '../api/reviews.js';
import { useCurrentUser } from '../api/session.js';
import { ErrorBanner } from './form.js';
import { formatTime } from './format.js';

/** How a review state reads. */
export const REVIEW_STATE_TEXT: Record<ReviewState, string> = {
  draft: 'Draft',
  in_review: 'In review',
  published: 'Published',
};

/** A review's state as a pill. */
export function ReviewStateBadge({ state }: { state: ReviewState }) {
  return <span className={`badge review-state review-${state}`}>{REVIEW_STATE_TEXT[state]}</span>;
}

/**
 * The review's way to publication: who reviews it and who approved, and the buttons the
 * signed-in person may press now (send for review, approve, publish, back to draft).
 */
export function ReviewWorkflow({ review, incidentRef }: { review: Review; incidentRef: string }) {
  const { user, canWrite, isAdmin } = useCurrentUser();
  const move = useReviewState(incidentRef);
  const approve = useApproveReview(incidentRef);
  const [isPicking, setPicking] = useState(false);
  const mine = review.reviewers.find((r) => r.user.id === user?.id);
  const allApproved = review.reviewers.length > 0 && review.reviewers.every((r) => r.approvedAt !== null);
  const leads = isAdmin || review.owner?.id === user?.id;
  return (
    <section className="card review-workflow">
      <h2 className="card-title">Review</h2>
      <dl className="review-facts">
        <dt>State</dt>
        <dd>
          <ReviewStateBadge state={review.state} />
          {review.publishedAt ? ` ${formatTime(review.publishedAt)}` : ''}
        </dd>
        <dt>Owner</dt>
        <dd>{review.owner?.name ?? '—'}</dd>
        <dt>Reviewers</dt>
        <dd>
          {review.reviewers.length === 0 ? (
            '—'
          ) : (
            <ul className="review-reviewers">
              {review.reviewers.map((r) => (
                <li key={r.user.id}>
                  {r.user.name}{' '}
                  {r.approvedAt ? <span className="approved">✓ approved</span> : <span>waiting</span>}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Needed to close</dt>
        <dd>{review.isRequiredToClose ? `Yes (${review.incident.severity})` : 'No'}</dd>
      </dl>
      <ErrorBanner error={move.error ?? approve.error} />
      {canWrite ? (
        <div className="button-row review-actions">
          {review.state !== 'published' ? (
            <button type="button" className="button small" onClick={() => setPicking(!isPicking)}>
              {review.state === 'draft' ? 'Send for review…' : 'Change reviewers…'}
            </button>
          ) : null}
          {review.state === 'in_review' && mine && !mine.approvedAt ? (
            <button type="button" className="button primary small" onClick={() => approve.mutate()}>
              Approve
            </button>
          ) : null}
          {review.state === 'in_review' && (leads || review.owner === null) ? (
            <button
              type="button"
              className="button primary small"
              disabled={!allApproved}
              title={allApproved ? undefined : 'Every reviewer must approve first'}
              onClick={() => move.mutate({ state: 'published' })}
            >
              Publish
            </button>
          ) : null}
          {review.state !== 'draft' && (review.state === 'in_review' || leads) ? (
            <button type="button" className="button small" onClick={() => move.mutate({ state: 'draft' })}>
              Back to draft
            </button>
          ) : null}
        </div>
      ) : null}
      {isPicking ? (
        <ReviewerPicker
          initial={review.reviewers.map((r) => r.user.id)}
          onCancel={() => setPicking(false)}
          onSend={(ids) =>
            move.mutate({ state: 'in_review', reviewerIds: ids }, { onSuccess: () => setPicking(false) })
          }
        />
      ) : null}
    </section>
  );
}

function ReviewerPicker(props: { initial: number[]; onSend: (ids: number[]) => void; onCancel: () => void }) {
  const users = useUsers();
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set(props.initial));
  const candidates = (users.data ?? []).filter((u) => !u.disabled && hasRole(u.role, 'responder'));
  const toggle = (id: number) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  return (
    <fieldset className="review-picker">
      <legend>Reviewers</legend>
      {candidates.map((u) => (
        <label key={u.id} className="checkbox">
          <input type="checkbox" checked={chosen.has(u.id)} onChange={() => toggle(u.id)} />
          {u.name || u.email}
        </label>
      ))}
      <div className="button-row">
        <button
          type="button"
          className="button primary small"
          disabled={chosen.size === 0}
          onClick={() => props.onSend([...chosen])}
        >
          Send for review
        </button>
        <button type="button" className="button small" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}
