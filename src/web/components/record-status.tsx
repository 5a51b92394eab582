import type { ReactNode } from 'react';
import { ErrorBanner, Loading } from './form.js';

interface RecordStatusProps {
  /** The page's breadcrumbs, kept above a problem. */
  crumbs: ReactNode;
  /** Shown instead of loading when the address names no record. */
  missing: ReactNode;
  /** The record's query, not yet successful. */
  query: { isPending: boolean; error: unknown };
  loadingText: string;
}

/** What a record's page shows until the record is there: not found, loading, or the error. */
export function RecordStatus({ crumbs, missing, query, loadingText }: RecordStatusProps) {
  if (missing) {
    return (
      <>
        {crumbs}
        <div className="alert alert-error">{missing}</div>
      </>
    );
  }
  if (query.isPending) return <Loading what={loadingText} />;
  return (
    <>
      {crumbs}
      <ErrorBanner error={query.error} />
    </>
  );
}
