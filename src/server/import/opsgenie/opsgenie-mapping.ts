/** Opsgenie's objects in the words of Beacon's import set-up (`core/schemas/import.ts`). */
import type {
  ImportLayer,
  ImportPolicy,
  ImportRestriction,
  ImportSchedule,
  ImportUser,
} from '../../../core/schemas/import.js';
import type {
  OgEscalation,
  OgOverride,
  OgRotation,
  OgSchedule,
  OgTimeline,
  OgTimeOfDay,
  OgUser,
} from './opsgenie-types.js';

const DAY_MINUTES = 1440;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Opsgenie's roles in Beacon's: owners and admins stay admins, observers and stakeholders view. */
export function beaconRole(role: string): ImportUser['role'] {
  const name = role.toLowerCase();
  if (name === 'owner' || name === 'admin') return 'admin';
  if (name === 'observer' || name === 'stakeholder') return 'viewer';
  // 'User' and custom roles answer alerts.
  return 'responder';
}

export function toImportUser(user: OgUser): ImportUser {
  return {
    sourceId: user.id,
    name: user.fullName,
    email: user.username,
    role: beaconRole(user.role.name),
  };
}

const clock = (hour: number, minute: number) =>
  `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`;

/** Local minutes from the window's start to its end; an end at its own start is a whole period. */
function spanMinutes(start: number, end: number, period: number): number {
  const span = (((end - start) % period) + period) % period;
  return span === 0 ? period : span;
}

/** A rotation's time restriction as windows, or why it cannot be read. */
export function toRestrictions(rotation: OgRotation): ImportRestriction[] | string {
  const restriction = rotation.timeRestriction;
  if (restriction === undefined) return [];
  const minutes = (t: Pick<OgTimeOfDay, 'startHour' | 'startMin'>) => t.startHour * 60 + t.startMin;
  if (restriction.type === 'time-of-day') {
    const r = restriction.restriction;
    return [
      {
        kind: 'daily',
        startTime: clock(r.startHour, r.startMin),
        durationSeconds: spanMinutes(minutes(r), r.endHour * 60 + r.endMin, DAY_MINUTES) * 60,
      },
    ];
  }
  const windows: ImportRestriction[] = [];
  for (const r of restriction.restrictions) {
    const startDay = WEEKDAYS.indexOf(r.startDay.toLowerCase());
    const endDay = WEEKDAYS.indexOf(r.endDay.toLowerCase());
    if (startDay < 0 || endDay < 0) return `rotation "${rotation.name}" has an unknown weekday`;
    const start = startDay * DAY_MINUTES + minutes(r);
    const end = endDay * DAY_MINUTES + r.endHour * 60 + r.endMin;
    windows.push({
      kind: 'weekly',
      startDay: startDay + 1,
      startTime: clock(r.startHour, r.startMin),
      durationSeconds: spanMinutes(start, end, 7 * DAY_MINUTES) * 60,
    });
  }
  return windows;
}

const TURNS = {
  hourly: (length: number) => ({ unit: 'hours' as const, length }),
  daily: (length: number) => ({ unit: 'days' as const, length }),
  weekly: (length: number) => ({ unit: 'days' as const, length: 7 * length }),
};

/** One rotation as a layer, or why Beacon cannot take it. */
export function toLayer(rotation: OgRotation): ImportLayer | string {
  const others = rotation.participants.filter((p) => p.type !== 'user' || p.id === undefined);
  if (others.length > 0) {
    return `rotation "${rotation.name}" rotates a ${others[0]?.type ?? 'participant'}; Beacon rotates people only`;
  }
  const restrictions = toRestrictions(rotation);
  if (typeof restrictions === 'string') return restrictions;
  return {
    name: rotation.name,
    start: rotation.startDate,
    end: rotation.endDate ?? null,
    rotationStart: rotation.startDate,
    turn: TURNS[rotation.type](rotation.length),
    userSourceIds: rotation.participants.flatMap((p) => (p.id === undefined ? [] : [p.id])),
    restrictions,
  };
}

/** Where two rotations put people on call at the same time (Opsgenie pages both; Beacon one). */
function overlapOf(timeline: OgTimeline): string | null {
  const periods = timeline.finalTimeline.rotations.flatMap((rotation) =>
    (rotation.periods ?? []).map((p) => ({
      rotation: rotation.name,
      user: p.recipient.id,
      start: Date.parse(p.startDate),
      end: Date.parse(p.endDate),
    })),
  );
  for (const a of periods) {
    const b = periods.find(
      (p) => p.rotation !== a.rotation && p.user !== a.user && p.start < a.end && a.start < p.end,
    );
    if (b) {
      return `rotations "${a.rotation}" and "${b.rotation}" have two people on call at ${new Date(Math.max(a.start, b.start)).toISOString()}; Beacon has one`;
    }
  }
  return null;
}

