import { randomBytes } from 'node:crypto';
import { NotFoundError, ValidationError } from '../../../core/errors.js';
import {
  type CalendarEvent,
  type Shift,
  coverageGaps,
  cutAtWindow,
  finalSchedule,
  icalendar,
  layerShifts,
  nextHandoff,
  onCallAt,
  shiftsToEvents,
} from '../../../core/oncall/index.js';
import type { FinalSchedule, OnCallNow, Schedule, ShiftView } from '../../../core/schemas/oncall.js';
import {
  findScheduleByToken,
  findUserCalendarToken,
  findUserIdByCalendarToken,
  listSchedules,
  overridesOf,
  userNames,
  writeUserCalendarToken,
} from '../../store/queries/schedules.js';
import type { ScheduleOverrideRow } from '../../store/schema.js';
import type { ScheduleRecord } from '../../store/queries/schedules.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, type Caller, iso } from '../context.js';
import { coreScheduleOf, dayStart, loadSchedule, participantsOf } from './schedule-model.js';

const DAY_MS = 86_400_000;
/** Longest window a preview may ask for. */
const MAX_WINDOW_DAYS = 92;

/** API views of schedules at `now`, with overrides that have not ended and who is on call. */
export async function viewSchedules(
  db: Executor,
  rows: readonly ScheduleRecord[],
  now: number,
  baseUrl: string,
): Promise<Schedule[]> {
  const overrides = await overridesOf(
    db,
    rows.map((row) => row.id),
  );
  const schedules = rows.map((row) => coreScheduleOf(row, overrides));
  const names = await userNames(db, schedules.flatMap(participantsOf));
  return rows.map((row, index) => {
    const schedule = schedules[index] ?? coreScheduleOf(row, overrides);
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      timeZone: row.time_zone,
      layers: schedule.layers,
      overrides: overrides
        .filter((o) => o.schedule_id === row.id && o.ends_at > now)
        .map((o) => overrideView(o, names)),
      onCall: onCallView(row, schedule, now, names),
      calendarUrl: `${baseUrl}/calendar/schedules/${row.ical_token}.ics`,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  });
}

/** Who is on call at `at` (default now) on one schedule. */
export async function getOnCall(ctx: AppContext, id: number, at?: number): Promise<OnCallNow> {
  const db = ctx.store.db;
  const row = await loadSchedule(db, id);
  const schedule = coreScheduleOf(row, await overridesOf(db, [id]));
  const names = await userNames(db, participantsOf(schedule));
  return onCallView(row, schedule, at ?? ctx.clock.now(), names);
}

/** Who is on call now on every schedule. */
export async function getOnCallEverywhere(ctx: AppContext): Promise<OnCallNow[]> {
  const db = ctx.store.db;
  const rows = await listSchedules(db);
  const overrides = await overridesOf(
    db,
    rows.map((row) => row.id),
  );
  const schedules = rows.map((row) => coreScheduleOf(row, overrides));
  const names = await userNames(db, schedules.flatMap(participantsOf));
  const now = ctx.clock.now();
  return rows.map((row, index) => onCallView(row, schedules[index] ?? coreScheduleOf(row, []), now, names));
}

/** The final schedule over `[from, to)` (default the next 14 days), each layer's shifts and the gaps. */
export async function getFinalSchedule(
  ctx: AppContext,
  id: number,
  window: { from?: number; to?: number },
): Promise<FinalSchedule> {
  const from = window.from ?? ctx.clock.now();
  const to = window.to ?? from + 14 * DAY_MS;
  if (to <= from) throw new ValidationError('to', 'must be after from');
  if (to - from > MAX_WINDOW_DAYS * DAY_MS)
    throw new ValidationError('to', `at most ${MAX_WINDOW_DAYS} days after from`);
  const db = ctx.store.db;
  const row = await loadSchedule(db, id);
  const schedule = coreScheduleOf(row, await overridesOf(db, [id], from));
  const names = await userNames(db, participantsOf(schedule));
  const shifts = finalSchedule(schedule, from, to);
  const cut = cutAtWindow(schedule, shifts, from, to);
  const views = shifts.map((shift) => shiftView(shift, names));
  if (views[0] && cut.continuesBefore) views[0].continuesBefore = true;
  if (views.at(-1) && cut.continuesAfter) (views.at(-1) as ShiftView).continuesAfter = true;
  return {
    from: iso(from),
    to: iso(to),
    shifts: views,
    layers: schedule.layers.map((_, index) => ({
      index,
      shifts: layerShifts(schedule, index, from, to).map((shift) => shiftView(shift, names)),
    })),
    gaps: coverageGaps(shifts, from, to).map((gap) => ({ start: iso(gap.start), end: iso(gap.end) })),
  };
}

