import { useState, type SyntheticEvent } from 'react';
import type { Incident } from '../../core/schemas/incident.js';
import {
  RESOLUTION_FIELD_LABELS,
  type ResolutionField,
  type ResolutionFields,
} from '../../core/schemas/resolution.js';
import type { IncidentAction } from '../api/incidents.js';
import { useResolution, useResolutionSettings } from '../api/resolution.js';
import { ActionError } from './action-error.js';
import { fieldError } from './form.js';
import { ClosureRefusal, isClosureRefusal } from './closure-refusal.js';
import { gapText } from './resolution-gaps.js';
import { ResolutionFieldInput, bodyOf, draftOf, emptyFields } from './resolution-fields.js';
import { FormActions } from './form-actions.js';
import { TextAreaField, TextField } from './text-field.js';
import { useUnsavedEdits } from './unsaved-changes.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';

/** What a form says when its required text is left empty. */
const MISSING: Partial<Record<FormKind, string>> = {
  resolve: 'Say how it was resolved',
  close: 'Enter the root cause',
  merge: 'Enter the incident to merge into, such as INC-3',
};

/** Actions that need more input than a click. */
export type FormKind = 'resolve' | 'close' | 'reopen' | 'decline' | 'merge';

const TITLES: Record<FormKind, { title: string; submit: string }> = {
  resolve: { title: 'Resolve incident', submit: 'Resolve incident' },
  close: { title: 'Close incident', submit: 'Close incident' },
  reopen: { title: 'Reopen incident', submit: 'Reopen incident' },
  decline: { title: 'Decline incident', submit: 'Decline incident' },
  merge: { title: 'Merge into another incident', submit: 'Merge incident' },
};

interface Props {
  kind: FormKind;
  incident: Incident;
  isPending: boolean;
  error: unknown;
  onSubmit: (action: IncidentAction) => void;
  onCancel: () => void;
  onReload: () => void;
}

/** Fields the resolve and close forms always offer; the severity's requirements add more. */
const OFFERED: Record<'resolve' | 'close', readonly ResolutionField[]> = {
  resolve: ['resolutionSummary', 'rootCause'],
  close: ['rootCause', 'resolutionSummary'],
};

