import { ApiError } from '../api/client.js';
import { ErrorBanner } from './form.js';

interface Props {
  error: unknown;
  onReload: () => void;
  shownFields?: readonly string[];
  /** What was written, as the stale-version warning names it ("incident" unless told). */
  subject?: string;
}

/** A write's error (an incident's unless told); a 409 (stale version) offers a reload instead. */
export function ActionError({ error, onReload, shownFields, subject = 'incident' }: Props) {
  if (!error) return null;
  if (error instanceof ApiError && error.isStale) {
    return (
      <div className="alert alert-warning" role="alert">
        <strong>This {subject} was changed by someone else — reload</strong> to see the latest version, then
        try again.{' '}
        <button type="button" className="button small" onClick={onReload}>
          Reload
        </button>
      </div>
    );
  }
  return <ErrorBanner error={error} shownFields={shownFields ?? []} />;
}
