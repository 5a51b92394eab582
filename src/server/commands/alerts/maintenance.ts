import type { CreateMaintenanceBody, MaintenanceWindow } from '../../../core/schemas/alerting.js';
import { NotFoundError, ValidationError } from '../../../core/errors.js';
import { appendAudit } from '../../store/queries/audit.js';
import {
  endMaintenance,
  findMaintenance,
  insertMaintenance,
  listMaintenance,
} from '../../store/queries/maintenance.js';
import { findServiceById, listServices } from '../../store/queries/services.js';
import type { MaintenanceWindowRow } from '../../store/schema.js';
import { type AppContext, type Caller, iso } from '../context.js';

function view(row: MaintenanceWindowRow, serviceName: string, now: number): MaintenanceWindow {
  return {
    id: row.id,
    service: { id: row.service_id, name: serviceName },
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    reason: row.reason,
    isActive: row.starts_at <= now && now < row.ends_at,
    createdAt: iso(row.created_at),
  };
}

/** Current and upcoming maintenance windows (of one service, or all). */
export async function getMaintenance(ctx: AppContext, serviceId?: number): Promise<MaintenanceWindow[]> {
  const now = ctx.clock.now();
  const rows = await listMaintenance(ctx.store.db, now, serviceId);
  const names = new Map((await listServices(ctx.store.db)).map((s) => [s.id, s.name]));
  return rows.map((row) => view(row, names.get(row.service_id) ?? '', now));
}

/** Schedule a maintenance window: alerts inside it are kept but open nothing. */
export async function scheduleMaintenance(
  ctx: AppContext,
  caller: Caller,
  serviceId: number,
  body: CreateMaintenanceBody,
): Promise<MaintenanceWindow> {
  const now = ctx.clock.now();
  const startsAt = Date.parse(body.startsAt);
  const endsAt = Date.parse(body.endsAt);
  if (endsAt <= startsAt) throw new ValidationError('endsAt', 'must be after startsAt');
  if (endsAt <= now) throw new ValidationError('endsAt', 'must be in the future');
  return ctx.store.transaction(async (tx) => {
    const service = await findServiceById(tx, serviceId);
    if (!service) throw new NotFoundError(`service ${serviceId}`);
    const row = await insertMaintenance(tx, {
      service_id: serviceId,
      starts_at: startsAt,
      ends_at: endsAt,
      reason: body.reason,
      created_by: caller.userId,
      created_at: now,
      released_at: null,
    });
    await appendAudit(tx, {
      at: now,
      actorId: caller.userId,
      action: 'maintenance.schedule',
      targetType: 'service',
      targetId: serviceId,
      data: { startsAt: body.startsAt, endsAt: body.endsAt, reason: body.reason },
    });
    return view(row, service.name, now);
  });
}

/** End a running window now, or cancel one that has not started. */
export async function endMaintenanceWindow(ctx: AppContext, caller: Caller, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await findMaintenance(tx, id);
    if (!row || row.ends_at <= now) throw new NotFoundError(`maintenance window ${id}`);
    // A window that has not started is cancelled by making it empty (ends when it starts).
    await endMaintenance(tx, id, row.starts_at > now ? row.starts_at : now);
    await appendAudit(tx, {
      at: now,
      actorId: caller.userId,
      action: 'maintenance.end',
      targetType: 'service',
      targetId: row.service_id,
      data: { id },
    });
  });
}