/** A schedule with its rotations, overrides and Opsgenie's own timeline of the coming weeks. */
export function toImportSchedule(
  schedule: OgSchedule,
  overrides: readonly OgOverride[],
  timeline: OgTimeline,
): ImportSchedule {
  const unsupported: string[] = [];
  if (!schedule.enabled) unsupported.push('is disabled in Opsgenie');
  const layers: ImportLayer[] = [];
  for (const rotation of schedule.rotations ?? []) {
    const layer = toLayer(rotation);
    if (typeof layer === 'string') unsupported.push(layer);
    else layers.push(layer);
  }
  const overlap = overlapOf(timeline);
  if (overlap !== null) unsupported.push(overlap);
  const entries = timeline.finalTimeline.rotations.flatMap((rotation) =>
    (rotation.periods ?? []).flatMap((p) =>
      p.recipient.type === 'user' && p.recipient.id !== undefined
        ? [{ userSourceId: p.recipient.id, start: p.startDate, end: p.endDate }]
        : [],
    ),
  );
  const allRotations = new Set((schedule.rotations ?? []).map((r) => r.id));
  return {
    sourceId: schedule.id,
    name: schedule.name,
    description: schedule.description ?? '',
    timeZone: schedule.timezone,
    layers,
    overrides: overrides.flatMap((o) => {
      if (o.user.type !== 'user' || o.user.id === undefined) {
        unsupported.push(`override ${o.alias} puts a ${o.user.type} on call; Beacon overrides with a person`);
        return [];
      }
      const named = (o.rotations ?? []).map((r) => r.id);
      if (named.length > 0 && [...allRotations].some((id) => !named.includes(id))) {
        unsupported.push(`override ${o.alias} covers only some rotations; Beacon overrides the schedule`);
      }
      return [
        {
          sourceId: `${schedule.id}/${o.alias}`,
          userSourceId: o.user.id,
          start: o.startDate,
          end: o.endDate,
        },
      ];
    }),
    rendered: { from: timeline.startDate, to: timeline.endDate, entries },
    unsupported,
  };
}

const RECIPIENT_KINDS: Record<string, 'user' | 'schedule' | 'team'> = {
  user: 'user',
  schedule: 'schedule',
  team: 'team',
};

/**
 * An escalation as a policy. Opsgenie counts each rule's delay from the alert's creation and
 * runs rules of the same delay together; Beacon waits between steps, so rules are grouped by
 * delay and each step waits until the next group's delay (the last one, `repeat.waitInterval`).
 */
export function toImportPolicy(escalation: OgEscalation): { policy: ImportPolicy; notes: string[] } {
  const unsupported: string[] = [];
  const notes: string[] = [];
  const groups = new Map<number, ImportPolicy['steps'][number]['targets']>();
  for (const [position, rule] of escalation.rules.entries()) {
    const label = `rule ${position + 1}`;
    if (rule.condition !== 'if-not-acked')
      unsupported.push(`${label} runs ${rule.condition}; Beacon escalates until acknowledged`);
    const kind = RECIPIENT_KINDS[rule.recipient.type];
    if (kind === undefined || rule.recipient.id === undefined) {
      unsupported.push(`${label} notifies a ${rule.recipient.type}`);
      continue;
    }
    if (kind === 'schedule' && rule.notifyType !== 'default') {
      unsupported.push(
        `${label} notifies the ${rule.notifyType} on-call of a schedule; Beacon pages the current one`,
      );
    }
    if (kind === 'team' && rule.notifyType === 'admins') {
      unsupported.push(`${label} notifies a team's admins only; Beacon pages the team`);
    }
    const minutes = rule.delay.timeUnit === 'hours' ? rule.delay.timeAmount * 60 : rule.delay.timeAmount;
    const targets = groups.get(minutes) ?? [];
    targets.push({ kind, sourceId: rule.recipient.id });
    groups.set(minutes, targets);
  }
  const delays = [...groups.keys()].sort((a, b) => a - b);
  if ((delays[0] ?? 0) > 0) {
    notes.push(
      `escalation "${escalation.name}" waits ${delays[0]} minutes before its first rule; Beacon pages at once`,
    );
  }
  const repeat = escalation.repeat;
  const steps = delays.map((delay, index) => ({
    // Without a repeat the last step's wait is never used.
    delayMinutes: (delays[index + 1] ?? delay + (repeat === undefined ? 1 : repeat.waitInterval)) - delay,
    targets: groups.get(delay) ?? [],
  }));
  return {
    policy: {
      sourceId: escalation.id,
      name: escalation.name,
      description: escalation.description ?? '',
      repeatCount: repeat === undefined ? 0 : repeat.count,
      steps,
      unsupported,
    },
    notes,
  };
}
