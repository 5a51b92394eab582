import { type AlertSeverity, incidentSeverityOf, worseSeverity } from '../../../core/alerts/alert-event.js';
import { type AlertRules, alertCaption } from '../../../core/alerts/grouping.js';
import { type IncidentStatus, isOpenStatus } from '../../../core/incident-status.js';
import { type TriageDecision, alertIncidentDefaults, evaluateTriage } from '../../../core/triage/evaluate.js';
import type { Actor } from '../../../core/schemas/timeline.js';
import {
  attachAlerts,
  countAlertsOf,
  countOpenAlertsOf,
  latestGroupIncident,
  pendingGroupAlerts,
} from '../../store/queries/alerts.js';
import { findIncidentById, updateIncidentAtVersion } from '../../store/queries/incidents.js';
import { appendTimeline } from '../timeline.js';
import type { AlertRecord } from '../../store/queries/alerts.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Executor } from '../../store/store.js';
import { transitionIncident } from '../change-incident-status.js';
import { insertIncidentRecord } from '../incident-records.js';
import { attachMatchingPlans } from '../response/attach-plans.js';
import { completeTriagedIncident } from '../triage/apply-triage.js';
import { TriageLookup } from '../triage/triage-lookup.js';
import type { BatchLookups } from './batch-lookups.js';

/** Beacon itself, as the actor of what alerts do to incidents. */
export const ALERTING_ACTOR: Actor = { type: 'system', id: null, name: 'Beacon alerting' };

/** What happened to the incident side when an alert was grouped. */
export type Grouping =
  | { kind: 'attached'; incident: IncidentRecord }
  | { kind: 'opened'; incident: IncidentRecord }
  | { kind: 'reopened'; incident: IncidentRecord }
  | { kind: 'pending' };

/** True when an alert of the group joins `incident`: it is open and inside the group window. */
function isJoinable(incident: IncidentRecord, rules: AlertRules, now: number): boolean {
  return (
    isOpenStatus(incident.status as IncidentStatus) &&
    now - incident.created_at <= rules.groupWindowMinutes * 60_000
  );
}

/** The open incident a new alert of the group joins, if there is one. */
export async function joinableIncident(
  lookups: BatchLookups,
  serviceId: number,
  groupKey: string,
  rules: AlertRules,
  now: number,
): Promise<IncidentRecord | undefined> {
  const latest = await lookups.latestGroupIncident(serviceId, groupKey);
  return latest && isJoinable(latest, rules, now) ? latest : undefined;
}

/**
 * Note on the timeline that an alert, already written with `incident`'s id, joined it, and
 * raise the incident's severity if needed. Returns the incident as it is now.
 */
export async function joinIncident(
  tx: Executor,
  incident: IncidentRecord,
  alert: AttachedAlert,
  now: number,
  lookups: BatchLookups,
): Promise<IncidentRecord> {
  return attach(tx, incident, [alert], now, 'joined', { lookups, isAttached: true });
}

/**
 * Put a firing alert into its group's incident: the open one (inside the group window), a
 * resolved one reopened (inside the reopen window), or a new one once the threshold is met.
 * `triaged` is what the triage rules decided for this alert, when already evaluated.
 */
export async function groupAlert(
  tx: Executor,
  alert: AlertRecord,
  rules: AlertRules,
  now: number,
  lookups?: BatchLookups,
  triaged?: TriageDecision,
): Promise<Grouping> {
  const latest = lookups
    ? await lookups.latestGroupIncident(alert.service_id, alert.group_key)
    : await latestGroupIncident(tx, alert.service_id, alert.group_key);
  if (latest && isJoinable(latest, rules, now)) {
    return { kind: 'attached', incident: await attach(tx, latest, [alert], now, 'joined', { lookups }) };
  }
  // From here on incidents change: rows waiting in the batch go first.
  await lookups?.beforeOtherWrite();
  if (
    latest?.status === 'resolved' &&
    latest.resolved_at !== null &&
    now - latest.resolved_at <= rules.reopenWindowMinutes * 60_000
  ) {
    const reopened = await transitionIncident(
      tx,
      latest,
      { status: 'triggered', message: `Reopened by alert ${alertCaption(alert)}` },
      ALERTING_ACTOR,
      now,
    );
    return { kind: 'reopened', incident: await attach(tx, reopened, [alert], now, 'joined') };
  }
  let members: AttachedAlert[] = [alert];
  if (rules.thresholdCount > 1) {
    members = await pendingGroupAlerts(
      tx,
      alert.service_id,
      alert.group_key,
      now - rules.thresholdMinutes * 60_000,
    );
    if (members.length < rules.thresholdCount) return { kind: 'pending' };
  }
  const severity = members.map((m) => m.severity as AlertSeverity).reduce(worseSeverity);
  // The triage rules decide the new incident's fields from the alert that opens it (evaluated
  // once: the decision on this alert alone holds when it opens the incident alone).
  const decision =
    triaged && members.length === 1 && members[0]?.id === alert.id
      ? triaged
      : await evaluateFor(lookups?.triage ?? new TriageLookup(tx), alert, severity);
  const outcome = decision.outcome;
  const incident = await insertIncidentRecord(
    tx,
    {
      title: alert.summary.slice(0, 200),
      summary: '',
      status: 'triggered',
      severity: outcome.severity,
      impact: outcome.impact,
      urgency: outcome.urgency,
      category: outcome.category,
      commanderId: null,
      tags: outcome.tags,
      serviceIds: [alert.service_id],
      startedAt: Math.min(alert.starts_at, now),
      detectedAt: now,
      createdBy: null,
      alertServiceId: alert.service_id,
      alertGroupKey: alert.group_key,
    },
    ALERTING_ACTOR,
    now,
  );
  // An incident opened by alerts is triggered: it starts paging in the same transaction, with
  // the escalation policy a triage rule chose, else its service's.
  await completeTriagedIncident(tx, incident, decision, now, true);
  await attachMatchingPlans(tx, incident, ALERTING_ACTOR, now);
  return { kind: 'opened', incident: await attach(tx, incident, members, now, 'opened') };
}