/** The small form behind Resolve, Close, Reopen, Decline and Merge. */
export function ActionForm({ kind, incident, isPending, error, onSubmit, onCancel, onReload }: Props) {
  const [summary, setSummary] = useState(incident.resolutionSummary ?? '');
  const [rootCause, setRootCause] = useState(incident.rootCause ?? '');
  const [message, setMessage] = useState('');
  const [into, setInto] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const step = kind === 'resolve' || kind === 'close' ? kind : null;
  const record = useResolution(incident.ref);
  const settings = useResolutionSettings();
  // Until the record answers, what Beacon asks by default: a summary to resolve, a root cause to close.
  const required: readonly ResolutionField[] =
    step && record.data
      ? record.data.required[step]
      : step === 'close'
        ? ['rootCause']
        : ['resolutionSummary'];
  const extraFields = step ? required.filter((f) => !OFFERED[step].includes(f)) : [];
  const [extra, setExtra] = useState(() => draftOf({}));
  const [extraMissing, setExtraMissing] = useState<ResolutionField[]>([]);
  // The version seen when the form opened: a change made meanwhile must surface as a 409.
  const [version] = useState(incident.version);
  useUnsavedEdits({ summary, rootCause, message, into, extra });

  // The record's other required fields, filled in as they are saved (once it answers).
  const extraDraft = { ...(record.data ? draftOf(record.data) : draftOf({})), ...nonEmpty(extra) };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const texts: Partial<Record<FormKind, string>> = {
      resolve: required.includes('resolutionSummary') ? summary : 'given',
      close: required.includes('rootCause') ? rootCause : 'given',
      merge: into,
    };
    const emptyExtra = emptyFields(extraDraft, extraFields);
    setExtraMissing(emptyExtra);
    if (kind in texts && !texts[kind]?.trim()) {
      setMissing(MISSING[kind] ?? 'This is required');
      return;
    }
    setMissing(null);
    if (emptyExtra.length > 0) return;
    // The summary and root cause have their own inputs; the extra fields never hold them.
    const more = bodyOf(extraDraft, extraFields, false) as Omit<
      ResolutionFields,
      'resolutionSummary' | 'rootCause'
    >;
    const note = message.trim() ? { message: message.trim() } : {};
    const actions: Record<FormKind, () => IncidentAction> = {
      resolve: () => ({
        kind: 'resolve',
        body: {
          ...more,
          ...(summary.trim() ? { resolutionSummary: summary.trim() } : {}),
          ...(rootCause.trim() ? { rootCause: rootCause.trim() } : {}),
          version,
        },
      }),
      close: () => ({
        kind: 'close',
        body: {
          ...more,
          ...(rootCause.trim() ? { rootCause: rootCause.trim() } : {}),
          ...(summary.trim() ? { resolutionSummary: summary.trim() } : {}),
          version,
        },
      }),
      reopen: () => ({ kind: 'reopen', body: { ...note, version } }),
      decline: () => ({ kind: 'decline', body: { ...note, version } }),
      merge: () => ({ kind: 'merge', body: { into: normalizeRef(into), version } }),
    };
    onSubmit(actions[kind]());
  };

  const summaryField = (isRequired: boolean) => (
    <TextAreaField
      label="Resolution summary"
      error={
        (isRequired && kind === 'resolve' ? (missing ?? undefined) : undefined) ??
        fieldError(error, 'resolutionSummary')
      }
      rows={3}
      required={isRequired}
      limit={TEXT_LIMITS.longText}
      value={summary}
      onChange={(e) => setSummary(e.target.value)}
    />
  );
  const rootCauseField = (isRequired: boolean) => (
    <TextAreaField
      label="Root cause"
      error={
        (isRequired && kind === 'close' ? (missing ?? undefined) : undefined) ??
        fieldError(error, 'rootCause')
      }
      rows={3}
      required={isRequired}
      limit={TEXT_LIMITS.longText}
      value={rootCause}
      onChange={(e) => setRootCause(e.target.value)}
    />
  );

  const extraInputs = extraFields.map((field) => (
    <ResolutionFieldInput
      key={field}
      field={field}
      value={extraDraft[field]}
      onChange={(value) => setExtra({ ...extra, [field]: value })}
      error={extraMissing.includes(field) ? `Required to ${step ?? 'resolve'}` : fieldError(error, field)}
      categories={settings.data?.rootCauseCategories ?? []}
    />
  ));

  return (
    <form className="card action-form" onSubmit={submit} noValidate aria-label={TITLES[kind].title}>
      <h2 className="card-title">{TITLES[kind].title}</h2>
      {isClosureRefusal(error) ? (
        <ClosureRefusal error={error} incidentRef={incident.ref} />
      ) : (
        <ActionError
          error={error}
          onReload={onReload}
          shownFields={['resolutionSummary', 'rootCause', 'into', 'message', ...extraFields]}
        />
      )}
      {step && record.data ? (
        <p className="muted" data-testid="required-to-step">
          {incident.severity} needs{' '}
          {required.length === 0 ? 'nothing more' : required.map(labelOf).join(', ')} to {step}.
          {step === 'close'
            ? record.data.missingToClose
                .filter((gap) => gap.field === 'review')
                .map((gap) => ` ${gapText(gap)}.`)
            : null}
        </p>
      ) : null}
      {kind === 'resolve' ? (
        <>
          {summaryField(required.includes('resolutionSummary'))}
          {rootCauseField(required.includes('rootCause'))}
          {extraInputs}
        </>
      ) : null}
      {kind === 'close' ? (
        <>
          {rootCauseField(required.includes('rootCause'))}
          {summaryField(required.includes('resolutionSummary'))}
          {extraInputs}
        </>
      ) : null}
      {kind === 'reopen' || kind === 'decline' ? (
        <TextAreaField
          label="Reason"
          error={fieldError(error, 'message')}
          hint="Optional; added to the timeline."
          rows={2}
          limit={TEXT_LIMITS.longText}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
      ) : null}
      {kind === 'merge' ? (
        <TextField
          label="Merge into incident"
          error={missing ?? fieldError(error, 'into')}
          hint="The incident that stays open, e.g. INC-3."
          required
          placeholder="INC-3"
          value={into}
          onChange={(e) => setInto(e.target.value)}
        />
      ) : null}
      <FormActions
        submitLabel={TITLES[kind].submit}
        pendingLabel="Saving…"
        isPending={isPending}
        onCancel={onCancel}
        submitClassName={kind === 'decline' ? 'button danger' : 'button primary'}
      />
    </form>
  );
}

/** A field as a sentence names it, lower case after the first: "root cause category". */
function labelOf(field: ResolutionField, index: number): string {
  const label = RESOLUTION_FIELD_LABELS[field];
  return index === 0 ? label : label.toLowerCase();
}

/** The fields of a draft that hold text. */
function nonEmpty(draft: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== ''));
}

/** Accept "3", "inc-3" or "INC-3" and send the canonical ref. */
function normalizeRef(text: string): string {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? `INC-${trimmed}` : trimmed.toUpperCase();
}
