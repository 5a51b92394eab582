import type { AlertEvent, AlertSeverity } from '../../../core/alerts/alert-event.js';
import { type TriageDecision, alertIncidentDefaults, evaluateTriage } from '../../../core/triage/evaluate.js';
import { type AlertRules, groupKeyOf, recordStateChange } from '../../../core/alerts/grouping.js';
import {
  appendAlertEvent,
  findOpenAlert,
  insertOpenAlert,
  lastResolvedAlert,
  updateAlert,
} from '../../store/queries/alerts.js';
import type { AlertRecord } from '../../store/queries/alerts.js';
import type { Executor } from '../../store/store.js';
import {
  acknowledgeIncidentOf,
  autoResolveIncident,
  groupAlert,
  joinIncident,
  joinableIncident,
} from './alert-incidents.js';
import { ruleCaption, suppressingRule, type TriageLookup } from '../triage/triage-lookup.js';
import { BatchLookups } from './batch-lookups.js';

export { BatchLookups };

/** Where an event came from. */
export interface EventOrigin {
  serviceId: number;
  integrationId: number | null;
  /** Shown on timelines, e.g. "Alertmanager (prod)". */
  name: string;
  /** Hash of the integration key the events came with; checked again when they are written. */
  keyHash?: string;
  /** The integration's type (alertmanager, pagerduty, …), counted in Beacon's own /metrics. */
  source?: string;
}

/** What the pipeline did with one event. */
export type EventResult =
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'acknowledged'
  | 'resolved'
  | 'dropped'
  | 'suppressed'
  | 'flapping'
  | 'pending';

export interface EventOutcome {
  dedupKey: string;
  result: EventResult;
  alertId: number | null;
  incidentId: number | null;
}

/**
 * The one pipeline every source goes through, inside the caller's transaction:
 * maintenance → dedup (unique index over open alerts) → grouping into an incident →
 * auto-resolve and flap damping. Returns what happened to each event, in order. With
 * `lookups` shared by a batch, some rows are written by the caller's `lookups.writes.flush()`
 * before commit; without, before this returns.
 */
export async function processAlertEvents(
  tx: Executor,
  origin: EventOrigin,
  events: readonly AlertEvent[],
  now: number,
  lookups?: BatchLookups,
): Promise<EventOutcome[]> {
  if (lookups) return processEvents(tx, origin, events, now, lookups);
  const own = new BatchLookups(tx);
  const outcomes = await processEvents(tx, origin, events, now, own);
  await own.writes.flush();
  return outcomes;
}

async function processEvents(
  tx: Executor,
  origin: EventOrigin,
  events: readonly AlertEvent[],
  now: number,
  lookups: BatchLookups,
): Promise<EventOutcome[]> {
  const rules = await lookups.rules.of(origin.serviceId);
  const { openAlerts } = lookups;
  const outcomes: EventOutcome[] = [];
  for (const event of events) {
    const existing = await openAlerts.get(origin.serviceId, event.dedupKey);
    let result: EventOutcome;
    switch (event.action) {
      case 'trigger':
        result = existing
          ? await refire(tx, existing, event, rules, now, lookups)
          : await fire(tx, origin, event, rules, now, lookups);
        break;
      case 'acknowledge':
        await lookups.beforeOtherWrite();
        result = await acknowledge(tx, existing, event, origin, now);
        break;
      case 'resolve':
        await lookups.beforeOtherWrite();
        result = await resolve(tx, existing, event, rules, now);
        break;
    }
    // Anything but a no-op may have changed the alert: look it up again if it comes back.
    if (result.result !== 'unchanged' && result.result !== 'dropped') {
      openAlerts.forget(origin.serviceId, event.dedupKey);
    }
    outcomes.push(result);
  }
  return outcomes;
}

/**
 * What the triage rules decide for a new alert (the same evaluation the dry run shows):
 * whether it is suppressed, and the fields of an incident it opens. Undefined when there
 * are no rules (nothing to evaluate).
 */
async function triageOf(
  triage: TriageLookup,
  alert: Parameters<TriageLookup['subjectOf']>[0],
): Promise<TriageDecision | undefined> {
  const sets = await triage.ruleSets();
  if (sets.length === 0) return undefined;
  return evaluateTriage(
    sets,
    await triage.subjectOf(alert),
    alertIncidentDefaults(alert.severity as AlertSeverity),
  );
}

