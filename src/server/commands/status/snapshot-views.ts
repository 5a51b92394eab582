import type {
  AffectedComponent,
  ComponentStatus,
  PublicImpact,
  PublicIncidentStatus,
  PublicIncidentView,
  PublicUpdateView,
  ScheduledMaintenanceView,
} from '../../../core/status/snapshot.js';
import type { UpdateForUptime } from '../../../core/status/uptime.js';
import type {
  ServiceMaintenance,
  ShownPublication,
  ShownUpdate,
  ShownUpdateComponent,
} from './status-sources.js';

// The public views of published incidents and maintenance windows, built from store rows
// without I/O. Only public columns are read here: public title, public message, public status.

/** A public update as customers see it. */
export function publicUpdateView(
  update: ShownUpdate,
  named: readonly ShownUpdateComponent[],
): PublicUpdateView {
  const affectedComponents: AffectedComponent[] = named.map((n) => ({
    id: String(n.component_id),
    name: n.name,
    oldStatus: n.old_status as ComponentStatus | null,
    newStatus: n.new_status as ComponentStatus,
  }));
  return {
    id: String(update.id),
    status: update.status as PublicIncidentStatus,
    body: update.message,
    createdAt: update.posted_at,
    updatedAt: update.edited_at ?? update.posted_at,
    displayAt: update.posted_at,
    affectedComponents,
  };
}

/** A published incident as customers see it; `updates` are its own, newest first. */
export function publicIncidentView(
  publication: ShownPublication,
  updates: readonly ShownUpdate[],
  namedOf: ReadonlyMap<number, readonly ShownUpdateComponent[]>,
  pageUrl: string,
): PublicIncidentView {
  const views = updates.map((u) => publicUpdateView(u, namedOf.get(u.id) ?? []));
  const componentIds = [...new Set(views.flatMap((v) => v.affectedComponents.map((a) => a.id)))];
  const monitoring = updates.find((u) => u.status === 'monitoring');
  const id = String(publication.incident_id);
  return {
    id,
    name: publication.public_title,
    status: publication.status as PublicIncidentStatus,
    impact: publication.public_impact as PublicImpact,
    createdAt: publication.published_at,
    updatedAt: Math.max(publication.updated_at, ...views.map((v) => v.updatedAt)),
    startedAt: publication.started_at,
    monitoringAt: monitoring ? monitoring.posted_at : null,
    resolvedAt: publication.status === 'resolved' ? publication.resolved_at : null,
    shortlink: `${pageUrl}/incidents/${id}`,
    updates: views,
    componentIds,
  };
}

/** An incident's updates (oldest first) as the uptime computation reads them. */
export function updatesForUptime(
  updates: readonly ShownUpdate[],
  namedOf: ReadonlyMap<number, readonly ShownUpdateComponent[]>,
): UpdateForUptime[] {
  return [...updates].reverse().map((u) => ({
    at: u.posted_at,
    status: u.status as PublicIncidentStatus,
    components: new Map(
      (namedOf.get(u.id) ?? []).map((n) => [n.component_id, n.new_status as ComponentStatus]),
    ),
  }));
}

/**
 * A maintenance window of a component's service as scheduled maintenance: named by its reason,
 * its status from the clock (scheduled, in progress, completed), with an update for each step
 * reached so far (ids `<window>-<status>`).
 */
export function maintenanceView(
  window: ServiceMaintenance,
  components: readonly { id: number; name: string }[],
  now: number,
  pageUrl: string,
): ScheduledMaintenanceView {
  const id = String(window.id);
  const hasStarted = now >= window.starts_at;
  const isDone = now >= window.ends_at;
  const status = isDone ? 'completed' : hasStarted ? 'in_progress' : 'scheduled';
  const affected = (newStatus: ComponentStatus): AffectedComponent[] =>
    components.map((c) => ({ id: String(c.id), name: c.name, oldStatus: null, newStatus }));
  const step = (
    name: 'scheduled' | 'in_progress' | 'completed',
    at: number,
    body: string,
    s: ComponentStatus,
  ) => ({
    id: `${id}-${name}`,
    status: name,
    body,
    createdAt: at,
    updatedAt: at,
    displayAt: at,
    affectedComponents: affected(s),
  });
  const updates: PublicUpdateView[] = [step('scheduled', window.created_at, window.reason, 'operational')];
  if (hasStarted)
    updates.push(
      step('in_progress', window.starts_at, 'The maintenance is in progress.', 'under_maintenance'),
    );
  if (isDone) updates.push(step('completed', window.ends_at, 'The maintenance is complete.', 'operational'));
  updates.reverse();
  return {
    id,
    name: window.reason,
    status,
    impact: 'none',
    scheduledFor: window.starts_at,
    scheduledUntil: window.ends_at,
    createdAt: window.created_at,
    updatedAt: updates[0]?.createdAt ?? window.created_at,
    startedAt: hasStarted ? window.starts_at : null,
    resolvedAt: isDone ? window.ends_at : null,
    shortlink: `${pageUrl}/maintenances/${id}`,
    updates,
    componentIds: components.map((c) => String(c.id)),
  };
}
