import { useState, type SyntheticEvent } from 'react';
import { useLinkReports } from '../api/reports.js';
import { ErrorBanner, fieldError } from './form.js';
import { FormActions } from './form-actions.js';
import { IncidentPicker } from './incident-picker.js';

interface Props {
  /** The reports to link or move. */
  refs: string[];
  /** The incident they are linked to now, when moving. */
  from?: string | null | undefined;
  onDone: () => void;
  onCancel: () => void;
}

/** Link reports to an open incident, or move a linked report to another one. */
export function ReportLinkForm({ refs, from, onDone, onCancel }: Props) {
  const link = useLinkReports();
  const [incidentRef, setIncidentRef] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const what = refs.length === 1 ? refs[0] : `${refs.length} reports`;
  const verb = from ? 'Move' : 'Link';
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!incidentRef) return setMissing('Choose the incident');
    setMissing(undefined);
    link.mutate({ refs, incidentRef }, { onSuccess: onDone });
  };
  return (
    <form className="card report-form" onSubmit={submit} aria-label={`${verb} ${what}`}>
      <h2 className="card-title">
        {verb} {what} {from ? `from ${from} ` : ''}to an incident
      </h2>
      <ErrorBanner error={link.error} shownFields={['incidentRef']} />
      <IncidentPicker
        value={incidentRef}
        onChange={setIncidentRef}
        exclude={from ?? undefined}
        error={missing ?? fieldError(link.error, 'incidentRef')}
      />
      <FormActions
        submitLabel={`${verb} ${refs.length === 1 ? 'report' : 'reports'}`}
        pendingLabel="Saving…"
        isPending={link.isPending}
        onCancel={onCancel}
      />
    </form>
  );
}
