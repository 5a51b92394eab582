import { Link } from 'react-router';
import { useReview } from '../api/reviews.js';
import { ReviewStateBadge } from './review-workflow.js';

/** The incident page's pointer to its post-incident review: its state and a link to it. */
export function IncidentReviewCard({ incidentRef, version }: { incidentRef: string; version: number }) {
  const review = useReview(incidentRef, version);
  const data = review.data;
  return (
    <section className="card incident-review-card">
      <h2 className="card-title">Post-incident review</h2>
      {data ? (
        <p>
          <ReviewStateBadge state={data.state} />{' '}
          {data.isDraft ? 'Drafted from the timeline.' : `Version ${String(data.version)}.`}
          {data.isRequiredToClose && data.state !== 'published' ? ' Must be published before closing.' : ''}
        </p>
      ) : null}
      <Link className="button small" to={`/incidents/${encodeURIComponent(incidentRef)}/review`}>
        Open review
      </Link>
    </section>
  );
}
