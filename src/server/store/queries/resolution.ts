import type { IncidentAutoCloseTable } from '../schema.js';
import { dialectOf } from '../dialects/dialect-of.js';
import type { Executor } from '../store.js';
import { type IncidentRecord, incidentRows } from './rows/incidents.js';

/** How many customer reports are linked to each of these incidents; absent: none. */
export async function countReportsOfIncidents(
  db: Executor,
  incidentIds: readonly number[],
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (incidentIds.length === 0) return counts;
  const rows = await db
    .selectFrom('reports')
    .select((eb) => ['incident_id', eb.fn.countAll<number | string>().as('count')])
    .where('incident_id', 'in', [...new Set(incidentIds)])
    .groupBy('incident_id')
    .execute();
  for (const row of rows) if (row.incident_id !== null) counts.set(row.incident_id, Number(row.count));
  return counts;
}

/**
 * Take up to `limit` incidents resolved at or before `resolvedBefore` that auto-close has not
 * looked at since they last changed or since `recheckBefore`, locked until `tx` commits; rows
 * another process holds are skipped (PostgreSQL), so each incident is closed once.
 */
export async function claimAutoCloseCandidates(
  tx: Executor,
  claim: { resolvedBefore: number; recheckBefore: number; limit: number },
): Promise<IncidentRecord[]> {
  const rows = await dialectOf(tx)
    .skipLocked(
      tx
        .selectFrom('incidents')
        .selectAll()
        .where('status', '=', 'resolved')
        .where('resolved_at', '<=', claim.resolvedBefore)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('incident_auto_close')
                .select('incident_auto_close.incident_id')
                .whereRef('incident_auto_close.incident_id', '=', 'incidents.id')
                .whereRef('incident_auto_close.checked_at', '>', 'incidents.updated_at')
                .where('incident_auto_close.checked_at', '>', claim.recheckBefore),
            ),
          ),
        )
        .orderBy('resolved_at')
        .orderBy('id')
        .limit(claim.limit),
    )
    .execute();
  return rows.map(incidentRows.decode);
}

/** Why auto-close last left an incident open, if it did. */
export function findAutoCloseBlock(
  db: Executor,
  incidentId: number,
): Promise<IncidentAutoCloseTable | undefined> {
  return db
    .selectFrom('incident_auto_close')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
}

/** Record that auto-close looked at an incident at `at` and could not close it. */
export async function recordAutoCloseBlock(
  tx: Executor,
  incidentId: number,
  at: number,
  reason: string,
): Promise<void> {
  await tx
    .insertInto('incident_auto_close')
    .values({ incident_id: incidentId, checked_at: at, blocked_reason: reason })
    .onConflict((oc) => oc.column('incident_id').doUpdateSet({ checked_at: at, blocked_reason: reason }))
    .execute();
}

/** Forget why auto-close left an incident open (it closed, or was reopened). */
export async function clearAutoCloseBlock(tx: Executor, incidentId: number): Promise<void> {
  await tx.deleteFrom('incident_auto_close').where('incident_id', '=', incidentId).execute();
}
