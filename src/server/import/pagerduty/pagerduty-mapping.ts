/** PagerDuty's objects in the words of Beacon's import set-up (`core/schemas/import.ts`). */
import type {
  ImportIntegration,
  ImportLayer,
  ImportPolicy,
  ImportSchedule,
  ImportService,
  ImportUser,
} from '../../../core/schemas/import.js';
import { isValidTimeZone } from '../../../core/oncall/zoned.js';
import type {
  PdEscalationPolicy,
  PdIntegration,
  PdOverride,
  PdSchedule,
  PdScheduleLayer,
  PdService,
  PdUser,
} from './pagerduty-types.js';

/** Where PagerDuty takes Events API v2 alerts. */
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

const DAY_SECONDS = 86_400;
const HOUR_SECONDS = 3600;

/** PagerDuty's base roles in Beacon's: admins stay admins, observers and read-only users view. */
export function beaconRole(role: string): ImportUser['role'] {
  if (role === 'owner' || role === 'admin') return 'admin';
  if (role === 'user' || role === 'limited_user') return 'responder';
  return 'viewer';
}

export function toImportUser(user: PdUser): ImportUser {
  return { sourceId: user.id, name: user.name, email: user.email, role: beaconRole(user.role) };
}

/** Rails time-zone names PagerDuty may use, for the zones teams most often pick. */
const RAILS_ZONES: Record<string, string> = {
  UTC: 'UTC',
  'Eastern Time (US & Canada)': 'America/New_York',
  'Central Time (US & Canada)': 'America/Chicago',
  'Mountain Time (US & Canada)': 'America/Denver',
  'Pacific Time (US & Canada)': 'America/Los_Angeles',
  London: 'Europe/London',
  Amsterdam: 'Europe/Amsterdam',
  Berlin: 'Europe/Berlin',
  Paris: 'Europe/Paris',
  Brisbane: 'Australia/Brisbane',
  Sydney: 'Australia/Sydney',
  Tokyo: 'Asia/Tokyo',
};

/** An IANA zone for PagerDuty's `time_zone` (IANA already, or a Rails name). */
export function ianaZone(zone: string): string {
  return isValidTimeZone(zone) ? zone : (RAILS_ZONES[zone] ?? zone);
}

function toLayer(layer: PdScheduleLayer): ImportLayer | string {
  const seconds = layer.rotation_turn_length_seconds;
  const turn =
    seconds % DAY_SECONDS === 0
      ? { unit: 'days' as const, length: seconds / DAY_SECONDS }
      : seconds % HOUR_SECONDS === 0
        ? { unit: 'hours' as const, length: seconds / HOUR_SECONDS }
        : null;
  const name = layer.name ?? layer.id ?? '';
  if (turn === null) return `layer "${name}" turns every ${seconds} seconds, not whole hours`;
  return {
    name,
    start: layer.start,
    end: layer.end ?? null,
    rotationStart: layer.rotation_virtual_start,
    turn,
    userSourceIds: layer.users.map((entry) => entry.user.id),
    restrictions: (layer.restrictions ?? []).map((restriction) => ({
      kind: restriction.type === 'daily_restriction' ? ('daily' as const) : ('weekly' as const),
      ...(restriction.start_day_of_week === undefined ? {} : { startDay: restriction.start_day_of_week }),
      startTime: restriction.start_time_of_day,
      durationSeconds: restriction.duration_seconds,
    })),
  };
}

/**
 * A schedule with its overrides and PagerDuty's own final schedule over `[from, to)`.
 * PagerDuty lists layers highest first (the reverse of how they are written); Beacon's order
 * is lowest first, so they are turned round.
 */
export function toImportSchedule(
  schedule: PdSchedule,
  overrides: readonly PdOverride[],
  window: { from: string; to: string },
): ImportSchedule {
  const layers: ImportLayer[] = [];
  const unsupported: string[] = [];
  for (const layer of [...(schedule.schedule_layers ?? [])].reverse()) {
    const mapped = toLayer(layer);
    if (typeof mapped === 'string') unsupported.push(mapped);
    else layers.push(mapped);
  }
  const entries = (schedule.final_schedule?.rendered_schedule_entries ?? []).flatMap((entry) =>
    entry.user ? [{ userSourceId: entry.user.id, start: entry.start, end: entry.end }] : [],
  );
  return {
    sourceId: schedule.id,
    name: schedule.name,
    description: schedule.description ?? '',
    timeZone: ianaZone(schedule.time_zone),
    layers,
    overrides: overrides.map((o) => ({
      sourceId: o.id,
      userSourceId: o.user.id,
      start: o.start,
      end: o.end,
    })),
    rendered: { from: window.from, to: window.to, entries },
    unsupported,
  };
}

const TARGET_KINDS: Record<string, 'user' | 'schedule'> = {
  user: 'user',
  user_reference: 'user',
  schedule: 'schedule',
  schedule_reference: 'schedule',
};

export function toImportPolicy(policy: PdEscalationPolicy): ImportPolicy {
  const unsupported: string[] = [];
  const steps = policy.escalation_rules.map((rule, position) => {
    const strategy = rule.escalation_rule_assignment_strategy;
    if ((typeof strategy === 'string' ? strategy : strategy?.type) === 'round_robin') {
      unsupported.push(`rule ${position + 1} assigns round robin; Beacon pages every target of a step`);
    }
    const targets = rule.targets.flatMap((target) => {
      const kind = TARGET_KINDS[target.type];
      if (kind === undefined) unsupported.push(`rule ${position + 1} targets a ${target.type}`);
      return kind === undefined ? [] : [{ kind, sourceId: target.id }];
    });
    return { delayMinutes: rule.escalation_delay_in_minutes, targets };
  });
  return {
    sourceId: policy.id,
    name: policy.name,
    description: policy.description ?? '',
    repeatCount: policy.num_loops ?? 0,
    steps,
    unsupported,
  };
}

function toIntegration(integration: PdIntegration): ImportIntegration {
  const base = {
    sourceId: integration.id,
    name: integration.name ?? integration.summary ?? integration.type,
    sourceType: integration.type.replace(/_reference$/, ''),
  };
  switch (base.sourceType) {
    case 'events_api_v2_inbound_integration':
      return {
        ...base,
        beaconType: 'pagerduty',
        oldKey: integration.integration_key ?? null,
        oldAddress: PAGERDUTY_EVENTS_URL,
      };
    case 'generic_email_inbound_integration':
      return {
        ...base,
        beaconType: 'email',
        oldKey: null,
        oldAddress: integration.integration_email ?? null,
      };
    default:
      return { ...base, beaconType: null, oldKey: integration.integration_key ?? null, oldAddress: null };
  }
}

export function toImportService(service: PdService): ImportService {
  return {
    sourceId: service.id,
    name: service.name,
    description: service.description ?? '',
    policySourceId: service.escalation_policy?.id ?? null,
    teamSourceId: service.teams?.[0]?.id ?? null,
    integrations: (service.integrations ?? []).map(toIntegration),
  };
}
