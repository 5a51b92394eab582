import { useState, type SyntheticEvent } from 'react';
import { useNavigate } from 'react-router';
import { TEXT_LIMITS } from '../../core/text/limits.js';
import { useCreateIncidentFromReports } from '../api/reports.js';
import { ErrorBanner, fieldError } from './form.js';
import { FormActions } from './form-actions.js';
import { TextField } from './text-field.js';
import { useUnsavedEdits } from './unsaved-changes.js';

interface Props {
  refs: string[];
  onCancel: () => void;
}

/** Open an incident from selected reports (they are linked to it), then show the incident. */
export function ReportCreateForm({ refs, onCancel }: Props) {
  const create = useCreateIncidentFromReports();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const { release } = useUnsavedEdits({ title });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!title.trim()) return setMissing('Title is required');
    setMissing(undefined);
    create.mutate(
      { reportRefs: refs, title: title.trim() },
      {
        onSuccess: (incident) => {
          release();
          void navigate(`/incidents/${incident.ref}`);
        },
      },
    );
  };
  return (
    <form className="card report-form" onSubmit={submit} aria-label="Create incident from reports">
      <h2 className="card-title">
        Create an incident from {refs.length === 1 ? refs[0] : `${refs.length} reports`}
      </h2>
      <ErrorBanner error={create.error} shownFields={['title']} />
      <TextField
        label="Title"
        value={title}
        limit={TEXT_LIMITS.title}
        error={missing ?? fieldError(create.error, 'title')}
        onChange={(e) => setTitle(e.target.value)}
      />
      <FormActions
        submitLabel="Create incident"
        pendingLabel="Creating…"
        isPending={create.isPending}
        onCancel={onCancel}
      />
    </form>
  );
}
