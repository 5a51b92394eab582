import type { Insertable, Updateable } from 'kysely';
import type { ScheduleOverrideRow, ScheduleOverridesTable, SchedulesTable } from '../schema.js';
import type { Executor } from '../store.js';
import type { MappedBy } from './rows/codec.js';
import { type ScheduleRecord, scheduleRows } from './rows/schedules.js';

export type { ScheduleRecord };

/** Every schedule, by name. */
export async function listSchedules(db: Executor): Promise<ScheduleRecord[]> {
  const rows = await db.selectFrom('schedules').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(scheduleRows.decode);
}

/** One schedule by id. */
export async function findScheduleById(db: Executor, id: number): Promise<ScheduleRecord | undefined> {
  const row = await db.selectFrom('schedules').selectAll().where('id', '=', id).executeTakeFirst();
  return row && scheduleRows.decode(row);
}

/** The schedule whose iCalendar feed token is `token`. */
export async function findScheduleByToken(db: Executor, token: string): Promise<ScheduleRecord | undefined> {
  const row = await db.selectFrom('schedules').selectAll().where('ical_token', '=', token).executeTakeFirst();
  return row && scheduleRows.decode(row);
}

/** Insert a schedule; returns it. */
export async function insertSchedule(
  tx: Executor,
  values: MappedBy<typeof scheduleRows, Insertable<SchedulesTable>>,
): Promise<ScheduleRecord> {
  const row = await tx
    .insertInto('schedules')
    .values(scheduleRows.encode<Insertable<SchedulesTable>>(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return scheduleRows.decode(row);
}

/** Change a schedule. */
export async function updateSchedule(
  tx: Executor,
  id: number,
  changes: MappedBy<typeof scheduleRows, Updateable<SchedulesTable>>,
): Promise<void> {
  await tx
    .updateTable('schedules')
    .set(scheduleRows.encode<Updateable<SchedulesTable>>(changes))
    .where('id', '=', id)
    .execute();
}

/** Delete a schedule and (by cascade) its overrides; false when there was none. */
export async function deleteSchedule(tx: Executor, id: number): Promise<boolean> {
  const result = await tx.deleteFrom('schedules').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Overrides of the given schedules that end after `after`, by start. */
export function overridesOf(
  db: Executor,
  scheduleIds: readonly number[],
  after = Number.MIN_SAFE_INTEGER,
): Promise<ScheduleOverrideRow[]> {
  if (scheduleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('schedule_overrides')
    .selectAll()
    .where('schedule_id', 'in', scheduleIds)
    .where('ends_at', '>', after)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

/** Insert an override; returns its row. */
export function insertOverride(
  tx: Executor,
  row: Insertable<ScheduleOverridesTable>,
): Promise<ScheduleOverrideRow> {
  return tx.insertInto('schedule_overrides').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Delete one override of a schedule; false when there was none. */
export async function deleteOverride(tx: Executor, scheduleId: number, id: number): Promise<boolean> {
  const result = await tx
    .deleteFrom('schedule_overrides')
    .where('schedule_id', '=', scheduleId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** A user's iCalendar feed token, if they have one. */
export async function findUserCalendarToken(db: Executor, userId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('user_calendar_tokens')
    .select('token')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.token;
}

/** The user whose iCalendar feed token is `token`. */
export async function findUserIdByCalendarToken(db: Executor, token: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('user_calendar_tokens')
    .select('user_id')
    .where('token', '=', token)
    .executeTakeFirst();
  return row?.user_id;
}

/** Set (or replace) a user's iCalendar feed token. */
export async function writeUserCalendarToken(
  tx: Executor,
  userId: number,
  token: string,
  now: number,
): Promise<void> {
  await tx
    .insertInto('user_calendar_tokens')
    .values({ user_id: userId, token, created_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ token, created_at: now }))
    .execute();
}

/** Names of the given users, by id. */
export async function userNames(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
