/**
 * Opsgenie's schedule timeline computed apart from Beacon's schedule engine, so the import's
 * comparison checks one against the other: each rotation is rendered on its own (daily and
 * weekly turns hand off at the same local time, hourly ones are real hours; restrictions are
 * local-time windows) by the PagerDuty renderer's rules, and overrides replace whoever the
 * rotations they cover have on call.
 */
import type {
  OgOverride,
  OgPeriod,
  OgRotation,
  OgSchedule,
  OgTimeline,
} from '../../../src/server/import/opsgenie/opsgenie-types.js';
import type { PdRestriction, PdScheduleLayer } from '../../../src/server/import/pagerduty/pagerduty-types.js';
import { renderFinalSchedule } from './pagerduty-render.js';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const TURN_SECONDS = { hourly: 3600, daily: 86_400, weekly: 7 * 86_400 };

function restrictionsOf(rotation: OgRotation): PdRestriction[] {
  const time = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`;
  const restriction = rotation.timeRestriction;
  if (!restriction) return [];
  if (restriction.type === 'time-of-day') {
    const r = restriction.restriction;
    const span = (r.endHour * 60 + r.endMin - r.startHour * 60 - r.startMin + 1440) % 1440 || 1440;
    return [
      {
        type: 'daily_restriction',
        start_time_of_day: time(r.startHour, r.startMin),
        duration_seconds: span * 60,
      },
    ];
  }
  return restriction.restrictions.map((r) => {
    const start = DAYS.indexOf(r.startDay) * 1440 + r.startHour * 60 + r.startMin;
    const end = DAYS.indexOf(r.endDay) * 1440 + r.endHour * 60 + r.endMin;
    const week = 7 * 1440;
    return {
      type: 'weekly_restriction',
      start_day_of_week: DAYS.indexOf(r.startDay) + 1,
      start_time_of_day: time(r.startHour, r.startMin),
      duration_seconds: ((((end - start) % week) + week) % week || week) * 60,
    };
  });
}

function layerOf(rotation: OgRotation): PdScheduleLayer {
  return {
    id: rotation.id,
    start: rotation.startDate,
    end: rotation.endDate ?? null,
    rotation_virtual_start: rotation.startDate,
    rotation_turn_length_seconds: TURN_SECONDS[rotation.type] * rotation.length,
    users: rotation.participants.map((p) => ({ user: { id: p.id ?? '', type: 'user_reference' } })),
    restrictions: restrictionsOf(rotation),
  };
}

/** `GET /v2/schedules/{id}/timeline`'s `data` for `[from, to)`. */
export function renderTimeline(
  schedule: OgSchedule,
  overrides: readonly OgOverride[],
  from: number,
  to: number,
): OgTimeline {
  const rotations = (schedule.rotations ?? []).map((rotation, order) => {
    const covering = overrides.filter(
      (o) => (o.rotations ?? []).length === 0 || (o.rotations ?? []).some((r) => r.id === rotation.id),
    );
    const asPd = covering.map((o) => ({
      id: o.alias,
      start: o.startDate,
      end: o.endDate,
      user: { id: o.user.id ?? '', type: 'user_reference' },
    }));
    const entries = renderFinalSchedule(
      {
        id: schedule.id,
        name: schedule.name,
        time_zone: schedule.timezone,
        schedule_layers: [layerOf(rotation)],
      },
      asPd,
      from,
      to,
    );
    const periods: OgPeriod[] = entries.map((entry) => ({
      startDate: entry.start,
      endDate: entry.end,
      type: covering.some(
        (o) => o.user.id === entry.user?.id && o.startDate <= entry.start && entry.end <= o.endDate,
      )
        ? 'override'
        : 'default',
      recipient: { id: entry.user?.id, type: 'user', name: entry.user?.id },
    }));
    return { id: rotation.id, name: rotation.name, order, periods };
  });
  return {
    startDate: new Date(from).toISOString(),
    endDate: new Date(to).toISOString(),
    finalTimeline: { rotations },
  };
}
