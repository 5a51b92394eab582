import { NotFoundError } from '../../../core/errors.js';
import type { Override, Schedule as CoreSchedule } from '../../../core/oncall/index.js';
import { findScheduleById } from '../../store/queries/schedules.js';
import type { ScheduleOverrideRow } from '../../store/schema.js';
import type { ScheduleRecord } from '../../store/queries/schedules.js';
import type { Executor } from '../../store/store.js';

/** The core schedule of a stored row and its overrides, ready for the schedule engine. */
export function coreScheduleOf(row: ScheduleRecord, overrides: readonly ScheduleOverrideRow[]): CoreSchedule {
  return {
    timeZone: row.time_zone,
    layers: row.layers,
    overrides: overrides
      .filter((override) => override.schedule_id === row.id)
      .map((override): Override => ({
        userId: override.user_id,
        start: override.starts_at,
        end: override.ends_at,
      })),
  };
}

/** The start (UTC midnight) of the day `at` falls in, `days` days away: a window edge that moves once a day. */
export function dayStart(at: number, days = 0): number {
  const start = new Date(at);
  start.setUTCHours(0, 0, 0, 0);
  return start.getTime() + days * 86_400_000;
}

/** Every user id a schedule can put on call (layer participants and overrides). */
export function participantsOf(schedule: CoreSchedule): number[] {
  const ids = new Set<number>();
  for (const layer of schedule.layers) for (const id of layer.participants) ids.add(id);
  for (const override of schedule.overrides) ids.add(override.userId);
  return [...ids];
}

/** Load a schedule or throw 404. */
export async function loadSchedule(db: Executor, id: number): Promise<ScheduleRecord> {
  const row = await findScheduleById(db, id);
  if (!row) throw new NotFoundError(`schedule ${id}`);
  return row;
}
