import type { Insertable } from 'kysely';
import type { MaintenanceWindowsTable } from '../schema.js';
import type { Executor } from '../store.js';

/** A maintenance window of the service covering `at`, if any. */
export function activeMaintenance(db: Executor, serviceId: number, at: number) {
  return db
    .selectFrom('maintenance_windows')
    .select(['id', 'ends_at'])
    .where('service_id', '=', serviceId)
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .limit(1)
    .executeTakeFirst();
}

/** Windows that have ended but whose suppressed alerts were not released yet. */
export function endedUnreleasedWindows(db: Executor, now: number) {
  return db
    .selectFrom('maintenance_windows')
    .selectAll()
    .where('ends_at', '<=', now)
    .where('released_at', 'is', null)
    .orderBy('ends_at')
    .execute();
}

/** Mark a window's alerts released. */
export async function markWindowReleased(tx: Executor, id: number, now: number): Promise<void> {
  await tx.updateTable('maintenance_windows').set({ released_at: now }).where('id', '=', id).execute();
}

/** Schedule a window. */
export function insertMaintenance(tx: Executor, row: Insertable<MaintenanceWindowsTable>) {
  return tx.insertInto('maintenance_windows').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Windows of a service (or all) that end after `since`, soonest first. */
export function listMaintenance(db: Executor, since: number, serviceId?: number) {
  let q = db.selectFrom('maintenance_windows').selectAll().where('ends_at', '>', since);
  if (serviceId !== undefined) q = q.where('service_id', '=', serviceId);
  return q.orderBy('starts_at').execute();
}

/** One window. */
export function findMaintenance(db: Executor, id: number) {
  return db.selectFrom('maintenance_windows').selectAll().where('id', '=', id).executeTakeFirst();
}

/** End a window now (or cancel one not started yet). */
export async function endMaintenance(tx: Executor, id: number, endsAt: number): Promise<void> {
  await tx.updateTable('maintenance_windows').set({ ends_at: endsAt }).where('id', '=', id).execute();
}
