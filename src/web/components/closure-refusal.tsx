import { Link } from 'react-router';
import { ApiError } from '../api/client.js';
import { gapText } from './incident-resolution.js';

/** Whether `error` is a close refused for what the incident still lacks (a review among it). */
export function isClosureRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 400 && error.fields.some((f) => f.field === 'review');
}

/**
 * A close refused because of what is missing, each gap in words: the unpublished review with
 * a link to it, and any required field the form did not show.
 */
export function ClosureRefusal({ error, incidentRef }: { error: ApiError; incidentRef: string }) {
  return (
    <div className="alert alert-error" role="alert" data-testid="closure-refusal">
      <strong>This incident cannot close yet.</strong>
      <ul>
        {error.fields.map((gap) => (
          <li key={gap.field}>
            {gapText(gap)}
            {gap.field === 'review' ? (
              <>
                {' '}
                <Link to={`/incidents/${encodeURIComponent(incidentRef)}/review`}>Open the review</Link>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
