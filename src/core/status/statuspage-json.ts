/**
 * Atlassian Statuspage's public v2 API (`/api/v2/*.json`) rendered from a snapshot: the same
 * field names, nesting, value sets and time format (ISO-8601 in the page's zone, milliseconds
 * and offset), so clients, widgets and aggregators written for Statuspage read Beacon as is.
 */
import { pageStatus, worstComponentStatus, type PageStatus } from './page-indicator.js';
import type {
  PublicIncidentView,
  PublicUpdateView,
  ScheduledMaintenanceView,
  StatusComponentView,
  StatusGroupView,
  StatusPageSnapshot,
} from './snapshot.js';
import { isoInZone, isoOrNull } from './zoned-format.js';

/** The eight endpoints under `/api/v2/`, relative to it. */
export const STATUSPAGE_ENDPOINTS = [
  'summary.json',
  'status.json',
  'components.json',
  'incidents.json',
  'incidents/unresolved.json',
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
] as const;
export type StatuspageEndpoint = (typeof STATUSPAGE_ENDPOINTS)[number];

/** How many incidents `incidents.json` lists, as Statuspage does. */
export const INCIDENTS_LIMIT = 50;

type Json = Record<string, unknown>;

function pageJson(snapshot: StatusPageSnapshot): Json {
  const { page } = snapshot;
  return {
    id: page.id,
    name: page.name,
    url: page.url,
    time_zone: page.timeZone,
    updated_at: isoInZone(page.updatedAt, page.timeZone),
  };
}

/** One component as Statuspage writes it. */
export function componentJson(snapshot: StatusPageSnapshot, component: StatusComponentView): Json {
  const zone = snapshot.page.timeZone;
  return {
    id: component.id,
    name: component.name,
    status: component.status,
    created_at: isoInZone(component.createdAt, zone),
    updated_at: isoInZone(component.updatedAt, zone),
    position: component.position,
    description: component.description,
    showcase: component.showUptime,
    // The day the component's uptime starts counting, in the page's zone; none without a bar.
    start_date: component.showUptime ? isoInZone(component.createdAt, zone).slice(0, 10) : null,
    group_id: component.groupId,
    page_id: snapshot.page.id,
    group: false,
    only_show_if_degraded: false,
  };
}

function groupJson(snapshot: StatusPageSnapshot, group: StatusGroupView): Json {
  const zone = snapshot.page.timeZone;
  const members = snapshot.components.filter((c) => group.componentIds.includes(c.id));
  return {
    id: group.id,
    name: group.name,
    status: worstComponentStatus(members.map((c) => c.status)),
    created_at: isoInZone(group.createdAt, zone),
    updated_at: isoInZone(group.updatedAt, zone),
    position: group.position,
    description: group.description,
    showcase: false,
    start_date: null,
    group_id: null,
    page_id: snapshot.page.id,
    group: true,
    only_show_if_degraded: false,
    components: group.componentIds,
  };
}

/**
 * Every component and group in page order: top-level entries (groups and ungrouped components)
 * by position, each group followed by its components, as Statuspage lists them.
 */
export function componentsJson(snapshot: StatusPageSnapshot): Json[] {
  const byId = new Map(snapshot.components.map((c) => [c.id, c]));
  const top = [
    ...snapshot.groups.map((group) => ({ position: group.position, group })),
    ...snapshot.components
      .filter((c) => c.groupId === null || !snapshot.groups.some((g) => g.id === c.groupId))
      .map((component) => ({ position: component.position, component })),
  ].sort((a, b) => a.position - b.position);
  return top.flatMap((entry) => {
    if ('component' in entry) return [componentJson(snapshot, entry.component)];
    const members = entry.group.componentIds.flatMap((id) => {
      const component = byId.get(id);
      return component ? [componentJson(snapshot, component)] : [];
    });
    return [groupJson(snapshot, entry.group), ...members];
  });
}

function updateJson(zone: string, parentId: string, update: PublicUpdateView): Json {
  return {
    id: update.id,
    status: update.status,
    body: update.body,
    incident_id: parentId,
    created_at: isoInZone(update.createdAt, zone),
    updated_at: isoInZone(update.updatedAt, zone),
    display_at: isoInZone(update.displayAt, zone),
    affected_components:
      update.affectedComponents.length === 0
        ? null
        : update.affectedComponents.map((a) => ({
            code: a.id,
            name: a.name,
            old_status: a.oldStatus ?? a.newStatus,
            new_status: a.newStatus,
          })),
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  };
}

