import { Link } from 'react-router';
import type { Alert } from '../../core/schemas/alerting.js';
import { AlertFlags, AlertSeverityBadge, AlertStatusBadge } from './badges.js';
import { formatTime, timeAgo } from './format.js';
import { DataTable } from './data-table.js';

/** Alerts as a table: severity, summary, service, incident, status, started and last event. */
export function AlertsTable({
  alerts,
  showService = true,
  showIncident = true,
}: {
  alerts: readonly Alert[];
  showService?: boolean;
  showIncident?: boolean;
}) {
  return (
    <DataTable
      columns={[
        'Severity',
        'Alert',
        showService && 'Service',
        showIncident && 'Incident',
        'Status',
        'Started',
        'Last event',
      ]}
      className="alerts-table"
    >
      {alerts.map((alert) => (
        <tr key={alert.id} data-testid="alert-row">
          <td data-label="Severity" className="cell-badge cell-sev">
            <AlertSeverityBadge severity={alert.severity} />
          </td>
          <td className="cell-main">
            <Link to={`/alerts/${alert.id}`} className="strong-link alert-summary">
              {alert.summary}
            </Link>
            <span className="sub">
              <code>{alert.dedupKey}</code>
              {alert.eventCount > 1 ? <span> · {alert.eventCount} events</span> : null}
              <AlertFlags alert={alert} />
            </span>
          </td>
          {showService ? (
            <td data-label="Service">
              <Link to={`/services/${alert.service.id}`}>{alert.service.name}</Link>
            </td>
          ) : null}
          {showIncident ? (
            <td data-label="Incident">
              {alert.incident ? (
                <Link to={`/incidents/${alert.incident.ref}`} className="ref">
                  {alert.incident.ref}
                </Link>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          ) : null}
          <td data-label="Status" className="cell-badge">
            <AlertStatusBadge status={alert.status} />
          </td>
          <td data-label="Started" title={formatTime(alert.startsAt)} className="nowrap">
            {timeAgo(alert.startsAt)}
          </td>
          <td data-label="Last event" title={formatTime(alert.lastEventAt)} className="nowrap">
            {timeAgo(alert.lastEventAt)}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
