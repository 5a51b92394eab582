// Pushover emergency messages alert the phone again every minute until acknowledged in the app.
// Once every incident a message told about is acknowledged (or finished) in Beacon, whichever
// way, its receipt is cancelled so the phone stops. The receipts are found by polling: no path
// that acknowledges an incident needs to know about Pushover.

import { findIncidentsByIds } from '../../store/queries/incidents.js';
import { findContactMethods } from '../../store/queries/notifications.js';
import { closeReceipt, leaseReceipt, openReceipts } from '../../store/queries/pushover-receipts.js';
import type { AppContext } from '../context.js';

/** A receipt to cancel, leased to this process. */
export interface ReceiptToClose {
  outboxId: number;
  receipt: string;
  /** The application token of the contact method the message went through. */
  token: string;
}

/**
 * Lease up to `limit` receipts sent since `sentSince` whose every incident no longer waits
 * for someone (none is still `triggered`). Receipts that cannot be cancelled (their contact
 * method is gone) are closed on the way.
 */
export async function claimReceiptsToClose(
  ctx: AppContext,
  options: { sentSince: number; leaseMs: number; limit: number },
): Promise<ReceiptToClose[]> {
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const rows = await openReceipts(db, { now, sentSince: options.sentSince, limit: options.limit });
  if (rows.length === 0) return [];
  const [incidents, methods] = await Promise.all([
    findIncidentsByIds(
      db,
      rows.flatMap((row) => row.payload.items.map((item) => item.incidentId)),
    ),
    findContactMethods(
      db,
      rows.flatMap((row) => (row.contact_method_id === null ? [] : [row.contact_method_id])),
    ),
  ]);
  const claimed: ReceiptToClose[] = [];
  for (const row of rows) {
    const isStillWaiting = row.payload.items.some(
      (item) => incidents.get(item.incidentId)?.status === 'triggered',
    );
    if (isStillWaiting || row.provider_receipt === null) continue;
    const token = row.contact_method_id === null ? null : methods.get(row.contact_method_id)?.secret;
    if (!token) {
      await closeReceipt(db, row.id, now);
      continue;
    }
    if (await leaseReceipt(db, row.id, { now, until: now + options.leaseMs }))
      claimed.push({ outboxId: row.id, receipt: row.provider_receipt, token });
  }
  return claimed;
}

/** The receipt was cancelled (or no longer alerted): it is never tried again. */
export function recordReceiptClosed(ctx: AppContext, outboxId: number): Promise<void> {
  return closeReceipt(ctx.store.db, outboxId, ctx.clock.now());
}