/** The caller's shifts over the next `days` days, across every schedule. */
export async function getMyShifts(ctx: AppContext, caller: Caller, days: number) {
  const from = ctx.clock.now();
  const shifts = await shiftsOfUser(ctx.store.db, caller.userId, from, from + days * DAY_MS);
  return shifts.map(({ row, shift }) => ({
    scheduleId: row.id,
    scheduleName: row.name,
    start: iso(shift.start),
    end: iso(shift.end),
    source: shift.source,
  }));
}

/** The iCalendar feed of a schedule, found by its secret token. */
export async function scheduleCalendar(ctx: AppContext, token: string): Promise<string> {
  const db = ctx.store.db;
  const row = await findScheduleByToken(db, token);
  if (!row) throw new NotFoundError('calendar');
  const now = ctx.clock.now();
  const [from, to] = [dayStart(now, -7), dayStart(now, 60)];
  const schedule = coreScheduleOf(row, await overridesOf(db, [row.id], from));
  const names = await userNames(db, participantsOf(schedule));
  const events = shiftsToEvents(finalSchedule(schedule, from, to), names, row.name);
  return icalendar(events, { name: `On call: ${row.name}`, now });
}

/** The iCalendar feed of one person's shifts on every schedule, found by their secret token. */
export async function userCalendar(ctx: AppContext, token: string): Promise<string> {
  const db = ctx.store.db;
  const userId = await findUserIdByCalendarToken(db, token);
  if (userId === undefined) throw new NotFoundError('calendar');
  const now = ctx.clock.now();
  const names = await userNames(db, [userId]);
  const events: CalendarEvent[] = [];
  for (const { row, shift } of await shiftsOfUser(db, userId, dayStart(now, -7), dayStart(now, 60))) {
    events.push(...shiftsToEvents([shift], names, row.name));
  }
  events.sort((a, b) => a.start - b.start);
  return icalendar(events, { name: `On call: ${names.get(userId) ?? `user ${userId}`}`, now });
}

/** The caller's personal feed URL, or null before they create one. */
export async function getCalendarUrl(ctx: AppContext, caller: Caller, baseUrl: string) {
  const token = await findUserCalendarToken(ctx.store.db, caller.userId);
  return { url: token ? userCalendarUrl(baseUrl, token) : null };
}

/** Create or replace the caller's personal feed token; the old URL stops working. */
export async function rotateCalendarToken(ctx: AppContext, caller: Caller, baseUrl: string) {
  const token = randomBytes(24).toString('base64url');
  await ctx.store.transaction((tx) => writeUserCalendarToken(tx, caller.userId, token, ctx.clock.now()));
  return { url: userCalendarUrl(baseUrl, token) };
}

function userCalendarUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/calendar/users/${token}.ics`;
}

async function shiftsOfUser(db: Executor, userId: number, from: number, to: number) {
  const rows = await listSchedules(db);
  const overrides = await overridesOf(
    db,
    rows.map((row) => row.id),
    from,
  );
  const found: Array<{ row: ScheduleRecord; shift: Shift }> = [];
  for (const row of rows) {
    const schedule = coreScheduleOf(row, overrides);
    if (!participantsOf(schedule).includes(userId)) continue;
    for (const shift of finalSchedule(schedule, from, to)) {
      if (shift.userId === userId) found.push({ row, shift });
    }
  }
  return found.sort((a, b) => a.shift.start - b.shift.start);
}

function onCallView(
  row: ScheduleRecord,
  schedule: ReturnType<typeof coreScheduleOf>,
  at: number,
  names: ReadonlyMap<number, string>,
): OnCallNow {
  const onCall = onCallAt(schedule, at);
  const until = nextHandoff(schedule, at);
  return {
    scheduleId: row.id,
    scheduleName: row.name,
    at: iso(at),
    userId: onCall.userId,
    userName: onCall.userId === null ? null : (names.get(onCall.userId) ?? `user ${onCall.userId}`),
    source: onCall.layer,
    until: until === null ? null : iso(until),
  };
}

function shiftView(shift: Shift, names: ReadonlyMap<number, string>): ShiftView {
  return {
    userId: shift.userId,
    userName: names.get(shift.userId) ?? `user ${shift.userId}`,
    start: iso(shift.start),
    end: iso(shift.end),
    source: shift.source,
  };
}

function overrideView(override: ScheduleOverrideRow, names: ReadonlyMap<number, string>) {
  return {
    id: override.id,
    userId: override.user_id,
    userName: names.get(override.user_id) ?? `user ${override.user_id}`,
    start: iso(override.starts_at),
    end: iso(override.ends_at),
    createdBy: override.created_by,
  };
}
