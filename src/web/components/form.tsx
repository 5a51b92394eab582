import { useId, type ReactNode } from 'react';
import { ApiError, fieldMatches } from '../api/client.js';

interface FieldProps {
  label: string;
  /** The error (from an ApiError or local validation) for this field. */
  error?: string | undefined;
  hint?: ReactNode;
  className?: string;
  /** A character count shown beside the hint or error (fields with a limit). */
  count?: ReactNode;
  /** Renders the control; gets the id to put on it and the id of its description. */
  children: (id: string, describedBy: string | undefined) => ReactNode;
}

/** A labelled form control with its error shown beneath it. */
export function Field({ label, error, hint, className, count, children }: FieldProps) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, describedBy)}
      {count ? (
        <div className="field-counter">
          {below(id, error, hint)}
          {count}
        </div>
      ) : (
        below(id, error, hint)
      )}
    </div>
  );
}

/** The error, else the hint, shown under a control. */
function below(id: string, error: string | undefined, hint: ReactNode): ReactNode {
  if (error)
    return (
      <p className="field-error" id={`${id}-error`}>
        {error}
      </p>
    );
  return hint ? (
    <p className="field-hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

/** The message of a failed request for field `name`, if the server named it. */
export function fieldError(error: unknown, name: string): string | undefined {
  return error instanceof ApiError ? error.fieldMessage(name) : undefined;
}

interface ErrorBannerProps {
  error: unknown;
  /** Fields shown next to their inputs; other field errors are listed in the banner. */
  shownFields?: readonly string[];
  children?: ReactNode;
}

/** A problem+json (or any) error, shown as an alert above a form or page. */
export function ErrorBanner({ error, shownFields = [], children }: ErrorBannerProps) {
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return (
      <div className="alert alert-error" role="alert">
        {error instanceof Error ? error.message : 'Something went wrong.'}
      </div>
    );
  }
  const others = error.fields.filter((f) => !shownFields.some((name) => fieldMatches(f.field, name)));
  const isAllShown = error.fields.length > 0 && others.length === 0;
  const detail = isAllShown ? 'check the highlighted fields.' : error.detail;
  return (
    <div className="alert alert-error" role="alert">
      <strong>{error.title}</strong>
      {detail && detail !== error.title ? <span> — {detail}</span> : null}
      {others.length > 0 ? (
        <ul>
          {others.map((f) => (
            <li key={`${f.field}:${f.message}`}>
              <code>{f.field}</code> {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      {children}
    </div>
  );
}

/** A centered loading line. */
export function Loading({ what = 'Loading' }: { what?: string }) {
  return <p className="muted loading">{what}…</p>;
}
