import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import { dialectOf } from '../dialects/dialect-of.js';
import type { Database } from '../schema.js';
import type { Executor } from '../store.js';

/**
 * Tables of work handed out under a lease: rows with `status` (`pending` → `sending` → …),
 * `attempts`, `next_attempt_at` and `lease_until`.
 */
export type LeasedTable = 'outbox' | 'webhook_deliveries' | 'status_subscriber_messages';

/**
 * Lease the rows `due` selects (their ids, in the order to take them) to one claimer in one
 * statement: `sending` until `now + leaseMs`, one attempt more; rows another claimer holds
 * are skipped.
 */
export async function leaseDue<T extends LeasedTable>(
  db: Executor,
  table: T,
  due: SelectQueryBuilder<Database, T, { id: number }>,
  lease: { now: number; leaseMs: number },
): Promise<Array<Selectable<Database[T]>>> {
  // One table type for the statement; the rows are typed back to `T` below.
  const name: LeasedTable = table;
  const rows = await db
    .updateTable(name)
    .set({ status: 'sending', lease_until: lease.now + lease.leaseMs, attempts: sql<number>`attempts + 1` })
    .where('id', 'in', dialectOf(db).skipLocked(due))
    .returningAll()
    .execute();
  return rows as Array<Selectable<Database[T]>>;
}

/**
 * Finish a row this claimer still holds (same lease) with `changes`, ending the lease; false
 * when the lease was lost (it expired and another claimer took the row).
 */
export async function finishLeased<T extends LeasedTable>(
  tx: Executor,
  table: T,
  held: { id: number; lease_until: number | null },
  changes: Partial<Selectable<Database[T]>>,
): Promise<boolean> {
  if (held.lease_until === null) return false;
  const name: LeasedTable = table;
  const result = await tx
    .updateTable(name)
    .set({ ...(changes as Partial<Selectable<Database[LeasedTable]>>), lease_until: null })
    .where('id', '=', held.id)
    .where('status', '=', 'sending')
    .where('lease_until', '=', held.lease_until)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Lease up to `limit` rows of `table` that are due (or whose claimer's lease expired: a
 * process that died mid-send), oldest due first, to one claimer in one statement.
 */
export function leaseDueRows<T extends 'outbox' | 'status_subscriber_messages'>(
  db: Executor,
  table: T,
  claim: { now: number; leaseMs: number; limit: number },
): Promise<Array<Selectable<Database[T]>>> {
  const { now, leaseMs, limit } = claim;
  const name: 'outbox' | 'status_subscriber_messages' = table;
  const due = db
    .selectFrom(name)
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit);
  return leaseDue(db, table, due as SelectQueryBuilder<Database, T, { id: number }>, { now, leaseMs });
}
