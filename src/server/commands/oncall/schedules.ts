import { randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../../../core/errors.js';
import { type Schedule as CoreSchedule, validateSchedule } from '../../../core/oncall/index.js';
import type {
  OverrideBody,
  Schedule,
  ScheduleBody,
  ScheduleOverride,
  SchedulePatch,
} from '../../../core/schemas/oncall.js';
import {
  deleteOverride,
  deleteSchedule,
  insertOverride,
  insertSchedule,
  listSchedules,
  updateSchedule,
} from '../../store/queries/schedules.js';
import type { Executor } from '../../store/store.js';
import { assertActiveUser } from '../incident-guards.js';
import { auditChange } from '../audit-change.js';
import type { AppContext, Caller } from '../context.js';
import { loadSchedule } from './schedule-model.js';
import { viewSchedules } from './schedule-views.js';

/** Every schedule with who is on call now. */
export async function getSchedules(ctx: AppContext, baseUrl: string): Promise<Schedule[]> {
  return viewSchedules(ctx.store.db, await listSchedules(ctx.store.db), ctx.clock.now(), baseUrl);
}

/** One schedule, or 404. */
export async function getSchedule(ctx: AppContext, id: number, baseUrl: string): Promise<Schedule> {
  const row = await loadSchedule(ctx.store.db, id);
  const [view] = await viewSchedules(ctx.store.db, [row], ctx.clock.now(), baseUrl);
  if (!view) throw new NotFoundError(`schedule ${id}`);
  return view;
}

/** Create a schedule after checking its layers with the schedule engine. */
export async function createSchedule(
  ctx: AppContext,
  body: ScheduleBody,
  baseUrl: string,
  caller?: Caller,
): Promise<Schedule> {
  const now = ctx.clock.now();
  const id = await ctx.store.transaction(async (tx) => {
    await assertLayers(tx, { timeZone: body.timeZone, layers: body.layers, overrides: [] });
    await assertNameFree(tx, body.name);
    const row = await insertSchedule(tx, {
      name: body.name,
      description: body.description ?? '',
      time_zone: body.timeZone,
      layers: body.layers,
      ical_token: randomBytes(24).toString('base64url'),
      created_at: now,
      updated_at: now,
    });
    await auditChange(tx, caller, now, 'schedule.create', row.id, { after: body });
    return row.id;
  });
  return getSchedule(ctx, id, baseUrl);
}

/** Change a schedule's name, description, zone or layers. */
export async function patchSchedule(
  ctx: AppContext,
  id: number,
  patch: SchedulePatch,
  baseUrl: string,
  caller?: Caller,
): Promise<Schedule> {
  await ctx.store.transaction(async (tx) => {
    const row = await loadSchedule(tx, id);
    const timeZone = patch.timeZone ?? row.time_zone;
    const layers = patch.layers ?? row.layers;
    await assertLayers(tx, { timeZone, layers, overrides: [] });
    if (patch.name !== undefined && patch.name !== row.name) await assertNameFree(tx, patch.name);
    await updateSchedule(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      time_zone: timeZone,
      layers,
      updated_at: ctx.clock.now(),
    });
    await auditChange(tx, caller, ctx.clock.now(), 'schedule.update', id, { changes: patch });
  });
  return getSchedule(ctx, id, baseUrl);
}

/** Delete a schedule and its overrides. */
export async function removeSchedule(ctx: AppContext, id: number, caller?: Caller): Promise<void> {
  const deleted = await ctx.store.transaction(async (tx) => {
    const isDeleted = await deleteSchedule(tx, id);
    if (isDeleted) await auditChange(tx, caller, ctx.clock.now(), 'schedule.delete', id);
    return isDeleted;
  });
  if (!deleted) throw new NotFoundError(`schedule ${id}`);
}

/** Put someone on call for a time range, over every layer. */
export async function addOverride(
  ctx: AppContext,
  caller: Caller,
  scheduleId: number,
  body: OverrideBody,
): Promise<ScheduleOverride> {
  const start = Date.parse(body.start);
  const end = Date.parse(body.end);
  if (end <= start) throw new ValidationError('end', 'must be after start');
  return ctx.store.transaction(async (tx) => {
    await loadSchedule(tx, scheduleId);
    const user = await assertActiveUser(tx, body.userId, 'userId');
    const row = await insertOverride(tx, {
      schedule_id: scheduleId,
      user_id: body.userId,
      starts_at: start,
      ends_at: end,
      created_by: caller.userId,
      created_at: ctx.clock.now(),
    });
    await auditChange(tx, caller, ctx.clock.now(), 'schedule_override.create', row.id, {
      scheduleId,
      ...body,
    });
    return {
      id: row.id,
      userId: row.user_id,
      userName: user?.name ?? '',
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      createdBy: row.created_by,
    };
  });
}

/** Remove an override. */
export async function removeOverride(
  ctx: AppContext,
  scheduleId: number,
  overrideId: number,
  caller?: Caller,
): Promise<void> {
  const deleted = await ctx.store.transaction(async (tx) => {
    await loadSchedule(tx, scheduleId);
    const isDeleted = await deleteOverride(tx, scheduleId, overrideId);
    if (isDeleted)
      await auditChange(tx, caller, ctx.clock.now(), 'schedule_override.delete', overrideId, { scheduleId });
    return isDeleted;
  });
  if (!deleted) throw new NotFoundError(`override ${overrideId} of schedule ${scheduleId}`);
}

async function assertLayers(db: Executor, schedule: CoreSchedule): Promise<void> {
  validateSchedule(schedule);
  for (const [index, layer] of schedule.layers.entries()) {
    for (const userId of layer.participants) {
      await assertActiveUser(db, userId, `layers[${index}].participants`);
    }
  }
}

async function assertNameFree(db: Executor, name: string): Promise<void> {
  const taken = (await listSchedules(db)).some((s) => s.name.toLowerCase() === name.toLowerCase());
  if (taken) throw new ConflictError(`a schedule named "${name}" exists`, 'name');
}
