import type { Executor } from '../store.js';
import { type AlertRecord, alertRows } from './rows/alerts.js';

/** The open (unresolved) alerts of a service, oldest first, at most `limit`. */
export async function openAlertsOfService(
  db: Executor,
  serviceId: number,
  afterId: number,
  limit: number,
): Promise<AlertRecord[]> {
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('resolved_at', 'is', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(alertRows.decode);
}

/** One alert of a service by id (open or resolved), or undefined. */
export function findServiceAlert(db: Executor, serviceId: number, alertId: number) {
  return db
    .selectFrom('alerts')
    .select(['id', 'dedup_key', 'resolved_at'])
    .where('service_id', '=', serviceId)
    .where('id', '=', alertId)
    .executeTakeFirst();
}
