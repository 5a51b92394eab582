import {
  RESOLUTION_FIELD_LABELS,
  type ResolutionField,
  type ResolutionFields,
  type ResolutionRecord,
} from '../../core/schemas/resolution.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';
import { Field } from './form.js';
import { TextAreaField, TextField } from './text-field.js';

/** The record's fields as the forms edit them: text, in the order a responder fills them in. */
export const EDITED_FIELDS = [
  'resolutionSummary',
  'rootCauseCategory',
  'rootCause',
  'contributingFactors',
  'fix',
  'workaround',
  'customerImpact',
  'customersAffected',
  'impactEndedAt',
] as const satisfies readonly ResolutionField[];

/** Every field of the record as form text. */
export type ResolutionDraft = Record<ResolutionField, string>;

/** `2026-12-07T10:30:00.000Z` → the local `2026-12-07T11:30` a datetime input holds. */
function localInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The form text of a record (or of the part an incident carries). */
export function draftOf(record: Partial<ResolutionRecord>): ResolutionDraft {
  return {
    resolutionSummary: record.resolutionSummary ?? '',
    rootCauseCategory: record.rootCauseCategory ?? '',
    rootCause: record.rootCause ?? '',
    contributingFactors: record.contributingFactors ?? '',
    fix: record.fix ?? '',
    workaround: record.workaround ?? '',
    customerImpact: record.customerImpact ?? '',
    customersAffected:
      record.customersAffected === null || record.customersAffected === undefined
        ? ''
        : String(record.customersAffected),
    impactEndedAt: localInput(record.impactEndedAt ?? null),
  };
}

/**
 * The body of `fields` in `draft`: an empty field is null (cleared) when `isClearing`, else
 * left out, as a resolve or close leaves the record's other fields alone.
 */
export function bodyOf(
  draft: ResolutionDraft,
  fields: readonly ResolutionField[],
  isClearing: boolean,
): ResolutionFields {
  const body: Record<string, string | number | null> = {};
  for (const field of fields) {
    const text = draft[field].trim();
    if (text === '') {
      if (isClearing) body[field] = null;
      continue;
    }
    if (field === 'customersAffected') body[field] = Number(text);
    else if (field === 'impactEndedAt') body[field] = new Date(text).toISOString();
    else body[field] = field === 'rootCauseCategory' ? text : draft[field];
  }
  return body;
}

/** The fields of `fields` that `draft` leaves empty. */
export function emptyFields(draft: ResolutionDraft, fields: readonly ResolutionField[]): ResolutionField[] {
  return fields.filter((field) => draft[field].trim() === '');
}

interface InputProps {
  field: ResolutionField;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  /** Marks the label: required to resolve or close this incident. */
  requiredFor?: string | undefined;
  /** The configured root-cause categories. */
  categories: readonly string[];
}

/** One field of the resolution record as a labelled control. */
export function ResolutionFieldInput({ field, value, onChange, error, requiredFor, categories }: InputProps) {
  const label = RESOLUTION_FIELD_LABELS[field] + (requiredFor ? ` (required to ${requiredFor})` : '');
  if (field === 'rootCauseCategory') {
    // A category no longer configured stays choosable on the incident that has it.
    const options = value && !categories.includes(value) ? [value, ...categories] : categories;
    return (
      <Field label={label} error={error}>
        {(id, describedBy) => (
          <select
            id={id}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          >
            <option value="">Not chosen</option>
            {options.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  }
  if (field === 'customersAffected' || field === 'impactEndedAt') {
    return (
      <TextField
        label={label}
        error={error}
        type={field === 'customersAffected' ? 'number' : 'datetime-local'}
        {...(field === 'customersAffected' ? { min: 0, step: 1 } : {})}
        hint={
          field === 'impactEndedAt' ? 'When left empty: when it was mitigated, else resolved.' : undefined
        }
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <TextAreaField
      label={label}
      error={error}
      rows={field === 'resolutionSummary' || field === 'rootCause' ? 3 : 2}
      limit={TEXT_LIMITS.longText}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
