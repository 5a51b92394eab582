import { randomBytes } from 'node:crypto';
import { InvalidTransitionError, ValidationError } from '../../../core/errors.js';
import type { IncidentStatus } from '../../../core/incident-status.js';
import { isFinishedStatus } from '../../../core/oncall/escalation-reason.js';
import type { EscalationState, ReassignBody } from '../../../core/schemas/oncall.js';
import type { Actor } from '../../../core/schemas/timeline.js';
import {
  claimDueRuns,
  findPolicyById,
  lockActiveRun,
  nextDueAt,
  pagingServiceOf,
  stepsOf,
  updateRun,
} from '../../store/queries/escalation.js';
import { type IncidentRecord, findIncidentById } from '../../store/queries/incidents.js';
import { activeMaintenance } from '../../store/queries/maintenance.js';
import { findScheduleById } from '../../store/queries/schedules.js';
import { appendTimeline } from '../timeline.js';
import { firingAlertCause } from '../alerts/alert-cause.js';
import type { EscalationRunRow } from '../../store/schema.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, type Caller, actorOf } from '../context.js';
import { loadIncident } from '../incident-guards.js';
import { startEscalation } from './escalation.js';
import { getEscalation } from './escalation-state.js';
import { type NotifyOptions, notifyUsers, onCallNow, resolveTargets } from './notify-users.js';

/** Beacon itself, as the actor of escalation steps. */
export const ESCALATION_ACTOR: Actor = { type: 'system', id: null, name: 'Beacon escalation' };

/** Runs one claim takes; a tick keeps claiming while batches come back full. */
const CLAIM_BATCH = 50;
const MAX_BATCHES_PER_TICK = 20;

/**
 * Fire every escalation step that is due: claim the due runs, queue the notifications of
 * their steps, move each run on (or end it) and note it on the timeline, all in one
 * transaction per batch, so a step fires exactly once even with several processes or a
 * crash in between. Returns how many steps fired.
 */
export async function escalateDueIncidents(
  ctx: AppContext,
  options: NotifyOptions,
  onFired?: (lateByMs: number) => void,
): Promise<number> {
  let fired = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
    const now = ctx.clock.now();
    const lateBy: number[] = [];
    const count = await ctx.store.transaction(async (tx) => {
      const runs = await claimDueRuns(tx, now, CLAIM_BATCH);
      for (const run of runs) {
        if (await isHeldByMaintenance(tx, run, now)) continue;
        await fireStep(tx, run, now, ESCALATION_ACTOR, options);
        lateBy.push(now - run.due_at);
      }
      return runs.length;
    });
    // After the commit: a rolled-back round fired nothing.
    if (onFired) for (const ms of lateBy) onFired(ms);
    fired += count;
    if (count < CLAIM_BATCH) break;
  }
  if (fired > 0) ctx.onIncidentsChanged();
  return fired;
}

/** Maintenance checks a held step again this often (a window can end early). */
const MAINTENANCE_RECHECK_MS = 60_000;

/**
 * True (and the run waits) while the service that pages the incident is in maintenance: its
 * due step fires when the window ends, as the escalation card says. A step fired by hand is
 * never held.
 */
async function isHeldByMaintenance(tx: Executor, run: EscalationRunRow, now: number): Promise<boolean> {
  const service = await pagingServiceOf(tx, run.incident_id);
  const window = service && (await activeMaintenance(tx, service.serviceId, now));
  if (!window) return false;
  await updateRun(tx, run.id, { due_at: Math.min(window.ends_at, now + MAINTENANCE_RECHECK_MS) });
  return true;
}

/** 409 unless the incident may still page people: not resolved, closed, declined or merged. */
function assertPageable(incident: IncidentRecord, action: string): void {
  if (isFinishedStatus(incident.status as IncidentStatus))
    throw new InvalidTransitionError(
      `INC-${incident.number} is ${incident.status}; a ${incident.status} incident cannot be ${action}`,
    );
}