/** What attaching reads of an alert. */
type AttachedAlert = Pick<AlertRecord, 'id' | 'severity' | 'summary' | 'labels'>;

/** The triage rules' decision for a new incident opened by `alert` at `severity`. */
async function evaluateFor(
  triage: TriageLookup,
  alert: AlertRecord,
  severity: AlertSeverity,
): Promise<TriageDecision> {
  return evaluateTriage(
    await triage.ruleSets(),
    await triage.subjectOf(alert),
    alertIncidentDefaults(severity),
  );
}

/**
 * Attach alerts to an incident, note each on the timeline by name (so an alert joining an
 * incident opened by another is told apart) and raise its severity if needed. With
 * `isAttached`, the alerts were written with the incident's id already. With `lookups`, a
 * join that changes nothing else leaves its timeline line to the batch's pending writes.
 */
async function attach(
  tx: Executor,
  incident: IncidentRecord,
  alerts: readonly AttachedAlert[],
  now: number,
  how: 'opened' | 'joined',
  options: { lookups?: BatchLookups | undefined; isAttached?: boolean } = {},
): Promise<IncidentRecord> {
  const { lookups } = options;
  if (!options.isAttached)
    await attachAlerts(
      tx,
      alerts.map((a) => a.id),
      incident.id,
      now,
    );
  const lines = alerts.map((alert) => ({
    incidentId: incident.id,
    at: now,
    actor: ALERTING_ACTOR,
    kind: 'alert_attached' as const,
    changes: null,
    body: `${how === 'opened' ? 'Opened by alert' : 'Alert joined:'} [${alert.severity}] ${alertCaption(alert)}`,
  }));
  const worst = incidentSeverityOf(alerts.map((a) => a.severity as AlertSeverity).reduce(worseSeverity));
  if (worst >= incident.severity && lookups) {
    // Nothing about the incident changed: the batch may keep using what it read of it.
    for (const line of lines) lookups.writes.addTimeline(line);
    return incident;
  }
  await lookups?.beforeOtherWrite();
  for (const line of lines) await appendTimeline(tx, line);
  if (worst >= incident.severity) return incident;
  const updated = await updateIncidentAtVersion(tx, incident.id, incident.version, {
    severity: worst,
    updated_at: now,
  });
  await appendTimeline(tx, {
    incidentId: incident.id,
    at: now,
    actor: ALERTING_ACTOR,
    kind: 'updated',
    changes: { severity: { before: incident.severity, after: worst } },
    body: 'Raised by a more severe alert',
  });
  await attachMatchingPlans(tx, updated, ALERTING_ACTOR, now);
  return updated;
}

/**
 * After an alert resolved: when none of its incident's alerts is open any more, move the
 * incident to `resolved` (or `monitoring`), saying why on the timeline.
 */
export async function autoResolveIncident(
  tx: Executor,
  incidentId: number,
  rules: AlertRules,
  now: number,
): Promise<boolean> {
  if (rules.autoResolve === 'off') return false;
  const incident = await findIncidentById(tx, incidentId);
  if (!incident || !isOpenStatus(incident.status as IncidentStatus) || incident.status === rules.autoResolve)
    return false;
  if ((await countOpenAlertsOf(tx, incidentId)) > 0) return false;
  const total = await countAlertsOf(tx, incidentId);
  const why = total === 1 ? 'Its alert resolved' : `All ${total} alerts resolved`;
  await transitionIncident(
    tx,
    incident,
    {
      status: rules.autoResolve,
      message: why,
      ...(rules.autoResolve === 'resolved'
        ? { resolutionSummary: incident.resolution_summary ?? `${why}; resolved automatically.` }
        : {}),
    },
    ALERTING_ACTOR,
    now,
  );
  return true;
}

/** An alert acknowledged at its source acknowledges its triggered incident. */
export async function acknowledgeIncidentOf(
  tx: Executor,
  incidentId: number,
  now: number,
  source: string,
): Promise<void> {
  const incident = await findIncidentById(tx, incidentId);
  if (!incident || (incident.status !== 'triggered' && incident.status !== 'triage')) return;
  await transitionIncident(
    tx,
    incident,
    { status: 'investigating', message: `Acknowledged from ${source}` },
    ALERTING_ACTOR,
    now,
  );
}
