import {
  type IncidentStatus,
  canTransition,
  isAcknowledgedStatus,
  isReopen,
} from '../../core/incident-status.js';
import { InvalidTransitionError } from '../../core/errors.js';
import type { ResolutionFields } from '../../core/schemas/resolution.js';
import type { Incident } from '../../core/schemas/incident.js';
import type { Actor, TimelineKind } from '../../core/schemas/timeline.js';
import { updateIncidentAtVersion } from '../store/queries/incidents.js';
import { tellReporters } from './reports/tell-reporters.js';
import { appendTimeline } from './timeline.js';
import type { IncidentRecord } from '../store/queries/incidents.js';
import type { Executor } from '../store/store.js';
import { type AppContext, type Caller, actorOf, iso } from './context.js';
import { assertVersion, loadIncident } from './incident-guards.js';
import { viewIncident } from './incident-view.js';
import { getSettings } from './settings.js';
import { endEscalation, startEscalation } from './oncall/escalation.js';
import { lockAlertsOfEndingIncident, resolveAlertsWithIncident } from './alerts/resolve-incident-alerts.js';
import { acknowledgerAsCommander } from './acknowledger-commander.js';
import { giveRoleTasks } from './response/roles.js';
import { assertNoGaps, closeRequirementGaps, resolveRequirementGaps } from './closure-requirements.js';
import { writeResolution } from './resolution/resolution-record.js';
import { withOpenFollowUps } from './follow-ups/open-follow-ups.js';

/** A requested lifecycle move and what it carries. */
export interface StatusChange {
  status: IncidentStatus;
  message?: string | undefined;
  resolutionSummary?: string | undefined;
  rootCause?: string | undefined;
  version?: number | undefined;
  /** Only these starting statuses are accepted (for actions such as acknowledge). */
  from?: readonly IncidentStatus[];
  /** Resolution record fields written with a resolve or close (before its requirements are checked). */
  record?: ResolutionFields | undefined;
}

/**
 * Move an incident through its lifecycle, enforcing the allowed transitions, the reopen
 * window and what resolving and closing require; milestones and the timeline follow.
 */
export async function changeIncidentStatus(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  change: StatusChange,
): Promise<Incident> {
  const now = ctx.clock.now();
  const incident = await ctx.store.transaction(async (tx) => {
    let row = await loadIncident(tx, ref);
    assertVersion(row, change.version);
    const from = row.status as IncidentStatus;
    if (isReopen(from, change.status)) {
      const { reopenWindowHours } = await getSettings(tx);
      const resolvedAt = row.resolved_at ?? row.closed_at ?? now;
      if (now - resolvedAt > reopenWindowHours * 3_600_000) {
        throw new InvalidTransitionError(
          `INC-${row.number} was resolved more than ${reopenWindowHours} hours ago and can no longer be reopened; declare a new incident`,
        );
      }
    }
    if (change.status === 'resolved' || change.status === 'closed') {
      assertAllowed(from, change);
      if (change.record) row = await writeResolution(tx, row, change.record, actorOf(caller), now);
      await assertStepRequirements(tx, row, change);
    }
    const message =
      change.status === 'closed' ? await withOpenFollowUps(tx, row.id, change.message) : change.message;
    const updated = await transitionIncident(tx, row, { ...change, message }, actorOf(caller), now);
    return viewIncident(tx, updated);
  });
  ctx.onIncidentsChanged();
  return incident;
}

/**
 * Apply a lifecycle move to `row` inside `tx`: checks the move, sets milestones, bumps the
 * version and appends the timeline entry. Callers check windows and permissions first.
 */
