/** Grafana OnCall's objects in the words of Beacon's import set-up (`core/schemas/import.ts`). */
import type {
  ImportIntegration,
  ImportPolicy,
  ImportSchedule,
  ImportUser,
} from '../../../core/schemas/import.js';
import { shiftToLayer, shiftToOverride } from './grafana-oncall-shifts.js';
import type {
  GoEscalationChain,
  GoEscalationPolicy,
  GoFinalShift,
  GoIntegration,
  GoSchedule,
  GoShift,
  GoUser,
} from './grafana-oncall-types.js';

/** OnCall's roles in Beacon's: admins stay admins, editors answer alerts, viewers view. */
export function beaconRole(role: string): ImportUser['role'] {
  if (role === 'admin') return 'admin';
  if (role === 'viewer') return 'viewer';
  return 'responder';
}

export function toImportUser(user: GoUser): ImportUser {
  return { sourceId: user.id, name: user.username, email: user.email, role: beaconRole(user.role) };
}

const isRecurring = (shift: GoShift) =>
  (shift.type === 'rolling_users' || shift.type === 'recurrent_event') && (shift.frequency ?? null) !== null;

/**
 * A schedule with its shifts and OnCall's own final shifts from `from` to `to`. Recurring shifts
 * become layers, lowest `level` first (OnCall's higher level wins, as Beacon's later layer
 * does); `override` shifts, and one-off shifts above every layer, become overrides.
 */
export function toImportSchedule(
  schedule: GoSchedule,
  shifts: readonly GoShift[],
  finalShifts: readonly GoFinalShift[],
  window: { from: number; to: number },
): ImportSchedule {
  const timeZone = schedule.time_zone ?? 'UTC';
  const unsupported: string[] = [];
  if (schedule.type === 'ical')
    unsupported.push('it reads its shifts from an iCal feed; Beacon schedules hold their own shifts');
  if (schedule.ical_url_overrides)
    unsupported.push('its overrides come from an iCal feed; Beacon overrides are its own');
  const recurring = shifts.filter(isRecurring).sort((a, b) => (a.level ?? 0) - (b.level ?? 0));
  const layers = [];
  for (const shift of recurring) {
    const layer = shiftToLayer(shift, timeZone);
    if (typeof layer === 'string') unsupported.push(layer);
    else layers.push(layer);
  }
  const topLevel = Math.max(0, ...recurring.map((s) => s.level ?? 0));
  const overrides = [];
  for (const shift of shifts.filter((s) => !isRecurring(s))) {
    if (shift.type !== 'override' && (shift.level ?? 0) < topLevel) {
      unsupported.push(
        `one-off shift "${shift.name}" is below level ${topLevel} shifts; Beacon puts one-off shifts on top`,
      );
      continue;
    }
    const override = shiftToOverride(shift, timeZone);
    if (typeof override === 'string') unsupported.push(override);
    else overrides.push(override);
  }
  return {
    sourceId: schedule.id,
    name: schedule.name,
    description: '',
    timeZone,
    layers,
    overrides,
    rendered: {
      from: new Date(window.from).toISOString(),
      to: new Date(window.to).toISOString(),
      entries: finalShifts.map((f) => ({ userSourceId: f.user_pk, start: f.shift_start, end: f.shift_end })),
    },
    unsupported,
  };
}

/** Grafana OnCall repeats a chain at most this many times ("repeat escalation (5 times max)"). */
const MAX_REPEATS = 5;

function targetsOf(step: GoEscalationPolicy): ImportPolicy['steps'][number]['targets'] | null {
  switch (step.type) {
    case 'notify_persons':
      return (step.persons_to_notify ?? []).map((id) => ({ kind: 'user' as const, sourceId: id }));
    case 'notify_on_call_from_schedule':
      return step.notify_on_call_from_schedule
        ? [{ kind: 'schedule' as const, sourceId: step.notify_on_call_from_schedule }]
        : [];
    case 'notify_team_members':
      return step.team_to_notify ? [{ kind: 'team' as const, sourceId: step.team_to_notify }] : [];
    default:
      return null;
  }
}

/**
 * A chain and its steps as a policy. OnCall runs its steps in `position` order and waits only
 * at `wait` steps; Beacon waits after each step, so the notifications between two waits are one
 * step and each wait becomes the delay of the step before it.
 */
export function toImportPolicy(
  chain: GoEscalationChain,
  policies: readonly GoEscalationPolicy[],
): { policy: ImportPolicy; notes: string[] } {
  const ordered = policies
    .filter((p) => p.escalation_chain_id === chain.id)
    .sort((a, b) => a.position - b.position);
  const unsupported: string[] = [];
  const notes: string[] = [];
  const steps: ImportPolicy['steps'] = [];
  let leadingWait = 0;
  let repeatCount = 0;
  for (const [index, step] of ordered.entries()) {
    const label = `step ${index + 1}`;
    if (step.type === 'wait') {
      const minutes = Math.round((step.duration ?? 0) / 60);
      const last = steps.at(-1);
      if (last === undefined) leadingWait += minutes;
      else last.delayMinutes += minutes;
      continue;
    }
    if (step.type === 'repeat_escalation') {
      if (index === ordered.length - 1) repeatCount = MAX_REPEATS;
      else unsupported.push(`${label} repeats the chain before its end; Beacon repeats whole policies`);
      continue;
    }
    const targets = targetsOf(step);
    if (targets === null) {
      unsupported.push(`${label} is "${step.type}", which Beacon has no step for`);
      continue;
    }
    if (step.important === true)
      notes.push(
        `chain "${chain.name}" ${label} notifies as important; Beacon pages with each person's rules`,
      );
    const last = steps.at(-1);
    if (last !== undefined && last.delayMinutes === 0) last.targets.push(...targets);
    else steps.push({ delayMinutes: 0, targets });
  }
  if (leadingWait > 0)
    notes.push(
      `chain "${chain.name}" waits ${leadingWait} minutes before its first step; Beacon pages at once`,
    );
  const last = steps.at(-1);
  // Without a repeat the last step's wait is never used.
  if (last !== undefined && repeatCount === 0 && last.delayMinutes === 0) last.delayMinutes = 1;
  return {
    policy: { sourceId: chain.id, name: chain.name, description: '', repeatCount, steps, unsupported },
    notes,
  };
}

/** OnCall integration types whose senders post an Alertmanager (or Grafana alerting) webhook. */
const ALERTMANAGER_TYPES = new Set([
  'alertmanager',
  'legacy_alertmanager',
  'grafana_alerting',
  'legacy_grafana_alerting',
]);
/** Types whose senders post JSON of their own making, which can be reshaped as Beacon events. */
const WEBHOOK_TYPES = new Set(['webhook', 'formatted_webhook']);

/** One integration with the address its senders use today, and Beacon's kind for it. */
export function toImportIntegration(integration: GoIntegration): ImportIntegration {
  const base = {
    sourceId: integration.id,
    name: integration.name,
    sourceType: integration.type,
    oldKey: null,
  };
  if (ALERTMANAGER_TYPES.has(integration.type))
    return { ...base, beaconType: 'alertmanager', oldAddress: integration.link };
  if (WEBHOOK_TYPES.has(integration.type))
    return { ...base, beaconType: 'generic', oldAddress: integration.link };
  if (integration.type === 'inbound_email')
    return { ...base, beaconType: 'email', oldAddress: integration.inbound_email ?? integration.link };
  return { ...base, beaconType: null, oldAddress: integration.link };
}
