import { useState } from 'react';
import { useNavigate } from 'react-router';
import { isReopen, nextStatuses, OPEN_STATUSES, type IncidentStatus } from '../../core/incident-status.js';
import type { Incident } from '../../core/schemas/incident.js';
import { useIncidentAction, type IncidentAction } from '../api/incidents.js';
import { ActionError } from './action-error.js';
import { ActionForm, type FormKind } from './incident-action-form.js';
import { statusLabel } from './format.js';

const MOVES: readonly IncidentStatus[] = ['triggered', 'investigating', 'identified', 'monitoring'];
const MERGEABLE: readonly IncidentStatus[] = [...OPEN_STATUSES, 'resolved'];

interface Props {
  incident: Incident;
  onReload: () => void;
}

/** Lifecycle buttons offered for the incident's current status, and their forms. */
export function IncidentActions({ incident, onReload }: Props) {
  const action = useIncidentAction(incident.ref);
  const navigate = useNavigate();
  const [form, setForm] = useState<FormKind | null>(null);
  const { status, version } = incident;
  const next = nextStatuses(status);
  const isUnacknowledged = status === 'triage' || status === 'triggered';
  const moves = next.filter((s) => MOVES.includes(s) && !isReopen(status, s));

  const run = (a: IncidentAction) =>
    action.mutate(a, {
      onSuccess: (result) => {
        setForm(null);
        if (result.ref !== incident.ref) void navigate(`/incidents/${result.ref}`);
      },
    });
  const open = (kind: FormKind) => {
    action.reset();
    setForm(form === kind ? null : kind);
  };
  const reload = () => {
    action.reset();
    onReload();
  };

  if (next.length === 0 && !MERGEABLE.includes(status)) return null;
  return (
    <div className="actions-area">
      <div className="toolbar" role="toolbar" aria-label="Incident actions">
        {isUnacknowledged ? (
          <button
            type="button"
            className="button primary"
            disabled={action.isPending}
            onClick={() => run({ kind: 'acknowledge', body: { version } })}
          >
            Acknowledge
          </button>
        ) : null}
        {moves.length > 0 ? (
          <div className="button-group" role="group" aria-label="Move to status">
            <span className="group-label">Move to</span>
            {moves.map((s) => (
              <button
                key={s}
                type="button"
                className="button"
                disabled={action.isPending}
                onClick={() => run({ kind: 'status', body: { status: s, version } })}
              >
                {statusLabel(s)}
              </button>
            ))}
          </div>
        ) : null}
        {next.includes('resolved') ? (
          <button type="button" className="button success" onClick={() => open('resolve')}>
            Resolve
          </button>
        ) : null}
        {next.includes('closed') ? (
          <button type="button" className="button" onClick={() => open('close')}>
            Close
          </button>
        ) : null}
        {next.some((s) => isReopen(status, s)) ? (
          <button type="button" className="button" onClick={() => open('reopen')}>
            Reopen
          </button>
        ) : null}
        {next.includes('declined') ? (
          <button type="button" className="button danger-outline" onClick={() => open('decline')}>
            Decline
          </button>
        ) : null}
        {MERGEABLE.includes(status) ? (
          <button type="button" className="button ghost" onClick={() => open('merge')}>
            Merge…
          </button>
        ) : null}
      </div>
      {form ? (
        <ActionForm
          kind={form}
          incident={incident}
          isPending={action.isPending}
          error={action.error}
          onReload={reload}
          onCancel={() => setForm(null)}
          onSubmit={run}
        />
      ) : (
        <ActionError error={action.error} onReload={reload} />
      )}
    </div>
  );
}
