import type { AlertEvent } from '../../../core/alerts/alert-event.js';
import { groupKeyOf } from '../../../core/alerts/grouping.js';
import {
  type AlertRecord,
  type IncidentRecord,
  lastResolvedAlerts,
  latestGroupIncident,
  latestGroupIncidents,
} from '../../store/queries/alerts.js';
import { activeMaintenance } from '../../store/queries/maintenance.js';
import type { Executor } from '../../store/store.js';
import { TriageLookup } from '../triage/triage-lookup.js';
import { AlertRulesCache } from './alert-rules.js';
import { OpenAlerts } from './open-alerts.js';
import { PendingWrites } from './pending-writes.js';

/** What a new alert carries over from the last resolved alert of its key (flap damping). */
export type ResolvedAlert = Pick<AlertRecord, 'id' | 'state_changes' | 'incident_id' | 'is_flapping'>;

/**
 * What one ingest transaction reads once and shares between its events, and the rows it
 * writes together at the end. Reads of incidents and alert histories hold only while the
 * batch itself has done nothing but open new alerts; anything else (an acknowledgement, a
 * resolve, a new or reopened incident) calls `beforeOtherWrite`, which writes the pending
 * rows first (so rows keep their order) and forgets those reads.
 */
export class BatchLookups {
  readonly rules: AlertRulesCache;
  readonly openAlerts: OpenAlerts;
  readonly triage: TriageLookup;
  readonly writes: PendingWrites;
  private readonly maintenance = new Map<number, Promise<boolean>>();
  private readonly groupIncidents = new Map<string, IncidentRecord | null>();
  private readonly resolved = new Map<string, ResolvedAlert | null>();

  constructor(private readonly tx: Executor) {
    this.rules = new AlertRulesCache(tx);
    this.openAlerts = new OpenAlerts(tx);
    this.triage = new TriageLookup(tx);
    this.writes = new PendingWrites(tx);
  }

  /**
   * Read, for a service's events, their open alerts and, for new ones, their last resolved
   * alert and their groups' newest incidents: a few queries for the whole batch.
   */
  async preload(serviceId: number, events: readonly AlertEvent[], now: number): Promise<void> {
    await this.openAlerts.preload(
      serviceId,
      events.map((event) => event.dedupKey),
    );
    const fresh = events.filter(
      (event) => event.action === 'trigger' && this.openAlerts.isKnownClosed(serviceId, event.dedupKey),
    );
    if (fresh.length === 0) return;
    const rules = await this.rules.of(serviceId);
    const keys = [...new Set(fresh.map((event) => event.dedupKey))];
    const since = now - rules.flapWindowMinutes * 60_000;
    const resolved = await lastResolvedAlerts(this.tx, serviceId, keys, since);
    for (const key of keys) this.resolved.set(keyOf(serviceId, key), resolved.get(key) ?? null);
    const groups = [...new Set(fresh.map((event) => groupKeyOf(rules, event)))];
    const incidents = await latestGroupIncidents(this.tx, serviceId, groups);
    for (const group of groups)
      this.groupIncidents.set(keyOf(serviceId, group), incidents.get(group) ?? null);
  }

  /** The last resolved alert of a key, when preloaded; undefined when it must be read. */
  preloadedResolved(serviceId: number, dedupKey: string): ResolvedAlert | null | undefined {
    return this.resolved.get(keyOf(serviceId, dedupKey));
  }

  /** True when a maintenance window of the service covers `now` (read once per batch). */
  isInMaintenance(serviceId: number, now: number): Promise<boolean> {
    let active = this.maintenance.get(serviceId);
    if (!active) {
      active = activeMaintenance(this.tx, serviceId, now).then((window) => window !== undefined);
      this.maintenance.set(serviceId, active);
    }
    return active;
  }

  /** The newest incident of an alert group (read once per batch while nothing else changes it). */
  async latestGroupIncident(serviceId: number, groupKey: string): Promise<IncidentRecord | undefined> {
    const key = keyOf(serviceId, groupKey);
    const known = this.groupIncidents.get(key);
    if (known !== undefined) return known ?? undefined;
    const incident = await latestGroupIncident(this.tx, serviceId, groupKey);
    this.groupIncidents.set(key, incident ?? null);
    return incident;
  }

  /**
   * Before any write other than a new alert joining an open incident: write the pending
   * rows, and read incidents and alert histories again from now on.
   */
  async beforeOtherWrite(): Promise<void> {
    await this.writes.flush();
    this.groupIncidents.clear();
    this.resolved.clear();
  }
}

function keyOf(serviceId: number, key: string): string {
  return `${serviceId}\u0000${key}`;
}
