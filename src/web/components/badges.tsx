import type { IncidentStatus } from '../../core/incident-status.js';
import type { Priority, Severity } from '../../core/priority.js';
import { statusLabel } from './format.js';

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
