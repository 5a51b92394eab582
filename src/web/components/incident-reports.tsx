import { useState } from 'react';
import { useIncidentReports, useUnlinkReport } from '../api/reports.js';
import { ErrorBanner } from './form.js';
import { formatTime, timeAgo } from './format.js';
import { ReportLinkForm } from './report-link-form.js';
import { linkReasonText, messageExcerpt, reporterText } from './report-format.js';

interface Props {
  incidentRef: string;
  canWrite: boolean;
}

/** The customers who reported this incident: who, when, why linked, whether told; unlink or move. */
export function IncidentReports({ incidentRef, canWrite }: Props) {
  const reports = useIncidentReports(incidentRef);
  const unlink = useUnlinkReport();
  const [moving, setMoving] = useState<string | null>(null);
  const items = reports.data?.items ?? [];
  // An incident nobody reported shows no card (most incidents come from alerts).
  if (reports.isSuccess && items.length === 0) return null;
  const told = items.filter((r) => r.isTold).length;
  return (
    <section className="card affected-customers" aria-label="Affected customers">
      <div className="card-head">
        <h2 className="card-title">Affected customers</h2>
        {reports.isSuccess ? (
          <span className="muted" data-testid="affected-count">
            {items.length} {items.length === 1 ? 'report' : 'reports'} · {told} told
          </span>
        ) : null}
      </div>
      <ErrorBanner error={reports.error ?? unlink.error} />
      <ul className="affected-list">
        {items.map((report) => (
          <li key={report.ref} data-testid="affected-customer">
            <div className="affected-head">
              <span className="ref">{report.ref}</span>
              <span className="reporter">{reporterText(report)}</span>
              <span className="muted" title={formatTime(report.receivedAt)}>
                {timeAgo(report.receivedAt)}
              </span>
              <span className={report.isTold ? 'chip told' : 'chip not-told'}>
                {report.isTold ? 'Told' : 'Not told yet'}
              </span>
            </div>
            <p className="excerpt">{messageExcerpt(report.message)}</p>
            <p className="why small-note">{linkReasonText(report.linkReason)}</p>
            {canWrite ? (
              <div className="affected-actions">
                <button
                  type="button"
                  className="button small ghost"
                  aria-label={`Unlink ${report.ref}`}
                  disabled={unlink.isPending}
                  onClick={() => unlink.mutate(report.ref)}
                >
                  Unlink
                </button>
                <button
                  type="button"
                  className="button small ghost"
                  aria-label={`Move ${report.ref}`}
                  onClick={() => setMoving(moving === report.ref ? null : report.ref)}
                >
                  Move…
                </button>
              </div>
            ) : null}
            {moving === report.ref ? (
              <ReportLinkForm
                refs={[report.ref]}
                from={incidentRef}
                onDone={() => setMoving(null)}
                onCancel={() => setMoving(null)}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
