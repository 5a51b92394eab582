import type { Executor } from '../store.js';
import { type OutboxRecord, outboxRows } from './rows/notifications.js';

/**
 * Sent messages whose provider receipt may still be alerting: not closed, sent since
 * `sentSince` (older ones have expired at the provider), and not leased now; oldest first.
 */
export async function openReceipts(
  db: Executor,
  options: { now: number; sentSince: number; limit: number },
): Promise<OutboxRecord[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('provider_receipt', 'is not', null)
    .where('sent_at', '>=', options.sentSince)
    .where('receipt_closed_at', 'is', null)
    .where((eb) => eb.or([eb('receipt_retry_at', 'is', null), eb('receipt_retry_at', '<=', options.now)]))
    .orderBy('sent_at')
    .limit(options.limit)
    .execute();
  return rows.map(outboxRows.decode);
}

/**
 * Lease a receipt to this process until `until`, unless it was closed or another process
 * leased it meanwhile; true when this process holds it.
 */
export async function leaseReceipt(
  db: Executor,
  id: number,
  lease: { now: number; until: number },
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ receipt_retry_at: lease.until })
    .where('id', '=', id)
    .where('receipt_closed_at', 'is', null)
    .where((eb) => eb.or([eb('receipt_retry_at', 'is', null), eb('receipt_retry_at', '<=', lease.now)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The receipt no longer alerts: never try to cancel it again. */
export async function closeReceipt(db: Executor, id: number, now: number): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ receipt_closed_at: now, receipt_retry_at: null })
    .where('id', '=', id)
    .execute();
}
