/**
 * The public status page as data: everything `/status`, its Statuspage-compatible JSON and its
 * feeds show, and nothing else. Built from the database by the status-page loader, held in
 * memory between changes, rendered by pure functions. No internal field (internal text,
 * responders, alerts, severities) ever enters it: what is not here cannot leak.
 */

/** A component's state, in Statuspage's words. */
export const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** Where an incident stands for customers. */
export const PUBLIC_INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type PublicIncidentStatus = (typeof PUBLIC_INCIDENT_STATUSES)[number];

/** Where a scheduled maintenance stands. */
export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

/** How bad an incident is for customers; also the page's overall indicator. */
export const PUBLIC_IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type PublicImpact = (typeof PUBLIC_IMPACTS)[number];

/** The page itself: its name, where it lives and how it looks. */
export interface StatusPageInfo {
  /** Stable id of the page (Statuspage's `page.id`). */
  id: string;
  name: string;
  /** Absolute URL of the page, e.g. `https://beacon.example.com/status`. */
  url: string;
  /** IANA time zone the page shows times in. */
  timeZone: string;
  /** Absolute URL of the logo, or null. */
  logoUrl: string | null;
  /** `#rrggbb`, the accent colour. */
  brandColor: string;
  /** When anything on the page last changed (ms). */
  updatedAt: number;
}

/** A group of components, shown as one block. */
export interface StatusGroupView {
  id: string;
  name: string;
  description: string | null;
  position: number;
  /** Its components' ids, in order. */
  componentIds: string[];
  createdAt: number;
  updatedAt: number;
}

/** One day of a component's uptime bar, in the page's time zone. */
export interface UptimeDay {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Share of the day without an outage, 0..1; null when nothing was measured that day. */
  uptime: number | null;
  /** Milliseconds of partial and of major outage that day. */
  partialOutageMs: number;
  majorOutageMs: number;
}

export interface StatusComponentView {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  position: number;
  groupId: string | null;
  /** Whether the page shows its uptime bar. */
  showUptime: boolean;
  /** The last 90 days, oldest first (empty when `showUptime` is false). */
  uptime: UptimeDay[];
  createdAt: number;
  updatedAt: number;
}

/** A component as an update (or a maintenance) affected it. */
export interface AffectedComponent {
  id: string;
  name: string;
  oldStatus: ComponentStatus | null;
  newStatus: ComponentStatus;
}

/** One published update of an incident or maintenance, customer-facing text only. */
export interface PublicUpdateView {
  id: string;
  status: PublicIncidentStatus | MaintenanceStatus;
  body: string;
  createdAt: number;
  /** Later than `createdAt` when the update was corrected after publishing. */
  updatedAt: number;
  displayAt: number;
  affectedComponents: AffectedComponent[];
}

export interface PublicIncidentView {
  id: string;
  name: string;
  status: PublicIncidentStatus;
  impact: PublicImpact;
  createdAt: number;
  updatedAt: number;
  startedAt: number;
  monitoringAt: number | null;
  resolvedAt: number | null;
  /** Absolute URL of the incident's page on the status page. */
  shortlink: string;
  /** Newest first. */
  updates: PublicUpdateView[];
  /** Components it affects. */
  componentIds: string[];
}

export interface ScheduledMaintenanceView {
  id: string;
  name: string;
  status: MaintenanceStatus;
  impact: PublicImpact;
  scheduledFor: number;
  scheduledUntil: number;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  resolvedAt: number | null;
  shortlink: string;
  /** Newest first. */
  updates: PublicUpdateView[];
  componentIds: string[];
}

/** Everything the public page shows at one moment. */
export interface StatusPageSnapshot {
  page: StatusPageInfo;
  /** Whether only signed-in users may read the page. */
  isPrivate: boolean;
  groups: StatusGroupView[];
  /** Every component, grouped or not, in page order. */
  components: StatusComponentView[];
  /** Published incidents: every unresolved one and the resolved ones of the last 90 days, newest first. */
  incidents: PublicIncidentView[];
  /** Maintenances not completed, and those completed in the last 90 days, soonest first. */
  maintenances: ScheduledMaintenanceView[];
  /** When the snapshot was built (ms). */
  generatedAt: number;
}
