import { useState, type SyntheticEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { DeclareIncidentBody } from '../../core/schemas/incident.js';
import { useDeclareIncident } from '../api/incidents.js';
import { usePagingPreview } from '../api/paging.js';
import { ErrorBanner, Field, fieldError } from '../components/form.js';
import {
  INCIDENT_FIELD_NAMES,
  IncidentFields,
  parseTags,
  type IncidentDraft,
} from '../components/incident-fields.js';
import { useUnsavedChanges } from '../components/unsaved-changes.js';

const INITIAL_STATUSES = [
  { value: 'investigating', label: 'Investigating — we are on it' },
  { value: 'triggered', label: 'Triggered — page and wait for acknowledgement' },
  { value: 'triage', label: 'Triage — not yet confirmed' },
] as const;
type InitialStatus = (typeof INITIAL_STATUSES)[number]['value'];

const EMPTY: IncidentDraft = {
  title: '',
  summary: '',
  severity: 'SEV3',
  impact: 'medium',
  urgency: 'medium',
  category: '',
  serviceIds: [],
  commanderId: '',
  tags: '',
};

/** Declare-incident form. */
export function DeclareIncidentPage() {
  const [draft, setDraft] = useState(EMPTY);
  const [status, setStatus] = useState<InitialStatus>('investigating');
  const [titleMissing, setTitleMissing] = useState(false);
  const declare = useDeclareIncident();
  const navigate = useNavigate();
  const unsaved = useUnsavedChanges(draft !== EMPTY);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!draft.title.trim()) return setTitleMissing(true);
    setTitleMissing(false);
    const body: Partial<DeclareIncidentBody> & { title: string } = {
      title: draft.title.trim(),
      summary: draft.summary,
      severity: draft.severity,
      impact: draft.impact,
      urgency: draft.urgency,
      category: draft.category || null,
      serviceIds: draft.serviceIds.map(Number),
      commanderId: draft.commanderId ? Number(draft.commanderId) : null,
      tags: parseTags(draft.tags),
      status,
    };
    declare.mutate(body, {
      onSuccess: (incident) => {
        unsaved.release();
        void navigate(`/incidents/${incident.ref}`);
      },
    });
  };

  const error = titleMissing && !declare.error ? null : declare.error;
  return (
    <div className="narrow">
      <p className="crumbs">
        <Link to="/">Incidents</Link> <span aria-hidden="true">/</span> Declare
      </p>
      <h1>Declare an incident</h1>
      <form className="card" onSubmit={submit} noValidate aria-label="Declare incident">
        <ErrorBanner error={error} shownFields={[...INCIDENT_FIELD_NAMES, 'status']} />
        {titleMissing ? (
          <p className="alert alert-error" role="alert">
            Title is required: say in a few words what is wrong.
          </p>
        ) : null}
        <IncidentFields draft={draft} onChange={(patch) => setDraft({ ...draft, ...patch })} error={error} />
        <Field
          label="Initial status"
          error={fieldError(error, 'status')}
          hint={<PagingHint status={status} serviceIds={draft.serviceIds.map(Number)} />}
        >
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={status}
              onChange={(e) => setStatus(e.target.value as InitialStatus)}
            >
              {INITIAL_STATUSES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={declare.isPending}>
            {declare.isPending ? 'Declaring…' : 'Declare incident'}
          </button>
          <Link to="/" className="button ghost">
            Cancel
          </Link>
        </div>
      </form>
    </div>
  );
}

/** Who the chosen status pages: nobody unless triggered, and whom "Triggered" would page. */
function PagingHint({ status, serviceIds }: { status: InitialStatus; serviceIds: number[] }) {
  const preview = usePagingPreview(serviceIds).data;
  if (!preview) return null;
  const isPaging = preview.reason === 'escalating';
  const who = `${preview.names.join(', ') || 'nobody at first'} (${preview.policy?.name ?? ''})`;
  let text: string;
  if (status === 'triggered')
    text = isPaging
      ? `Pages ${who} at once, until someone acknowledges.`
      : `Nobody will be paged. ${preview.reasonText}`;
  else {
    const label = status === 'triage' ? 'Triage' : 'Investigating';
    text = isPaging
      ? `${label} pages nobody. “Triggered” would page ${who}.`
      : `${label} pages nobody, and “Triggered” would not either. ${preview.reasonText}`;
  }
  return <span data-testid="declare-paging-hint">{text}</span>;
}
