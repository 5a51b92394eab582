import type { ComponentStatus, PublicImpact, StatusPageSnapshot } from './snapshot.js';

/** Statuspage's `status.indicator`: an impact, or `maintenance` when only maintenance is under way. */
export type PageIndicator = PublicImpact | 'maintenance';

/** Statuspage's `status` object. */
export interface PageStatus {
  indicator: PageIndicator;
  description: string;
}

const DESCRIPTIONS: Record<PageIndicator, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
  maintenance: 'Service Under Maintenance',
};

const RANK: Record<PublicImpact, number> = { none: 0, minor: 1, major: 2, critical: 3 };

/** The impact a component's status stands for (maintenance is not an outage). */
export const IMPACT_OF_STATUS: Record<ComponentStatus, PublicImpact> = {
  operational: 'none',
  under_maintenance: 'none',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/** The worse of two impacts. */
export function worseImpact(a: PublicImpact, b: PublicImpact): PublicImpact {
  return RANK[b] > RANK[a] ? b : a;
}

/** The worst status of a group's components (a group with none is operational). */
export function worstComponentStatus(statuses: readonly ComponentStatus[]): ComponentStatus {
  const order: ComponentStatus[] = [
    'operational',
    'under_maintenance',
    'degraded_performance',
    'partial_outage',
    'major_outage',
  ];
  return statuses.reduce<ComponentStatus>(
    (worst, status) => (order.indexOf(status) > order.indexOf(worst) ? status : worst),
    'operational',
  );
}

/**
 * The page's overall status, as Statuspage computes it: the worst of every component's status
 * (degraded performance → minor, partial outage → major, major outage → critical) and every
 * unresolved incident's impact. When that is `none` but a component is under maintenance or a
 * maintenance is in progress or verifying, the indicator is `maintenance`.
 */
export function pageStatus(snapshot: StatusPageSnapshot): PageStatus {
  let worst: PublicImpact = 'none';
  for (const component of snapshot.components) worst = worseImpact(worst, IMPACT_OF_STATUS[component.status]);
  for (const incident of snapshot.incidents) {
    if (incident.status !== 'resolved') worst = worseImpact(worst, incident.impact);
  }
  const isMaintaining =
    snapshot.components.some((component) => component.status === 'under_maintenance') ||
    snapshot.maintenances.some((m) => m.status === 'in_progress' || m.status === 'verifying');
  const indicator: PageIndicator = worst === 'none' && isMaintaining ? 'maintenance' : worst;
  return { indicator, description: DESCRIPTIONS[indicator] };
}
