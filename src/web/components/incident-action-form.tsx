import { useState, type SyntheticEvent } from 'react';
import type { Incident } from '../../core/schemas/incident.js';
import type { IncidentAction } from '../api/incidents.js';
import { ActionError } from './action-error.js';
import { fieldError } from './form.js';
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

/** The small form behind Resolve, Close, Reopen, Decline and Merge. */
export function ActionForm({ kind, incident, isPending, error, onSubmit, onCancel, onReload }: Props) {
  const [summary, setSummary] = useState(incident.resolutionSummary ?? '');
  const [rootCause, setRootCause] = useState(incident.rootCause ?? '');
  const [message, setMessage] = useState('');
  const [into, setInto] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  // The version seen when the form opened: a change made meanwhile must surface as a 409.
  const [version] = useState(incident.version);
  useUnsavedEdits({ summary, rootCause, message, into });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const required = { resolve: summary, close: rootCause, merge: into } as Partial<Record<FormKind, string>>;
    if (kind in required && !required[kind]?.trim()) {
      setMissing(MISSING[kind] ?? 'This is required');
      return;
    }
    setMissing(null);
    const note = message.trim() ? { message: message.trim() } : {};
    const actions: Record<FormKind, () => IncidentAction> = {
      resolve: () => ({
        kind: 'resolve',
        body: {
          resolutionSummary: summary.trim(),
          ...(rootCause.trim() ? { rootCause: rootCause.trim() } : {}),
          version,
        },
      }),
      close: () => ({
        kind: 'close',
        body: {
          rootCause: rootCause.trim(),
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
      error={(isRequired ? (missing ?? undefined) : undefined) ?? fieldError(error, 'resolutionSummary')}
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
      error={(isRequired ? (missing ?? undefined) : undefined) ?? fieldError(error, 'rootCause')}
      rows={3}
      required={isRequired}
      limit={TEXT_LIMITS.longText}
      value={rootCause}
      onChange={(e) => setRootCause(e.target.value)}
    />
  );

  return (
    <form className="card action-form" onSubmit={submit} noValidate aria-label={TITLES[kind].title}>
      <h2 className="card-title">{TITLES[kind].title}</h2>
      <ActionError
        error={error}
        onReload={onReload}
        shownFields={['resolutionSummary', 'rootCause', 'into', 'message']}
      />
      {kind === 'resolve' ? (
        <>
          {summaryField(true)}
          {rootCauseField(false)}
        </>
      ) : null}
      {kind === 'close' ? (
        <>
          {rootCauseField(true)}
          {summaryField(false)}
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

/** Accept "3", "inc-3" or "INC-3" and send the canonical ref. */
function normalizeRef(text: string): string {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? `INC-${trimmed}` : trimmed.toUpperCase();
}
