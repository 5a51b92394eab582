import { type ServiceHealth, deriveComponentStatus } from '../../../core/status/derive-status.js';
import type { ComponentStatus, PublicIncidentStatus } from '../../../core/status/snapshot.js';
import { UPTIME_DAYS } from '../../../core/status/uptime.js';
import { checksOfServices, maintenanceOfServices } from '../../store/queries/status-page-sources.js';
import {
  type StatusComponentRecord,
  listComponentServices,
  listShownPublications,
  listStatusComponents,
  publicUpdatesOf,
  updateComponentsOf,
} from '../../store/queries/status-page.js';
import type { Executor } from '../../store/store.js';

const DAY_MS = 86_400_000;

/** How far back the page looks: resolved incidents, maintenance, uptime. */
export const HISTORY_MS = UPTIME_DAYS * DAY_MS;

export type ShownPublication = Awaited<ReturnType<typeof listShownPublications>>[number];
export type ShownUpdate = Awaited<ReturnType<typeof publicUpdatesOf>>[number];
export type ShownUpdateComponent = Awaited<ReturnType<typeof updateComponentsOf>>[number];
export type ServiceCheck = Awaited<ReturnType<typeof checksOfServices>>[number];
export type ServiceMaintenance = Awaited<ReturnType<typeof maintenanceOfServices>>[number];

/** What component statuses and the public page are built from, read in a fixed few queries. */
export interface StatusSources {
  now: number;
  components: StatusComponentRecord[];
  /** Service ids behind each component. */
  servicesOf: Map<number, number[]>;
  checks: ServiceCheck[];
  maintenance: ServiceMaintenance[];
  /** Published incidents on the page (open, or resolved within the history), newest first. */
  publications: ShownPublication[];
  /** Their public updates, newest first. */
  updates: ShownUpdate[];
  /** The components each update named, by update id. */
  updateComponents: Map<number, ShownUpdateComponent[]>;
}

/** Read everything component statuses and the page's incidents need, at `now`. */
export async function loadStatusSources(db: Executor, now: number): Promise<StatusSources> {
  const [components, links, publications] = await Promise.all([
    listStatusComponents(db),
    listComponentServices(db),
    listShownPublications(db, now - HISTORY_MS),
  ]);
  const servicesOf = new Map<number, number[]>(components.map((c) => [c.id, []]));
  for (const link of links) servicesOf.get(link.component_id)?.push(link.service_id);
  const serviceIds = links.map((l) => l.service_id);
  const [checks, maintenance, updates] = await Promise.all([
    checksOfServices(db, serviceIds),
    maintenanceOfServices(db, serviceIds, now - HISTORY_MS),
    publicUpdatesOf(
      db,
      publications.map((p) => p.incident_id),
    ),
  ]);
  const updateComponents = new Map<number, ShownUpdateComponent[]>();
  for (const row of await updateComponentsOf(
    db,
    updates.map((u) => u.id),
  )) {
    const list = updateComponents.get(row.update_id) ?? [];
    list.push(row);
    updateComponents.set(row.update_id, list);
  }
  return { now, components, servicesOf, checks, maintenance, publications, updates, updateComponents };
}

/** Each component's status now, by id (rules in `core/status/derive-status.ts`). */
export function componentStatuses(sources: StatusSources): Map<number, ComponentStatus> {
  const fromIncidents = incidentStatusesByComponent(sources);
  const health = new Map<number, ServiceHealth>();
  const healthOf = (serviceId: number): ServiceHealth => {
    let entry = health.get(serviceId);
    if (!entry) {
      entry = { isUnderMaintenance: false, checkCount: 0, failingCheckCount: 0 };
      health.set(serviceId, entry);
    }
    return entry;
  };
  for (const check of sources.checks) {
    if (check.paused_at !== null || (check.status !== 'up' && check.status !== 'down')) continue;
    const entry = healthOf(check.service_id);
    entry.checkCount++;
    if (check.status === 'down') entry.failingCheckCount++;
  }
  for (const window of sources.maintenance) {
    if (window.starts_at <= sources.now && sources.now < window.ends_at)
      healthOf(window.service_id).isUnderMaintenance = true;
  }
  const none: ServiceHealth = { isUnderMaintenance: false, checkCount: 0, failingCheckCount: 0 };
  return new Map(
    sources.components.map((c) => [
      c.id,
      deriveComponentStatus({
        mode: c.status_mode === 'manual' ? 'manual' : 'derived',
        manualStatus: c.manual_status as ComponentStatus | null,
        incidentStatuses: fromIncidents.get(c.id) ?? [],
        services: (sources.servicesOf.get(c.id) ?? []).map((id) => health.get(id) ?? none),
      }),
    ]),
  );
}

/** Per component, what each open published incident's latest update naming it gave it. */
function incidentStatusesByComponent(sources: StatusSources): Map<number, ComponentStatus[]> {
  const open = new Set(
    sources.publications
      .filter((p) => (p.status as PublicIncidentStatus) !== 'resolved')
      .map((p) => p.incident_id),
  );
  const seen = new Set<string>();
  const byComponent = new Map<number, ComponentStatus[]>();
  // Updates come newest first: the first one naming a component for an incident decides.
  for (const update of sources.updates) {
    if (!open.has(update.incident_id)) continue;
    for (const named of sources.updateComponents.get(update.id) ?? []) {
      const key = `${update.incident_id}:${named.component_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = byComponent.get(named.component_id) ?? [];
      list.push(named.new_status as ComponentStatus);
      byComponent.set(named.component_id, list);
    }
  }
  return byComponent;
}
