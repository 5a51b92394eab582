import { useState, type SyntheticEvent } from 'react';
import {
  RESOLUTION_FIELD_LABELS,
  type ResolutionField,
  type ResolutionRecord,
} from '../../core/schemas/resolution.js';
import { useResolution, useResolutionSettings, useUpdateResolution } from '../api/resolution.js';
import { ActionError } from './action-error.js';
import { ErrorBanner, fieldError } from './form.js';
import { GapList } from './resolution-gaps.js';
import { FormActions } from './form-actions.js';
import { formatTime } from './format.js';
import { EDITED_FIELDS, ResolutionFieldInput, bodyOf, draftOf } from './resolution-fields.js';
import { useUnsavedEdits } from './unsaved-changes.js';
import '../styles/follow-ups.css';

interface Props {
  incidentRef: string;
  canWrite: boolean;
  onReload: () => void;
}

/** For which steps a field is required: "resolve", "close", both or neither. */
function stepsOf(record: ResolutionRecord, field: ResolutionField): string | undefined {
  const steps = [
    record.required.resolve.includes(field) ? 'resolve' : '',
    record.required.close.includes(field) ? 'close' : '',
  ].filter(Boolean);
  return steps.length > 0 ? steps.join(' and ') : undefined;
}

/**
 * The incident's resolution record: each field with whether this severity needs it to resolve
 * or close, what the next step still lacks, and a form to edit it (responders).
 */
export function IncidentResolution({ incidentRef, canWrite, onReload }: Props) {
  const record = useResolution(incidentRef);
  const [isEditing, setEditing] = useState(false);
  const data = record.data;
  if (!data) return <ErrorBanner error={record.error} />;
  const isOpen = data.status !== 'resolved' && data.status !== 'closed';
  const gaps = data.status === 'closed' ? [] : isOpen ? data.missingToResolve : data.missingToClose;
  return (
    <section className="card resolution-record" aria-label="Resolution record">
      <div className="card-head">
        <h2 className="card-title">Resolution record</h2>
        {canWrite && !isEditing ? (
          <button type="button" className="button small ghost" onClick={() => setEditing(true)}>
            Edit record
          </button>
        ) : null}
      </div>
      {isEditing ? (
        <ResolutionForm
          record={data}
          onDone={() => setEditing(false)}
          onReload={() => {
            onReload();
            void record.refetch();
          }}
        />
      ) : (
        <ResolutionView record={data} />
      )}
      {gaps.length > 0 ? (
        <div data-testid="resolution-gaps">
          <p className="muted">
            Still needed to {isOpen ? 'resolve' : 'close'} this {data.severity} incident:
          </p>
          <GapList gaps={gaps} incidentRef={incidentRef} className="resolution-gaps" />
        </div>
      ) : null}
      {data.autoClose?.dueAt && data.status === 'resolved' ? (
        <p className="muted">Closes by itself {formatTime(data.autoClose.dueAt)} when nothing is missing.</p>
      ) : null}
      {data.autoClose?.blockedReason ? (
        <p className="muted">Auto-close waits: {data.autoClose.blockedReason}</p>
      ) : null}
    </section>
  );
}

function ResolutionView({ record }: { record: ResolutionRecord }) {
  const draft = draftOf(record);
  const shown = EDITED_FIELDS.filter((field) => draft[field] !== '' || stepsOf(record, field));
  return (
    <dl>
      {shown.map((field) => {
        const steps = stepsOf(record, field);
        const isMissing = steps !== undefined && draft[field] === '';
        return (
          <div key={field} className="resolution-row">
            <dt>
              {RESOLUTION_FIELD_LABELS[field]}
              {steps ? (
                <span className={isMissing ? 'required-tag is-missing' : 'required-tag'}>{steps}</span>
              ) : null}
            </dt>
            <dd>
              {field === 'impactEndedAt' && record.impactEndedAt
                ? formatTime(record.impactEndedAt)
                : draft[field] || <span className="muted">—</span>}
            </dd>
          </div>
        );
      })}
      {record.impactMinutes !== null ? (
        <>
          <dt>Impact</dt>
          <dd>{String(record.impactMinutes)} minutes</dd>
        </>
      ) : null}
    </dl>
  );
}

interface FormProps {
  record: ResolutionRecord;
  onDone: () => void;
  onReload: () => void;
}

function ResolutionForm({ record, onDone, onReload }: FormProps) {
  const settings = useResolutionSettings();
  const save = useUpdateResolution(record.incidentRef);
  const [draft, setDraft] = useState(() => draftOf(record));
  // The version seen when the form opened: a change made meanwhile surfaces as a 409.
  const [version] = useState(record.version);
  const { release } = useUnsavedEdits(draft);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    save.mutate(
      { ...bodyOf(draft, EDITED_FIELDS, true), version },
      {
        onSuccess: () => {
          release();
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Edit resolution record">
      <ActionError error={save.error} onReload={onReload} shownFields={EDITED_FIELDS} />
      {EDITED_FIELDS.map((field) => (
        <ResolutionFieldInput
          key={field}
          field={field}
          value={draft[field]}
          onChange={(value) => setDraft({ ...draft, [field]: value })}
          error={fieldError(save.error, field)}
          requiredFor={stepsOf(record, field)}
          categories={settings.data?.rootCauseCategories ?? []}
        />
      ))}
      <FormActions
        submitLabel="Save record"
        pendingLabel="Saving…"
        isPending={save.isPending}
        onCancel={() => {
          release();
          onDone();
        }}
      />
    </form>
  );
}
