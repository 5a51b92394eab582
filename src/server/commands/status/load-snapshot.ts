import type {
  StatusComponentView,
  StatusGroupView,
  StatusPageSnapshot,
  UptimeDay,
} from '../../../core/status/snapshot.js';
import { type Outage, checkOutages, incidentOutages, uptimeDays } from '../../../core/status/uptime.js';
import { checkResultSpans, checkVerdictChanges } from '../../store/queries/status-page-sources.js';
import { findStatusSettings, findStatusVersion, listStatusGroups } from '../../store/queries/status-page.js';
import type { Executor } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { statusPageUrl } from './page-settings.js';
import { maintenanceView, publicIncidentView, updatesForUptime } from './snapshot-views.js';
import {
  HISTORY_MS,
  type ShownUpdate,
  type ShownUpdateComponent,
  type StatusSources,
  componentStatuses,
  loadStatusSources,
} from './status-sources.js';

/** Where the page is served: Beacon's base URL (`BEACON_BASE_URL`), which the context does not carry. */
export interface SnapshotOptions {
  baseUrl: string;
}

/**
 * The status page's version: bumped in the transaction of every command that changes what the
 * page shows, so a snapshot built at version N is current while this still reads N. One row.
 * Time alone (a maintenance window starting) and check results do not move it.
 */
export function statusPageVersion(ctx: AppContext): Promise<number> {
  return findStatusVersion(ctx.store.db);
}

/**
 * Everything the public page shows, at the context clock's time, in a fixed number of queries
 * (none per component or incident). Public fields only: public titles and messages, component
 * names, maintenance reasons; never an incident's internal title, summary, notes or updates.
 */
export async function loadStatusSnapshot(
  ctx: AppContext,
  options: SnapshotOptions,
): Promise<StatusPageSnapshot> {
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const [settings, groups, sources] = await Promise.all([
    findStatusSettings(db),
    listStatusGroups(db),
    loadStatusSources(db, now),
  ]);
  const pageUrl = statusPageUrl(options.baseUrl);
  const statuses = componentStatuses(sources);
  const { updatesOf, namedOf } = indexUpdates(sources);
  const incidents = sources.publications.map((p) =>
    publicIncidentView(p, updatesOf.get(p.incident_id) ?? [], namedOf, pageUrl),
  );
  const uptime = await componentUptime(db, sources, settings.time_zone, updatesOf, namedOf);
  const components: StatusComponentView[] = sources.components.map((c) => ({
    id: String(c.id),
    name: c.name,
    description: c.description,
    status: statuses.get(c.id) ?? 'operational',
    position: c.position,
    groupId: c.group_id === null ? null : String(c.group_id),
    showUptime: c.show_uptime,
    uptime: c.show_uptime ? (uptime.get(c.id) ?? []) : [],
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  }));
  const groupViews: StatusGroupView[] = groups.map((g) => ({
    id: String(g.id),
    name: g.name,
    description: g.description,
    position: g.position,
    componentIds: components.filter((c) => c.groupId === String(g.id)).map((c) => c.id),
    createdAt: g.created_at,
    updatedAt: g.updated_at,
  }));
  const maintenances = sources.maintenance.map((window) =>
    maintenanceView(
      window,
      sources.components.filter((c) => sources.servicesOf.get(c.id)?.includes(window.service_id)),
      now,
      pageUrl,
    ),
  );
  const updatedAt = Math.max(
    settings.updated_at,
    ...groups.map((g) => g.updated_at),
    ...components.map((c) => c.updatedAt),
    ...incidents.map((i) => i.updatedAt),
  );
  return {
    page: {
      id: String(settings.id),
      name: settings.name,
      url: pageUrl,
      timeZone: settings.time_zone,
      logoUrl: settings.logo_url,
      brandColor: settings.brand_color,
      updatedAt,
    },
    isPrivate: settings.is_private,
    groups: groupViews,
    components: orderComponents(components, groupViews),
    incidents,
    maintenances,
    generatedAt: now,
  };
}

/** Components in page order: groups by position, each group's components, then ungrouped ones. */
function orderComponents(
  components: StatusComponentView[],
  groups: StatusGroupView[],
): StatusComponentView[] {
  const grouped = groups.flatMap((g) => components.filter((c) => c.groupId === g.id));
  return [...grouped, ...components.filter((c) => !grouped.includes(c))];
}

function indexUpdates(sources: StatusSources) {
  const updatesOf = new Map<number, ShownUpdate[]>();
  for (const update of sources.updates) {
    const list = updatesOf.get(update.incident_id) ?? [];
    list.push(update);
    updatesOf.set(update.incident_id, list);
  }
  return {
    updatesOf,
    namedOf: sources.updateComponents as ReadonlyMap<number, readonly ShownUpdateComponent[]>,
  };
}

/** Each component's 90-day bars, from its services' check history and the published incidents. */
async function componentUptime(
  db: Executor,
  sources: StatusSources,
  timeZone: string,
  updatesOf: ReadonlyMap<number, readonly ShownUpdate[]>,
  namedOf: ReadonlyMap<number, readonly ShownUpdateComponent[]>,
): Promise<Map<number, UptimeDay[]>> {
  const now = sources.now;
  const since = now - HISTORY_MS;
  const shown = sources.components.filter((c) => c.show_uptime);
  const checkIds = sources.checks.map((c) => c.id);
  const [changes, spans] = await Promise.all([
    checkVerdictChanges(db, checkIds, since),
    checkResultSpans(db, checkIds, since),
  ]);
  const serviceOutages = new Map<number, Outage[]>();
  const firstResultOf = new Map<number, number>();
  for (const serviceId of new Set(sources.checks.map((c) => c.service_id))) {
    const checks = sources.checks.filter((c) => c.service_id === serviceId && spans.has(c.id));
    const transitions = checks.map((check) => ({
      changes: changes.filter((r) => r.check_id === check.id).map((r) => ({ at: r.at, isUp: r.is_up })),
      isActive: check.paused_at === null,
      lastAt: spans.get(check.id)?.last ?? now,
    }));
    serviceOutages.set(serviceId, checkOutages(transitions, now));
    const firsts = checks.map((c) => spans.get(c.id)?.first ?? now);
    if (firsts.length > 0) firstResultOf.set(serviceId, Math.min(...firsts));
  }
  const timelines = sources.publications.map((p) =>
    updatesForUptime(updatesOf.get(p.incident_id) ?? [], namedOf),
  );
  const result = new Map<number, UptimeDay[]>();
  for (const component of shown) {
    const serviceIds = sources.servicesOf.get(component.id) ?? [];
    const outages = [
      ...serviceIds.flatMap((id) => serviceOutages.get(id) ?? []),
      ...timelines.flatMap((updates) => incidentOutages(updates, component.id, now)),
    ];
    const starts = [component.created_at, ...serviceIds.flatMap((id) => firstResultOf.get(id) ?? [])];
    result.set(component.id, uptimeDays({ now, timeZone, measuredFrom: Math.min(...starts), outages }));
  }
  return result;
}
