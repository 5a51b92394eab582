import type { AlertSeverity, AlertStatus } from '../../core/alerts/alert-event.js';
import type { IncidentStatus } from '../../core/incident-status.js';
import type { Priority, Severity } from '../../core/priority.js';
import type { Check } from '../../core/schemas/checks.js';
import { statusLabel } from './format.js';

type CheckStatus = Check['status'];

/** Coloured pill showing an incident's status. */
export function StatusBadge({ status }: { status: IncidentStatus }) {
  return (
    <span className={`badge status-${status}`} data-testid="status-badge">
      <span className="dot" aria-hidden="true" />
      {statusLabel(status)}
    </span>
  );
}

/** Coloured pill showing a severity (SEV1 red … SEV4 grey-blue). */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge sev sev-${severity.toLowerCase()}`}>{severity}</span>;
}

/** Outlined pill showing a priority (P1 … P5). */
export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <span className={`badge prio prio-${priority.toLowerCase()}`} title="Priority">
      {priority}
    </span>
  );
}

const ALERT_STATUS_LABELS: Record<AlertStatus, string> = {
  firing: 'Firing',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

/** Coloured pill showing an alert's status (firing red, acknowledged orange, resolved green). */
export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  return (
    <span className={`badge alert-status-${status}`} data-testid="alert-status">
      <span className="dot" aria-hidden="true" />
      {ALERT_STATUS_LABELS[status]}
    </span>
  );
}

/** Square badge showing an alert's severity (critical, error, warning, info). */
export function AlertSeverityBadge({ severity }: { severity: AlertSeverity }) {
  return <span className={`badge sev alert-sev-${severity}`}>{severity}</span>;
}

const CHECK_STATUS_LABELS: Record<CheckStatus, string> = {
  pending: 'Pending',
  up: 'Up',
  down: 'Down',
  paused: 'Paused',
};

/** Coloured pill showing a check's status. */
export function CheckStatusBadge({ status }: { status: CheckStatus }) {
  return (
    <span className={`badge check-${status}`} data-testid="check-status">
      <span className="dot" aria-hidden="true" />
      {CHECK_STATUS_LABELS[status]}
    </span>
  );
}

/** Small flags of an alert: flapping, suppressed by maintenance. */
export function AlertFlags({ alert }: { alert: { isFlapping: boolean; isSuppressed: boolean } }) {
  if (!alert.isFlapping && !alert.isSuppressed) return null;
  return (
    <span className="alert-flags">
      {alert.isFlapping ? (
        <span className="flag flag-flapping" title="Changes state too often; paging is damped">
          Flapping
        </span>
      ) : null}
      {alert.isSuppressed ? (
        <span className="flag flag-suppressed" title="Arrived during maintenance; opened no incident">
          Suppressed
        </span>
      ) : null}
    </span>
  );
}
