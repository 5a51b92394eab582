import { Link } from 'react-router';
import type { Incident } from '../../core/schemas/incident.js';
import { useIncidentAction } from '../api/incidents.js';
import { useIncidentReports } from '../api/reports.js';
import { ActionError } from './action-error.js';
import { ErrorBanner } from './form.js';
import { formatTime, timeAgo } from './format.js';
import { linkReasonText, messageExcerpt, reporterText } from './report-format.js';

interface Props {
  incident: Incident;
  canWrite: boolean;
  onReload: () => void;
}

/** One incident waiting in triage: its reports and why they were grouped; accept or decline. */
export function TriageCard({ incident, canWrite, onReload }: Props) {
  const reports = useIncidentReports(incident.ref);
  const action = useIncidentAction(incident.ref);
  const { version } = incident;
  const items = reports.data?.items ?? [];
  const accept = (status: 'triggered' | 'investigating') =>
    action.mutate({ kind: 'status', body: { status, version } });
  return (
    <section
      className="card triage-card"
      aria-label={`${incident.ref} ${incident.title}`}
      data-testid="triage-card"
    >
      <div className="card-head">
        <h2 className="card-title">
          <Link to={`/incidents/${incident.ref}`}>
            <span className="ref">{incident.ref}</span> {incident.title}
          </Link>
        </h2>
        <span className="muted" title={formatTime(incident.startedAt)}>
          opened {timeAgo(incident.startedAt)}
        </span>
      </div>
      <p className="muted">
        {reports.isSuccess ? `${items.length} ${items.length === 1 ? 'report' : 'reports'}` : 'Reports…'}
      </p>
      <ErrorBanner error={reports.error} />
      <ul className="triage-reports">
        {items.map((report) => (
          <li key={report.ref}>
            <span className="ref">{report.ref}</span> <span className="reporter">{reporterText(report)}</span>{' '}
            <span className="muted" title={formatTime(report.receivedAt)}>
              {timeAgo(report.receivedAt)}
            </span>
            <p className="excerpt">{messageExcerpt(report.message)}</p>
            <p className="why small-note">{linkReasonText(report.linkReason)}</p>
          </li>
        ))}
      </ul>
      {canWrite ? (
        <>
          <div className="toolbar" role="toolbar" aria-label={`Triage ${incident.ref}`}>
            <button
              type="button"
              className="button primary"
              disabled={action.isPending}
              onClick={() => accept('triggered')}
            >
              Accept as Triggered
            </button>
            <button
              type="button"
              className="button"
              disabled={action.isPending}
              onClick={() => accept('investigating')}
            >
              Accept as Investigating
            </button>
            <button
              type="button"
              className="button danger-outline"
              disabled={action.isPending}
              onClick={() => action.mutate({ kind: 'decline', body: { version } })}
            >
              Decline
            </button>
          </div>
          <p className="field-hint">
            Triggered pages the on-call responders of its services, as an alert would; Investigating accepts
            it without paging. Decline marks it as not an incident.
          </p>
          <ActionError error={action.error} onReload={onReload} />
        </>
      ) : null}
    </section>
  );
}
