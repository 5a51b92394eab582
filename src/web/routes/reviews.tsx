import { Link, useSearchParams } from 'react-router';
import { REVIEW_STATES, type ReviewState } from '../../core/schemas/reviews.js';
import { useReviewList } from '../api/reviews.js';
import { SeverityBadge } from '../components/badges.js';
import { DataTable } from '../components/data-table.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { formatTime } from '../components/format.js';
import { REVIEW_STATE_TEXT, ReviewStateBadge } from '../components/review-workflow.js';
import '../styles/reviews.css';

/** Every post-incident review, most recently changed first, filtered by state. */
export function ReviewsPage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('state') ?? '';
  const state: '' | ReviewState = (REVIEW_STATES as readonly string[]).includes(raw)
    ? (raw as ReviewState)
    : '';
  const list = useReviewList(state);
  const items = list.data?.items ?? [];
  return (
    <>
      <div className="page-head">
        <h1>Reviews</h1>
        <label className="inline-field">
          State{' '}
          <select
            value={state}
            onChange={(e) => setParams(e.target.value ? { state: e.target.value } : {}, { replace: true })}
          >
            <option value="">Any</option>
            {REVIEW_STATES.map((s) => (
              <option key={s} value={s}>
                {REVIEW_STATE_TEXT[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBanner error={list.error} />
      {list.isPending ? <Loading what="Loading reviews" /> : null}
      {list.isSuccess && items.length === 0 ? (
        <div className="empty">No reviews yet. A review starts when an incident is resolved.</div>
      ) : null}
      {items.length > 0 ? (
        <DataTable
          columns={['State', 'Incident', 'Severity', 'Owner', 'Approvals', 'Updated']}
          className="reviews"
        >
          {items.map((r) => (
            <tr key={r.incident.ref}>
              <td data-label="State">
                <ReviewStateBadge state={r.state} />
              </td>
              <td data-label="Incident">
                <Link to={`/incidents/${encodeURIComponent(r.incident.ref)}/review`}>
                  {r.incident.ref} {r.incident.title}
                </Link>
              </td>
              <td data-label="Severity">
                <SeverityBadge severity={r.incident.severity} />
              </td>
              <td data-label="Owner">{r.owner?.name ?? '—'}</td>
              <td data-label="Approvals">
                {r.reviewers === 0 ? '—' : `${String(r.approvals)} of ${String(r.reviewers)}`}
              </td>
              <td data-label="Updated" className="nowrap">
                {formatTime(r.updatedAt)}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </>
  );
}
