/** Words the status-page screens show for the page's machine values. */
import type { ComponentStatus, PublicImpact, PublicIncidentStatus } from '../../core/status/snapshot.js';

/** A component status as the public page words it. */
export const COMPONENT_STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

/** A public incident status. */
export const PUBLIC_STATUS_LABELS: Record<PublicIncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

/** An impact for customers. */
export const IMPACT_LABELS: Record<PublicImpact, string> = {
  none: 'None',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
};
