import type { ComponentStatusMode } from '../schemas/status-page.js';
import type { ComponentStatus } from './snapshot.js';

/**
 * A component's status on the status page, decided from what Beacon knows about it.
 *
 * - `manual` mode: the status set by hand (in the component, or by a public update naming it),
 *   operational when none was set. Nothing else moves it.
 * - `derived` mode: the worst of
 *   - the status set by hand, as a floor;
 *   - for each open published incident (its latest public update is not `resolved`), the status
 *     the latest of its public updates that named the component gave it;
 *   - `under_maintenance` while a maintenance window of one of its services is active (the
 *     checks of a service in maintenance are not counted: failing is what maintenance expects);
 *   - the checks of each service: some failing → `partial_outage`, all failing → `major_outage`.
 *   Paused and not-yet-run checks count neither way.
 *
 * "Worst" follows `STATUS_RANK`: an outage outranks maintenance, maintenance outranks operational.
 */

/** How bad each status is, for "worst of". */
export const STATUS_RANK: Readonly<Record<ComponentStatus, number>> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** The worst of `statuses`; operational when there are none. */
export function worstStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst: ComponentStatus = 'operational';
  for (const status of statuses) if (STATUS_RANK[status] > STATUS_RANK[worst]) worst = status;
  return worst;
}

/** One service behind a component, as the derived status sees it now. */
export interface ServiceHealth {
  isUnderMaintenance: boolean;
  /** Checks that have a verdict (up or down; paused and pending ones left out). */
  checkCount: number;
  failingCheckCount: number;
}

/** Everything a component's status is derived from. */
export interface ComponentStatusInputs {
  mode: ComponentStatusMode;
  manualStatus: ComponentStatus | null;
  /** Per open published incident, the status its latest update naming the component gave it. */
  incidentStatuses: readonly ComponentStatus[];
  services: readonly ServiceHealth[];
}

/** The status a service's checks and maintenance give a component, or null for none. */
export function serviceStatus(service: ServiceHealth): ComponentStatus | null {
  if (service.isUnderMaintenance) return 'under_maintenance';
  if (service.checkCount === 0 || service.failingCheckCount === 0) return null;
  return service.failingCheckCount >= service.checkCount ? 'major_outage' : 'partial_outage';
}

/** The status the public page shows for a component (rules in the header). */
export function deriveComponentStatus(inputs: ComponentStatusInputs): ComponentStatus {
  if (inputs.mode === 'manual') return inputs.manualStatus ?? 'operational';
  const fromServices = inputs.services.map(serviceStatus).filter((s): s is ComponentStatus => s !== null);
  return worstStatus([
    ...(inputs.manualStatus === null ? [] : [inputs.manualStatus]),
    ...inputs.incidentStatuses,
    ...fromServices,
  ]);
}
