import type { Executor } from '../store.js';
import { type OutboxRecord, outboxRows } from './rows/notifications.js';

/**
 * Pages sent on `channel` to `address` since `since`, newest first: what an SMS reply, a key
 * pressed in a call or a Telegram button can act on.
 */
export async function sentPagesTo(
  db: Executor,
  query: { channel: string; address: string; since: number; limit: number },
): Promise<OutboxRecord[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('channel', '=', query.channel)
    .where('address', '=', query.address)
    .where('status', '=', 'sent')
    .where('kind', '=', 'page')
    .where('sent_at', '>=', query.since)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .execute();
  return rows.map(outboxRows.decode);
}

/** The active user with a contact method of `type` at `address` (the oldest such method's owner). */
export function userWithContactAddress(
  db: Executor,
  contact: { type: string; address: string },
): Promise<{ id: number; name: string } | undefined> {
  return db
    .selectFrom('contact_methods')
    .innerJoin('users', 'users.id', 'contact_methods.user_id')
    .select(['users.id', 'users.name'])
    .where('contact_methods.type', '=', contact.type)
    .where('contact_methods.address', '=', contact.address)
    .where('users.disabled_at', 'is', null)
    .orderBy('contact_methods.id')
    .executeTakeFirst();
}
