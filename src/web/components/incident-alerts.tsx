import { Link } from 'react-router';
import { useIncidentAlerts } from '../api/alerting.js';
import { ApiError } from '../api/client.js';
import { AlertFlags, AlertSeverityBadge, AlertStatusBadge } from './badges.js';
import { ErrorBanner } from './form.js';
import { formatTime, timeAgo } from './format.js';

/** The alerts grouped into an incident; nothing when it has none (declared by hand). */
export function IncidentAlerts({ incidentRef }: { incidentRef: string }) {
  const alerts = useIncidentAlerts(incidentRef);
  if (alerts.isError && !(alerts.error instanceof ApiError && alerts.error.status === 404)) {
    return <ErrorBanner error={alerts.error} />;
  }
  const items = alerts.data ?? [];
  if (items.length === 0) return null;
  const open = items.filter((a) => a.status !== 'resolved').length;
  return (
    <section className="card" aria-label="Alerts">
      <div className="card-head">
        <h2 className="card-title">Alerts</h2>
        <span className="muted">
          {items.length} alert{items.length === 1 ? '' : 's'}, {open} open
        </span>
      </div>
      <ul className="plain-list incident-alerts">
        {items.map((a) => (
          <li key={a.id} data-testid="incident-alert">
            <AlertSeverityBadge severity={a.severity} />
            <div className="ia-main">
              <Link to={`/alerts/${a.id}`} className="strong-link">
                {a.summary}
              </Link>
              <span className="muted ia-meta">
                {a.service.name} · <span title={formatTime(a.startsAt)}>started {timeAgo(a.startsAt)}</span>
                {a.eventCount > 1 ? ` · ${a.eventCount} events` : ''}
                <AlertFlags alert={a} />
              </span>
            </div>
            <AlertStatusBadge status={a.status} />
          </li>
        ))}
      </ul>
      <p className="card-foot">
        <Link to={`/alerts?status=all&incident=${encodeURIComponent(incidentRef)}`}>
          Open in the alert list
        </Link>
      </p>
    </section>
  );
}