function affected(snapshot: StatusPageSnapshot, ids: readonly string[]): Json[] {
  return snapshot.components.filter((c) => ids.includes(c.id)).map((c) => componentJson(snapshot, c));
}

/** One incident as Statuspage writes it. */
export function incidentJson(snapshot: StatusPageSnapshot, incident: PublicIncidentView): Json {
  const zone = snapshot.page.timeZone;
  return {
    id: incident.id,
    name: incident.name,
    status: incident.status,
    created_at: isoInZone(incident.createdAt, zone),
    updated_at: isoInZone(incident.updatedAt, zone),
    monitoring_at: isoOrNull(incident.monitoringAt, zone),
    resolved_at: isoOrNull(incident.resolvedAt, zone),
    impact: incident.impact,
    shortlink: incident.shortlink,
    started_at: isoInZone(incident.startedAt, zone),
    page_id: snapshot.page.id,
    incident_updates: incident.updates.map((u) => updateJson(zone, incident.id, u)),
    components: affected(snapshot, incident.componentIds),
  };
}

/** One scheduled maintenance: an incident with `scheduled_for` and `scheduled_until`. */
export function maintenanceJson(snapshot: StatusPageSnapshot, maintenance: ScheduledMaintenanceView): Json {
  const zone = snapshot.page.timeZone;
  // Statuspage sets monitoring_at when a maintenance moves to verifying.
  const verifying = maintenance.updates.filter((u) => u.status === 'verifying').at(-1);
  return {
    id: maintenance.id,
    name: maintenance.name,
    status: maintenance.status,
    created_at: isoInZone(maintenance.createdAt, zone),
    updated_at: isoInZone(maintenance.updatedAt, zone),
    monitoring_at: isoOrNull(verifying?.createdAt ?? null, zone),
    resolved_at: isoOrNull(maintenance.resolvedAt, zone),
    impact: maintenance.impact,
    shortlink: maintenance.shortlink,
    started_at: isoInZone(maintenance.startedAt ?? maintenance.scheduledFor, zone),
    page_id: snapshot.page.id,
    incident_updates: maintenance.updates.map((u) => updateJson(zone, maintenance.id, u)),
    components: affected(snapshot, maintenance.componentIds),
    scheduled_for: isoInZone(maintenance.scheduledFor, zone),
    scheduled_until: isoInZone(maintenance.scheduledUntil, zone),
  };
}

const isUnresolved = (incident: PublicIncidentView): boolean => incident.status !== 'resolved';
const isUpcoming = (m: ScheduledMaintenanceView): boolean => m.status === 'scheduled';
const isActive = (m: ScheduledMaintenanceView): boolean =>
  m.status === 'in_progress' || m.status === 'verifying';

/** The body of one endpoint, as a JSON value. */
export function statuspageJson(snapshot: StatusPageSnapshot, endpoint: StatuspageEndpoint): Json {
  const page = pageJson(snapshot);
  const incidents = (list: PublicIncidentView[]): Json[] => list.map((i) => incidentJson(snapshot, i));
  const maintenances = (list: ScheduledMaintenanceView[]): Json[] =>
    list.map((m) => maintenanceJson(snapshot, m));
  const status: PageStatus = pageStatus(snapshot);
  switch (endpoint) {
    case 'summary.json':
      return {
        page,
        components: componentsJson(snapshot),
        incidents: incidents(snapshot.incidents.filter(isUnresolved)),
        scheduled_maintenances: maintenances(
          snapshot.maintenances.filter((m) => isUpcoming(m) || isActive(m)),
        ),
        status,
      };
    case 'status.json':
      return { page, status };
    case 'components.json':
      return { page, components: componentsJson(snapshot) };
    case 'incidents.json':
      return { page, incidents: incidents(snapshot.incidents.slice(0, INCIDENTS_LIMIT)) };
    case 'incidents/unresolved.json':
      return { page, incidents: incidents(snapshot.incidents.filter(isUnresolved)) };
    case 'scheduled-maintenances.json':
      return { page, scheduled_maintenances: maintenances(snapshot.maintenances.slice(0, INCIDENTS_LIMIT)) };
    case 'scheduled-maintenances/upcoming.json':
      return { page, scheduled_maintenances: maintenances(snapshot.maintenances.filter(isUpcoming)) };
    case 'scheduled-maintenances/active.json':
      return { page, scheduled_maintenances: maintenances(snapshot.maintenances.filter(isActive)) };
  }
}
