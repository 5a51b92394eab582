import { Link } from 'react-router';
import type { Incident } from '../../core/schemas/incident.js';
import { AlertSeverityBadge } from './badges.js';
import { formatTime, timeAgo } from './format.js';

/**
 * On an incident that has ended: the alerts its sources still report as firing, each with
 * the incident it is in now, so a resolved incident never hides a live problem.
 */
export function IncidentStillFiring({ incident }: { incident: Incident }) {
  const alerts = incident.stillFiring;
  if (alerts.length === 0) return null;
  return (
    <section className="alert alert-warning still-firing" role="status" aria-label="Still firing">
      <strong>
        {alerts.length === 1
          ? 'An alert of this incident is'
          : `${alerts.length} alerts of this incident are`}{' '}
        still firing
      </strong>
      <ul>
        {alerts.map((alert) => (
          <li key={alert.id} data-testid="still-firing-alert">
            <AlertSeverityBadge severity={alert.severity} />{' '}
            <Link to={`/alerts/${alert.id}`}>{alert.caption}</Link>{' '}
            <span title={formatTime(alert.since)}>since {timeAgo(alert.since)}</span>
            {' · '}
            {alert.incident ? (
              alert.incident.ref === incident.ref ? (
                'in this incident'
              ) : (
                <>
                  now in <Link to={`/incidents/${alert.incident.ref}`}>{alert.incident.ref}</Link>
                </>
              )
            ) : (
              'waiting to open an incident'
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
