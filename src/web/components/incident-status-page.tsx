import { useState, type SyntheticEvent } from 'react';
import type { Incident } from '../../core/schemas/incident.js';
import type { PublicUpdate } from '../../core/schemas/status-page.js';
import { PUBLIC_INCIDENT_STATUSES, type PublicIncidentStatus } from '../../core/status/snapshot.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';
import { useCorrectUpdate, usePublicUpdates } from '../api/status-page.js';
import { ErrorBanner, Field, fieldError } from './form.js';
import { FormActions } from './form-actions.js';
import { formatShortTime, formatTime } from './format.js';
import { PublicUpdateComposer } from './public-update-composer.js';
import { IMPACT_LABELS, PUBLIC_STATUS_LABELS } from './status-page-labels.js';
import { ComponentStatusBadge, PublicStatusBadge } from './status-page-parts.js';
import { TextAreaField } from './text-field.js';
import { useUnsavedEdits } from './unsaved-changes.js';

interface Props {
  incident: Incident;
  canWrite: boolean;
}

/** The incident's public face: whether customers see it, its public updates, and the composer. */
export function IncidentStatusPage({ incident, canWrite }: Props) {
  const state = usePublicUpdates(incident.ref);
  const [isComposing, setComposing] = useState(false);
  const data = state.data;
  return (
    <section className="card status-page-card" aria-label="Status page" data-testid="status-page-card">
      <div className="card-head">
        <h2 className="card-title">Status page</h2>
        {data?.isPublished ? <span className="chip public-chip">Public</span> : null}
      </div>
      <ErrorBanner error={state.error} />
      {data && !data.isPublished ? <p className="muted">Customers do not see this incident.</p> : null}
      {data?.isPublished ? (
        <p className="public-head">
          <strong data-testid="public-title">{data.publicTitle}</strong>
          {data.impact ? <span className="muted"> · {IMPACT_LABELS[data.impact]} impact</span> : null}
        </p>
      ) : null}
      {data && canWrite && !isComposing ? (
        <button type="button" className="button" onClick={() => setComposing(true)}>
          {data.isPublished ? 'Post a public update' : 'Publish to status page'}
        </button>
      ) : null}
      {data && isComposing ? (
        <PublicUpdateComposer
          incident={incident}
          isPublished={data.isPublished}
          onDone={() => setComposing(false)}
        />
      ) : null}
      {data && data.items.length > 0 ? (
        <ul className="update-list public-updates">
          {data.items.map((update) => (
            <PublicUpdateItem
              key={update.id}
              incidentRef={incident.ref}
              update={update}
              canWrite={canWrite}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

interface ItemProps {
  incidentRef: string;
  update: PublicUpdate;
  canWrite: boolean;
}

function PublicUpdateItem({ incidentRef, update, canWrite }: ItemProps) {
  const [isCorrecting, setCorrecting] = useState(false);
  return (
    <li className="update-item" data-testid="public-update">
      <div className="update-meta meta-line">
        <PublicStatusBadge status={update.status} />
        <span>{update.author ? update.author.name || update.author.email : 'Beacon'}</span>
        <time dateTime={update.postedAt} title={formatTime(update.postedAt)}>
          {formatShortTime(update.postedAt)}
        </time>
        {update.editedAt ? (
          <span className="edited-mark" title={`Corrected ${formatTime(update.editedAt)}`}>
            edited
          </span>
        ) : null}
        {canWrite && !isCorrecting ? (
          <button type="button" className="button small ghost" onClick={() => setCorrecting(true)}>
            Correct
          </button>
        ) : null}
      </div>
      {isCorrecting ? (
        <CorrectionForm incidentRef={incidentRef} update={update} onDone={() => setCorrecting(false)} />
      ) : (
        <p className="update-message">{update.message}</p>
      )}
      {update.components.length > 0 ? (
        <ul className="public-update-components">
          {update.components.map((c) => (
            <li key={c.componentId}>
              {c.name} <ComponentStatusBadge status={c.status} />
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function CorrectionForm({
  incidentRef,
  update,
  onDone,
}: {
  incidentRef: string;
  update: PublicUpdate;
  onDone: () => void;
}) {
  const correct = useCorrectUpdate(incidentRef);
  const [message, setMessage] = useState(update.message);
  const [status, setStatus] = useState<PublicIncidentStatus>(update.status);
  useUnsavedEdits({ message, status });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    correct.mutate({ id: update.id, message: message.trim(), status }, { onSuccess: onDone });
  };
  return (
    <form className="correction-form" onSubmit={submit} noValidate aria-label="Correct the update">
      <ErrorBanner error={correct.error} shownFields={['message', 'status']} />
      <Field label="Public status" error={fieldError(correct.error, 'status')}>
        {(id) => (
          <select id={id} value={status} onChange={(e) => setStatus(e.target.value as PublicIncidentStatus)}>
            {PUBLIC_INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {PUBLIC_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextAreaField
        label="Corrected message"
        error={fieldError(correct.error, 'message')}
        hint="The page shows the update as edited."
        rows={3}
        limit={TEXT_LIMITS.update}
        value={message}
        onChange={(e) => setMessage(e.target.value)}
      />
      <FormActions
        submitLabel="Save correction"
        pendingLabel="Saving…"
        isPending={correct.isPending}
        onCancel={onDone}
      />
    </form>
  );
}