/** Page the step a run is at now and move the run on; ends runs whose incident stopped escalating. */
async function fireStep(
  tx: Executor,
  run: EscalationRunRow,
  now: number,
  actor: Actor,
  options: NotifyOptions,
): Promise<void> {
  const incident = await findIncidentById(tx, run.incident_id);
  if (incident?.status !== 'triggered') {
    await updateRun(tx, run.id, { ended_at: now, end_reason: 'not_triggered' });
    return;
  }
  const policy = await findPolicyById(tx, run.policy_id);
  const steps = policy ? await stepsOf(tx, [policy.id]) : [];
  if (!policy || steps.length === 0) {
    await updateRun(tx, run.id, { ended_at: now, end_reason: 'policy_removed' });
    return;
  }
  const index = Math.min(run.step_index, steps.length - 1);
  const step = steps[index];
  if (!step) return;
  const userIds = await resolveTargets(tx, step.targets, now);
  // The page names the alert that is firing, so it never reads as only the incident's title.
  const cause = await firingAlertCause(tx, incident.id);
  const names = await notifyUsers(
    tx,
    {
      userIds,
      incident,
      reason: `escalation step ${index + 1}${cause === undefined ? '' : ` · ${cause}`}`,
      key: `esc:${run.id}:${run.repeat_index}:${index}`,
      now,
    },
    options,
  );
  const isLastStep = index + 1 >= steps.length;
  const next = isLastStep
    ? run.repeat_index < policy.repeat_count
      ? { step_index: 0, repeat_index: run.repeat_index + 1 }
      : undefined
    : { step_index: index + 1, repeat_index: run.repeat_index };
  await updateRun(
    tx,
    run.id,
    next
      ? { ...next, due_at: now + step.delay_minutes * 60_000 }
      : { ended_at: now, end_reason: 'completed' },
  );
  const pass = policy.repeat_count > 0 ? ` (pass ${run.repeat_index + 1} of ${policy.repeat_count + 1})` : '';
  await appendTimeline(tx, {
    incidentId: incident.id,
    at: now,
    actor,
    kind: 'escalated',
    changes: null,
    body:
      `${policy.name}, step ${index + 1} of ${steps.length}${pass}: ` +
      (names.length > 0 ? `notifying ${names.join(', ')}` : 'nobody to notify') +
      (next ? '' : '; no further steps'),
  });
}

/** Fire an incident's next escalation step now (starting its escalation if none is running). */
export async function escalateIncident(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  options: NotifyOptions,
): Promise<EscalationState> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const incident = await loadIncident(tx, ref);
    assertPageable(incident, 'escalated');
    if (incident.status !== 'triggered') {
      throw new InvalidTransitionError(
        `INC-${incident.number} is ${incident.status}; only a triggered incident escalates`,
      );
    }
    let run = await lockActiveRun(tx, incident.id);
    if (!run) {
      await startEscalation(tx, incident, now);
      run = await lockActiveRun(tx, incident.id);
    }
    if (!run)
      throw new ValidationError(
        'incident',
        `INC-${incident.number} has no service with an escalation policy`,
      );
    await fireStep(tx, run, now, actorOf(caller), options);
  });
  ctx.onIncidentsChanged();
  return getEscalation(ctx, ref);
}

/** Notify other people about an incident now: given users, or whoever a schedule has on call. */
export async function reassignIncident(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  body: ReassignBody,
  options: NotifyOptions,
): Promise<{ notified: string[] }> {
  const now = ctx.clock.now();
  const notified = await ctx.store.transaction(async (tx) => {
    const incident = await loadIncident(tx, ref);
    assertPageable(incident, 'reassigned');
    let userIds = body.userIds ?? [];
    if (body.scheduleId !== undefined) {
      if (!(await findScheduleById(tx, body.scheduleId)))
        throw new ValidationError('scheduleId', `no schedule with id ${body.scheduleId}`);
      const onCall = await onCallNow(tx, body.scheduleId, now);
      if (onCall === null) throw new ValidationError('scheduleId', 'nobody is on call on this schedule now');
      userIds = [onCall];
    }
    const key = `reassign:${incident.id}:${now}:${randomBytes(4).toString('hex')}`;
    const names = await notifyUsers(
      tx,
      { userIds, incident, reason: `reassigned by ${caller.name}`, key, now },
      options,
    );
    if (names.length === 0) throw new ValidationError('userIds', 'no active user to notify');
    await appendTimeline(tx, {
      incidentId: incident.id,
      at: now,
      actor: actorOf(caller),
      kind: 'notified',
      changes: null,
      body: `Reassigned: notifying ${names.join(', ')}`,
    });
    return names;
  });
  ctx.onIncidentsChanged();
  return { notified };
}

/** When the next escalation step of any incident is due (undefined: none running). */
export function nextEscalationDueAt(ctx: AppContext): Promise<number | undefined> {
  return nextDueAt(ctx.store.db);
}
