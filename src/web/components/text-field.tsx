import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import { Field } from './form.js';

/** What a labelled field takes besides its control's own attributes. */
interface LabelledProps {
  label: string;
  /** The error (from an ApiError or local validation) for this field. */
  error?: string | undefined;
  hint?: ReactNode;
  /** Class of the field's wrapper, not of the control. */
  className?: string;
  /**
   * The most characters the server takes: shows a count and flags text over it, never cuts
   * what was typed or pasted (the server refuses it on submit, and the text stays to edit).
   */
  limit?: number;
}

type InputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'aria-describedby' | 'className' | 'maxLength'
>;
type TextAreaProps = Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'id' | 'aria-describedby' | 'className' | 'maxLength'
>;

/** Text at which a limited field starts showing its count: always for short limits. */
function isCountShown(length: number, limit: number): boolean {
  return limit <= 300 || length >= limit * 0.8;
}

/** Whether `value` is over `limit` characters. */
export function isOverLimit(value: unknown, limit: number | undefined): boolean {
  return limit !== undefined && typeof value === 'string' && value.length > limit;
}

/** The count of a limited field, and the error to show once it is over. */
function limitParts(value: unknown, limit: number | undefined, error: string | undefined) {
  if (limit === undefined) return { error, count: null };
  const length = typeof value === 'string' ? value.length : 0;
  const over = length - limit;
  const count = isCountShown(length, limit) ? (
    <span className={over > 0 ? 'count is-over' : 'count'} data-testid="length-count">
      {length.toLocaleString('en')} / {limit.toLocaleString('en')}
    </span>
  ) : null;
  const overError =
    over > 0
      ? `Too long by ${over.toLocaleString('en')} ${over === 1 ? 'character' : 'characters'}`
      : undefined;
  return { error: error ?? overError, count };
}

/** A labelled `<input>` with its error or hint beneath; other props go to the input. */
export function TextField({ label, error, hint, className, limit, ...input }: LabelledProps & InputProps) {
  const parts = limitParts(input.value, limit, error);
  return (
    <Field label={label} error={parts.error} hint={hint} className={className} count={parts.count}>
      {(id, describedBy) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={parts.error ? true : undefined}
          {...input}
        />
      )}
    </Field>
  );
}

/** A labelled `<textarea>` with its error or hint beneath; other props go to the textarea. */
export function TextAreaField({
  label,
  error,
  hint,
  className,
  limit,
  ...textarea
}: LabelledProps & TextAreaProps) {
  const parts = limitParts(textarea.value, limit, error);
  return (
    <Field label={label} error={parts.error} hint={hint} className={className} count={parts.count}>
      {(id, describedBy) => (
        <textarea
          id={id}
          aria-describedby={describedBy}
          aria-invalid={parts.error ? true : undefined}
          {...textarea}
        />
      )}
    </Field>
  );
}
