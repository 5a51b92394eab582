import type { ComponentStatus, PublicIncidentStatus } from '../../core/status/snapshot.js';
import { COMPONENT_STATUS_LABELS, PUBLIC_STATUS_LABELS } from './status-page-labels.js';
import '../styles/status-page.css';

/** A component's status as a coloured pill, in the public page's words. */
export function ComponentStatusBadge({ status }: { status: ComponentStatus }) {
  return (
    <span className={`badge component-${status}`} data-testid="component-status">
      <span className="dot" aria-hidden="true" />
      {COMPONENT_STATUS_LABELS[status]}
    </span>
  );
}

/** A public incident status as a pill, coloured like the incident statuses of the same name. */
export function PublicStatusBadge({ status }: { status: PublicIncidentStatus }) {
  return (
    <span className={`badge status-${status}`} data-testid="public-status">
      <span className="dot" aria-hidden="true" />
      {PUBLIC_STATUS_LABELS[status]}
    </span>
  );
}
