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
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-describedby' | 'className'>;
type TextAreaProps = Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'id' | 'aria-describedby' | 'className'
>;

/** A labelled `<input>` with its error or hint beneath; other props go to the input. */
export function TextField({ label, error, hint, className, ...input }: LabelledProps & InputProps) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(id, describedBy) => <input id={id} aria-describedby={describedBy} {...input} />}
    </Field>
  );
}

/** A labelled `<textarea>` with its error or hint beneath; other props go to the textarea. */
export function TextAreaField({ label, error, hint, className, ...textarea }: LabelledProps & TextAreaProps) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} {...textarea} />}
    </Field>
  );
}