export async function transitionIncident(
  tx: Executor,
  row: IncidentRecord,
  change: StatusChange,
  actor: Actor,
  now: number,
): Promise<IncidentRecord> {
  const from = row.status as IncidentStatus;
  assertAllowed(from, change);
  await lockAlertsOfEndingIncident(tx, row, change.status);
  const set = milestoneChanges(row, change, now);
  const kind = timelineKind(from, change.status);
  // Acknowledging an incident nobody leads makes the acknowledger its commander, in the same
  // update and the same timeline line.
  const commander = kind === 'acknowledged' ? await acknowledgerAsCommander(tx, row, actor) : undefined;
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [column, value] of Object.entries(set)) {
    const before = row[column as keyof IncidentRecord];
    if (before === value) continue;
    const isTime = column.endsWith('_at');
    changes[camel(column)] = {
      before: isTime ? iso(before as number | null) : before,
      after: isTime ? iso(value as number | null) : value,
    };
  }
  if (commander) {
    set.commander_id = commander.id;
    changes.commander = { before: null, after: commander.name };
  }
  const updated = await updateIncidentAtVersion(tx, row.id, row.version, { ...set, updated_at: now });
  await appendTimeline(tx, {
    incidentId: row.id,
    at: now,
    actor,
    kind,
    changes,
    body: change.message ?? null,
  });
  if (commander) await giveRoleTasks(tx, updated, 'commander', commander.id, actor, now);
  // Escalation follows the status in the same transaction: paging stops the moment someone acks.
  if (from === 'triggered') await endEscalation(tx, row.id, change.status, now);
  if (change.status === 'triggered') await startEscalation(tx, updated, now);
  await resolveAlertsWithIncident(tx, updated, change.status, actor, now);
  if (change.status === 'resolved') await tellReporters(tx, updated.id, { kind: 'resolved' }, now);
  return updated;
}

/**
 * Throw one problem naming every resolution field the settings require for the move and
 * `row` lacks, counting the summary and root cause the move itself carries.
 */
async function assertStepRequirements(
  tx: Executor,
  row: IncidentRecord,
  change: StatusChange,
): Promise<void> {
  const prospective: IncidentRecord = {
    ...row,
    resolution_summary: change.resolutionSummary?.trim() || row.resolution_summary,
    root_cause: change.rootCause?.trim() || row.root_cause,
  };
  const gaps =
    change.status === 'resolved'
      ? await resolveRequirementGaps(tx, prospective)
      : await closeRequirementGaps(tx, prospective);
  assertNoGaps(gaps);
}

function assertAllowed(from: IncidentStatus, change: StatusChange): void {
  const to = change.status;
  if (change.from && !change.from.includes(from)) {
    throw new InvalidTransitionError(`cannot do this while the incident is ${from}`);
  }
  if (to === 'merged') throw new InvalidTransitionError('use the merge action to merge incidents');
  if (from === to) throw new InvalidTransitionError(`the incident is already ${to}`);
  if (!canTransition(from, to)) throw new InvalidTransitionError(`cannot move from ${from} to ${to}`);
}

function milestoneChanges(row: IncidentRecord, change: StatusChange, now: number): Partial<IncidentRecord> {
  const to = change.status;
  const set: Partial<IncidentRecord> = { status: to };
  if (to === 'resolved') {
    // What resolving requires is checked by the caller (closure-requirements.ts).
    const summary = change.resolutionSummary?.trim() || row.resolution_summary;
    if (summary !== row.resolution_summary) set.resolution_summary = summary;
    set.resolved_at = now;
    if (row.mitigated_at === null) set.mitigated_at = now;
  }
  if (to === 'closed') {
    const rootCause = change.rootCause?.trim() || row.root_cause;
    set.closed_at = now;
    if (rootCause !== row.root_cause) set.root_cause = rootCause;
  } else if (change.rootCause?.trim() && change.rootCause.trim() !== row.root_cause) {
    set.root_cause = change.rootCause.trim();
  }
  if (row.acknowledged_at === null && (isAcknowledgedStatus(to) || to === 'resolved'))
    set.acknowledged_at = now;
  if (to === 'monitoring' && row.mitigated_at === null) set.mitigated_at = now;
  if (isReopen(row.status as IncidentStatus, to)) {
    set.resolved_at = null;
    set.closed_at = null;
  }
  return set;
}

function timelineKind(from: IncidentStatus, to: IncidentStatus): TimelineKind {
  if (isReopen(from, to)) return 'reopened';
  if ((from === 'triggered' || from === 'triage') && isAcknowledgedStatus(to)) return 'acknowledged';
  if (to === 'resolved' || to === 'closed' || to === 'declined') return to;
  return 'status_changed';
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