function outcome(
  event: AlertEvent,
  result: EventResult,
  alert?: Pick<AlertRecord, 'id' | 'incident_id'>,
): EventOutcome {
  return {
    dedupKey: event.dedupKey,
    result,
    alertId: alert?.id ?? null,
    incidentId: alert?.incident_id ?? null,
  };
}

async function fire(
  tx: Executor,
  origin: EventOrigin,
  event: AlertEvent,
  rules: AlertRules,
  now: number,
  lookups: BatchLookups,
): Promise<EventOutcome> {
  const isInMaintenance = await lookups.isInMaintenance(origin.serviceId, now);
  // A triage rule may suppress a new alert: it is recorded, with the rule, and opens nothing.
  const triaged = isInMaintenance
    ? undefined
    : await triageOf(lookups.triage, {
        ...event,
        service_id: origin.serviceId,
        integration_id: origin.integrationId,
      });
  const suppressedBy = triaged?.suppressedBy ?? null;
  const isSuppressed = isInMaintenance || suppressedBy !== null;
  const preloaded = lookups.preloadedResolved(origin.serviceId, event.dedupKey);
  const previous =
    preloaded !== undefined
      ? (preloaded ?? undefined)
      : await lastResolvedAlert(tx, origin.serviceId, event.dedupKey, now - rules.flapWindowMinutes * 60_000);
  const flap = recordStateChange(previous?.state_changes ?? [], now, rules);
  const groupKey = groupKeyOf(rules, event);
  // A new alert joining its group's open incident is written into it (no update after).
  const joining =
    isSuppressed || flap.isFlapping
      ? undefined
      : await joinableIncident(lookups, origin.serviceId, groupKey, rules, now);
  const inserted = await insertOpenAlert(tx, {
    service_id: origin.serviceId,
    integration_id: origin.integrationId,
    dedup_key: event.dedupKey,
    status: 'firing',
    summary: event.summary,
    severity: event.severity,
    source: event.source,
    labels: event.labels,
    details: event.details,
    links: event.links,
    generator_url: event.generatorUrl,
    payload: event.payload,
    starts_at: event.startsAt ?? now,
    ends_at: event.endsAt,
    acknowledged_at: null,
    resolved_at: null,
    incident_id: flap.isFlapping ? (previous?.incident_id ?? null) : (joining?.id ?? null),
    group_key: groupKey,
    is_suppressed: isSuppressed,
    suppressed_by_rule: suppressedBy && suppressingRule(suppressedBy),
    is_flapping: flap.isFlapping,
    state_changes: flap.history,
    event_count: 1,
    last_event_at: now,
    created_at: now,
    updated_at: now,
  });
  if (!inserted) {
    // Another writer opened the same alert first: this event is a re-send of it.
    const winner = await findOpenAlert(tx, origin.serviceId, event.dedupKey);
    if (!winner) throw new Error(`alert ${event.dedupKey} vanished while being opened`);
    return refire(tx, winner, event, rules, now, lookups);
  }
  const kind = isSuppressed ? 'suppressed' : flap.isFlapping ? 'flapping' : 'trigger';
  lookups.writes.addAlertEvent({
    alertId: inserted.id,
    at: now,
    kind,
    message: suppressedBy ? `Suppressed by ${ruleCaption(suppressedBy)}: ${event.summary}` : event.summary,
    payload: event.payload,
  });
  if (isSuppressed) return outcome(event, 'suppressed', inserted);
  // A flapping alert stays with its previous incident and pages no more.
  if (flap.isFlapping) return outcome(event, 'flapping', inserted);
  if (joining) {
    const incident = await joinIncident(tx, joining, inserted, now, lookups);
    return outcome(event, 'created', { id: inserted.id, incident_id: incident.id });
  }
  const grouping = await groupAlert(tx, inserted, rules, now, lookups, triaged);
  if (grouping.kind === 'pending') return outcome(event, 'pending', inserted);
  return outcome(event, 'created', { id: inserted.id, incident_id: grouping.incident.id });
}

