import { ApiError } from '../api/client.js';
import { GapList } from './resolution-gaps.js';

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
      <GapList gaps={error.fields} incidentRef={incidentRef} />
    </div>
  );
}
