import { Link } from 'react-router';
import type { Report } from '../../core/schemas/reports.js';
import { DataTable } from './data-table.js';
import { formatTime, timeAgo } from './format.js';
import { linkReasonText, messageExcerpt, reporterText, sourceLabel } from './report-format.js';

interface Props {
  reports: Report[];
  /** Responders: rows can be selected, unlinked and moved. */
  canWrite: boolean;
  selected: ReadonlySet<string>;
  onSelect: (ref: string, isSelected: boolean) => void;
  onUnlink: (report: Report) => void;
  onMove: (report: Report) => void;
  isBusy: boolean;
}

/** The reports inbox table: who reported what, when, and which incident it belongs to and why. */
export function ReportTable({ reports, canWrite, selected, onSelect, onUnlink, onMove, isBusy }: Props) {
  return (
    <DataTable
      columns={[canWrite && 'Select', 'Report', 'Received', 'Message', 'Incident']}
      hasActions={canWrite}
      className="report-table"
    >
      {reports.map((report) => (
        <tr key={report.ref} data-testid="report-row">
          {canWrite ? (
            <td className="cell-select">
              <input
                type="checkbox"
                aria-label={`Select ${report.ref}`}
                checked={selected.has(report.ref)}
                onChange={(e) => onSelect(report.ref, e.target.checked)}
              />
            </td>
          ) : null}
          <td className="cell-main">
            <span className="ref">{report.ref}</span>
            <span className="sub">
              {reporterText(report)} · {sourceLabel(report.source)}
            </span>
          </td>
          <td data-label="Received" title={formatTime(report.receivedAt)}>
            {timeAgo(report.receivedAt)}
          </td>
          <td data-label="Message" className="cell-message">
            {messageExcerpt(report.message)}
          </td>
          <td data-label="Incident" className="cell-incident">
            {report.incident ? (
              <>
                <Link to={`/incidents/${report.incident.ref}`}>
                  <span className="ref">{report.incident.ref}</span> {report.incident.title}
                </Link>
                <span className="sub why">{linkReasonText(report.linkReason)}</span>
              </>
            ) : (
              <span className="muted">Not linked</span>
            )}
          </td>
          {canWrite ? (
            <td className="cell-actions">
              {report.incident ? (
                <button
                  type="button"
                  className="button small ghost"
                  disabled={isBusy}
                  aria-label={`Unlink ${report.ref}`}
                  onClick={() => onUnlink(report)}
                >
                  Unlink
                </button>
              ) : null}
              <button
                type="button"
                className="button small ghost"
                aria-label={`${report.incident ? 'Move' : 'Link'} ${report.ref}`}
                onClick={() => onMove(report)}
              >
                {report.incident ? 'Move…' : 'Link…'}
              </button>
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}
