import { sql } from 'kysely';
import type { Executor } from '../store.js';

// What the status page reads from other tables to derive component status and uptime: checks,
// their results and maintenance windows of the services behind components. Read only.

/** The checks of some services, with their current verdict. */
export function checksOfServices(db: Executor, serviceIds: readonly number[]) {
  if (serviceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('checks')
    .select(['id', 'service_id', 'status', 'paused_at'])
    .where('service_id', 'in', [...new Set(serviceIds)])
    .orderBy('id')
    .execute();
}

/**
 * The results of some checks since `since` where the verdict changed (and each check's first),
 * oldest first: the whole up/down history in few rows, whatever the check interval.
 */
export async function checkVerdictChanges(
  db: Executor,
  checkIds: readonly number[],
  since: number,
): Promise<{ check_id: number; at: number; is_up: boolean }[]> {
  if (checkIds.length === 0) return [];
  const ids = sql.join([...new Set(checkIds)]);
  const { rows } = await sql<{ check_id: number | string; at: number | string; is_up: number | string }>`
    SELECT check_id, at, is_up FROM (
      SELECT check_id, at, is_up,
        LAG(is_up) OVER (PARTITION BY check_id ORDER BY at, id) AS previous
      FROM check_results
      WHERE check_id IN (${ids}) AND at >= ${since}
    ) AS changes
    WHERE previous IS NULL OR previous <> is_up
    ORDER BY check_id, at`.execute(db);
  return rows.map((r) => ({ check_id: Number(r.check_id), at: Number(r.at), is_up: Number(r.is_up) === 1 }));
}

/** The first and last result times of some checks since `since`. */
export async function checkResultSpans(
  db: Executor,
  checkIds: readonly number[],
  since: number,
): Promise<Map<number, { first: number; last: number }>> {
  if (checkIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('check_results')
    .select((eb) => [
      'check_id',
      eb.fn.min<number | string>('at').as('first'),
      eb.fn.max<number | string>('at').as('last'),
    ])
    .where('check_id', 'in', [...new Set(checkIds)])
    .where('at', '>=', since)
    .groupBy('check_id')
    .execute();
  return new Map(rows.map((r) => [r.check_id, { first: Number(r.first), last: Number(r.last) }]));
}

/** Maintenance windows of some services ending at or after `since`, soonest first. */
export function maintenanceOfServices(db: Executor, serviceIds: readonly number[], since: number) {
  if (serviceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('maintenance_windows')
    .select(['id', 'service_id', 'starts_at', 'ends_at', 'reason', 'created_at'])
    .where('service_id', 'in', [...new Set(serviceIds)])
    .where('ends_at', '>=', since)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}
