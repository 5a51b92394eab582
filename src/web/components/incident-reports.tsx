import { useState } from 'react';
import { useAffectedCustomers, useUnlinkReport } from '../api/reports.js';
import { ErrorBanner } from './form.js';
import { formatTime, timeAgo } from './format.js';
import { ReportLinkForm } from './report-link-form.js';
import { linkReasonText, reporterText } from './report-format.js';

interface Props {
  incidentRef: string;
  canWrite: boolean;
}

/** The customers who reported this incident: who, when, why linked, whether told; unlink or move. */
export function IncidentReports({ incidentRef, canWrite }: Props) {
  const reports = useAffectedCustomers(incidentRef);
  const unlink = useUnlinkReport();
  const [moving, setMoving] = useState<string | null>(null);
  const items = reports.data?.items ?? [];
  // An incident nobody reported shows no card (most incidents come from alerts).
  if (reports.isSuccess && items.length === 0) return null;
  const told = items.filter((r) => r.told).length;
  const count = reports.data?.count ?? 0;
  const customers = reports.data?.customerCount ?? 0;
  return (
    <section className="card affected-customers" aria-label="Affected customers">
      <div className="card-head">
        <h2 className="card-title">Affected customers</h2>
        {reports.isSuccess ? (
          <span className="muted" data-testid="affected-count">
            {customers} {customers === 1 ? 'customer' : 'customers'} · {count}{' '}
            {count === 1 ? 'report' : 'reports'} · {told} told
          </span>
        ) : null}
      </div>
      <ErrorBanner error={reports.error ?? unlink.error} />
      <ul className="affected-list">
        {items.map((report) => (
          <li key={report.reportRef} data-testid="affected-customer">
            <div className="affected-head">
              <span className="ref">{report.reportRef}</span>
              <span className="reporter">{reporterText(report)}</span>
              <span className="muted" title={formatTime(report.receivedAt)}>
                {timeAgo(report.receivedAt)}
              </span>
              <span className={report.told ? 'chip told' : 'chip not-told'}>
                {report.told ? 'Told' : 'Not told yet'}
              </span>
            </div>
            <p className="why small-note">{linkReasonText(report.linkReason)}</p>
            {canWrite ? (
              <div className="affected-actions">
                <button
                  type="button"
                  className="button small ghost"
                  aria-label={`Unlink ${report.reportRef}`}
                  disabled={unlink.isPending}
                  onClick={() => unlink.mutate(report.reportRef)}
                >
                  Unlink
                </button>
                <button
                  type="button"
                  className="button small ghost"
                  aria-label={`Move ${report.reportRef}`}
                  onClick={() => setMoving(moving === report.reportRef ? null : report.reportRef)}
                >
                  Move…
                </button>
              </div>
            ) : null}
            {moving === report.reportRef ? (
              <ReportLinkForm
                refs={[report.reportRef]}
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
