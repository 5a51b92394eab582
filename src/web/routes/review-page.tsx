import { Link, useParams } from 'react-router';
import { useReview } from '../api/reviews.js';
import { useCurrentUser } from '../api/session.js';
import { SeverityBadge } from '../components/badges.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { MarkdownView } from '../components/markdown-view.js';
import { RecordHeader } from '../components/record-header.js';
import { ReviewEditor } from '../components/review-editor.js';
import { ReviewWorkflow } from '../components/review-workflow.js';
import '../styles/reviews.css';

/** One incident's post-incident review: the editor beside its workflow; print-ready. */
export function ReviewPage() {
  const ref = useParams().ref ?? '';
  const review = useReview(ref);
  const { canWrite } = useCurrentUser();
  if (review.isPending) return <Loading what="Loading the review" />;
  if (!review.data) return <ErrorBanner error={review.error} />;
  const data = review.data;
  const exportHref = `/api/v1/incidents/${encodeURIComponent(ref)}/review.md`;
  return (
    <div className="review-page">
      <RecordHeader
        title={`Review of ${data.incident.ref}`}
        titleClassName="review-head"
        subtitle={
          <p className="review-subtitle">
            <SeverityBadge severity={data.incident.severity} />{' '}
            <Link to={`/incidents/${encodeURIComponent(data.incident.ref)}`}>{data.incident.title}</Link> ·{' '}
            {data.incident.status}
          </p>
        }
        actions={
          <div className="button-row no-print">
            <a className="button small" href={exportHref} download>
              Export Markdown
            </a>
            <button type="button" className="button small" onClick={() => window.print()}>
              Print
            </button>
          </div>
        }
      />
      <div className="review-layout">
        <div className="review-main">
          {canWrite ? (
            <div className="no-print">
              <ReviewEditor review={data} incidentRef={ref} />
            </div>
          ) : null}
          <MarkdownView
            source={data.markdown}
            className={`review-document card ${canWrite ? 'print-only' : ''}`}
          />
        </div>
        <aside className="review-side no-print">
          <ReviewWorkflow review={data} incidentRef={ref} />
        </aside>
      </div>
    </div>
  );
}
