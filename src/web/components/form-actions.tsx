import type { ReactNode } from 'react';

interface FormActionsProps {
  /** What the submit button says. */
  submitLabel: ReactNode;
  /** What it says while the request runs; the submit label when not given. */
  pendingLabel?: ReactNode;
  isPending: boolean;
  /** Disables the submit button for other reasons too; defaults to `isPending`. */
  isDisabled?: boolean;
  /** Shows a Cancel button that calls this. */
  onCancel?: (() => void) | undefined;
  /** Extra classes for the row, such as its grid span. */
  className?: string;
  submitClassName?: string;
  /** Shown after the buttons, such as a "Saved." note. */
  children?: ReactNode;
}

/** The row under a form: its submit button, an optional Cancel and any note. */
export function FormActions({
  submitLabel,
  pendingLabel = submitLabel,
  isPending,
  isDisabled = isPending,
  onCancel,
  className,
  submitClassName = 'button primary',
  children,
}: FormActionsProps) {
  return (
    <div className={className ? `form-actions ${className}` : 'form-actions'}>
      <button type="submit" className={submitClassName} disabled={isDisabled}>
        {isPending ? pendingLabel : submitLabel}
      </button>
      {onCancel ? (
        <button type="button" className="button ghost" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
      {children}
    </div>
  );
}