async function refire(
  tx: Executor,
  alert: AlertRecord,
  event: AlertEvent,
  rules: AlertRules,
  now: number,
  lookups: BatchLookups,
): Promise<EventOutcome> {
  if (isRepeat(alert, event, now)) return outcome(event, 'unchanged', alert);
  const isContentSame = alert.summary === event.summary && alert.severity === event.severity;
  const extendTo = expiryExtension(alert, event, now);
  let updated = alert;
  if (!isContentSame) {
    updated = await updateAlert(tx, alert.id, {
      summary: event.summary,
      severity: event.severity,
      ends_at: event.endsAt,
      labels: event.labels,
      details: event.details,
      payload: event.payload,
      event_count: alert.event_count + 1,
      last_event_at: now,
      updated_at: now,
    });
  } else if (extendTo !== undefined) {
    // Only the expiry moves: a re-send, not a new event.
    updated = await updateAlert(tx, alert.id, { ends_at: extendTo, updated_at: now });
  }
  if (updated.incident_id === null && !updated.is_suppressed && !updated.is_flapping) {
    const grouping = await groupAlert(tx, updated, rules, now, lookups);
    if (grouping.kind === 'pending') return outcome(event, 'pending', updated);
    return outcome(event, 'updated', { id: updated.id, incident_id: grouping.incident.id });
  }
  return outcome(event, isContentSame ? 'unchanged' : 'updated', updated);
}

/** What `isRepeat` reads of an alert. */
export type RepeatCheckedAlert = Pick<
  AlertRecord,
  'summary' | 'severity' | 'ends_at' | 'incident_id' | 'is_suppressed' | 'is_flapping'
>;

/**
 * True when a trigger for an open alert changes nothing: same summary and severity, no
 * expiry worth writing, and the alert already grouped (or suppressed, or flapping). Most
 * inbound traffic is such re-sends.
 */
export function isRepeat(alert: RepeatCheckedAlert, event: AlertEvent, now: number): boolean {
  return (
    event.action === 'trigger' &&
    alert.summary === event.summary &&
    alert.severity === event.severity &&
    expiryExtension(alert, event, now) === undefined &&
    (alert.incident_id !== null || alert.is_suppressed || alert.is_flapping)
  );
}

/**
 * The new expiry to store for a re-sent alert, or undefined when the stored one is good
 * enough. Senders such as Prometheus push `endsAt` forward on every re-send; writing it only
 * once less than half of the new lifetime is left keeps most re-sends free of writes while
 * the alert can never expire before the sender stops re-sending.
 */
function expiryExtension(
  alert: Pick<AlertRecord, 'ends_at'>,
  event: AlertEvent,
  now: number,
): number | null | undefined {
  if (event.endsAt === null) return alert.ends_at === null ? undefined : null;
  if (alert.ends_at === null) return undefined;
  if (event.endsAt <= alert.ends_at) return undefined;
  return alert.ends_at - now >= (event.endsAt - now) / 2 ? undefined : event.endsAt;
}

async function acknowledge(
  tx: Executor,
  alert: AlertRecord | undefined,
  event: AlertEvent,
  origin: EventOrigin,
  now: number,
): Promise<EventOutcome> {
  if (!alert) return outcome(event, 'dropped');
  if (alert.status === 'acknowledged') return outcome(event, 'unchanged', alert);
  await updateAlert(tx, alert.id, {
    status: 'acknowledged',
    acknowledged_at: now,
    last_event_at: now,
    updated_at: now,
  });
  await appendAlertEvent(tx, { alertId: alert.id, at: now, kind: 'acknowledge', payload: event.payload });
  if (alert.incident_id !== null) await acknowledgeIncidentOf(tx, alert.incident_id, now, origin.name);
  return outcome(event, 'acknowledged', alert);
}

/** Resolve an open alert (from an event, its expiry, or its check) and auto-resolve its incident. */
export async function resolve(
  tx: Executor,
  alert: AlertRecord | undefined,
  event: Pick<AlertEvent, 'dedupKey' | 'payload'>,
  rules: AlertRules,
  now: number,
  kind = 'resolve',
): Promise<EventOutcome> {
  if (!alert) return { dedupKey: event.dedupKey, result: 'dropped', alertId: null, incidentId: null };
  const flap = recordStateChange(alert.state_changes, now, rules);
  await updateAlert(tx, alert.id, {
    status: 'resolved',
    resolved_at: now,
    // A resolved alert has ended: no expiry in the future (as Alertmanager sets endsAt).
    ends_at: alert.ends_at !== null && alert.ends_at <= now ? alert.ends_at : now,
    state_changes: flap.history,
    last_event_at: now,
    updated_at: now,
  });
  await appendAlertEvent(tx, { alertId: alert.id, at: now, kind, payload: event.payload });
  if (alert.incident_id !== null && !alert.is_flapping)
    await autoResolveIncident(tx, alert.incident_id, rules, now);
  return { dedupKey: event.dedupKey, result: 'resolved', alertId: alert.id, incidentId: alert.incident_id };
}
