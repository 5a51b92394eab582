import type { Insertable, Updateable } from 'kysely';
import type { ContactMethodRow, ContactMethodsTable, NotificationRuleRow, OutboxTable } from '../schema.js';
import type { Executor } from '../store.js';
import { finishLeased, leaseDueRows } from './leases.js';
import type { MappedBy } from './rows/codec.js';
import { type OutboxRecord, outboxRows } from './rows/notifications.js';

export type { OutboxRecord };

/** A new outbox message's values, before encoding. */
export type NewOutboxValues = MappedBy<typeof outboxRows, Insertable<OutboxTable>>;

/** Contact methods of the given users, by id. */
export function contactMethodsOf(db: Executor, userIds: readonly number[]): Promise<ContactMethodRow[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('contact_methods').selectAll().where('user_id', 'in', userIds).orderBy('id').execute();
}

/** The contact methods with these ids, by id. */
export async function findContactMethods(
  db: Executor,
  ids: readonly number[],
): Promise<Map<number, ContactMethodRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('contact_methods')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/** Insert a contact method; returns its row. */
export function insertContactMethod(
  tx: Executor,
  row: Insertable<ContactMethodsTable>,
): Promise<ContactMethodRow> {
  return tx.insertInto('contact_methods').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Delete a user's contact method (and its rules, by cascade); false when there was none. */
export async function deleteContactMethod(tx: Executor, userId: number, id: number): Promise<boolean> {
  const result = await tx
    .deleteFrom('contact_methods')
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Notification rules of the given users. */
export function rulesOf(db: Executor, userIds: readonly number[]): Promise<NotificationRuleRow[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('notification_rules')
    .selectAll()
    .where('user_id', 'in', userIds)
    .orderBy('delay_minutes')
    .orderBy('id')
    .execute();
}

/** Replace every notification rule of a user. */
export async function replaceRules(
  tx: Executor,
  userId: number,
  rules: ReadonlyArray<{ contactMethodId: number; delayMinutes: number }>,
): Promise<void> {
  await tx.deleteFrom('notification_rules').where('user_id', '=', userId).execute();
  if (rules.length === 0) return;
  await tx
    .insertInto('notification_rules')
    .values(
      rules.map((rule) => ({
        user_id: userId,
        contact_method_id: rule.contactMethodId,
        delay_minutes: rule.delayMinutes,
      })),
    )
    .execute();
}

/** Insert an outbox row unless its dedupe key exists; the new row or undefined. */
export async function insertOutbox(tx: Executor, values: NewOutboxValues): Promise<OutboxRecord | undefined> {
  const row = await tx
    .insertInto('outbox')
    .values(outboxRows.encode<Insertable<OutboxTable>>(values))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  const record = outboxRows.decode(row);
  // A message about no incident (a test notification) has no paging history to join.
  if (record.incident_id !== null) await linkOutboxIncidents(tx, record.id, record.payload);
  return record;
}

/** What the writer of a new message chooses; the rest is that of a fresh, pending message. */
export type QueuedOutboxValues = Pick<
  NewOutboxValues,
  'user_id' | 'contact_method_id' | 'channel' | 'address' | 'kind' | 'incident_id' | 'payload' | 'dedupe_key'
>;

/** Queue a new message, created at `now` and due at `dueAt` (none when its dedupe key is queued). */
export function queueOutbox(
  tx: Executor,
  message: QueuedOutboxValues,
  now: number,
  dueAt = now,
): Promise<OutboxRecord | undefined> {
  return insertOutbox(tx, {
    ...message,
    status: 'pending',
    attempts: 0,
    next_attempt_at: dueAt,
    last_error: null,
    lease_until: null,
    created_at: now,
    sent_at: null,
  });
}

/** Record every incident a message tells about, for each incident's paging history. */
async function linkOutboxIncidents(tx: Executor, outboxId: number, payload: OutboxRecord['payload']) {
  const incidentIds = [...new Set(payload.items.map((item) => item.incidentId))];
  if (incidentIds.length === 0) return;
  await tx
    .insertInto('outbox_incidents')
    .values(incidentIds.map((incidentId) => ({ outbox_id: outboxId, incident_id: incidentId })))
    .onConflict((oc) => oc.columns(['outbox_id', 'incident_id']).doNothing())
    .execute();
}

/** A pending, not yet due message to the same person and address that a new one can join. */
export async function findBundle(
  db: Executor,
  target: { userId: number; channel: string; address: string; now: number; dueFrom: number; dueTo: number },
): Promise<OutboxRecord | undefined> {
  const row = await db
    .selectFrom('outbox')
    .selectAll()
    .where('user_id', '=', target.userId)
    .where('kind', '=', 'page')
    .where('channel', '=', target.channel)
    .where('address', '=', target.address)
    .where('status', '=', 'pending')
    .where('attempts', '=', 0)
    .where('next_attempt_at', '>', target.now)
    .where('next_attempt_at', '>=', target.dueFrom)
    .where('next_attempt_at', '<=', target.dueTo)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row && outboxRows.decode(row);
}

/**
 * Replace a bundle's payload if it is still pending with the payload read (optimistic: a
 * sender may have claimed it meanwhile); true when it was changed.
 */
export async function extendBundle(
  tx: Executor,
  row: Pick<OutboxRecord, 'id' | 'payload'>,
  payload: OutboxRecord['payload'],
  nextAttemptAt: number,
): Promise<boolean> {
  // The payload read, encoded again, is the stored text: JSON.stringify gives back exactly
  // the text JSON.parse read from it, as that text was written by JSON.stringify.
  const read = outboxRows.encode<Pick<OutboxTable, 'payload'>>({ payload: row.payload }).payload;
  const result = await tx
    .updateTable('outbox')
    .set(outboxRows.encode<Updateable<OutboxTable>>({ payload, next_attempt_at: nextAttemptAt }))
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .where('payload', '=', read)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  await linkOutboxIncidents(tx, row.id, payload);
  return true;
}

/**
 * Lease up to `limit` messages that are due (or whose sender's lease expired: a process that
 * died mid-send) in one statement; each is leased to one claimer, skipping rows another holds.
 */
export async function claimDueOutbox(
  db: Executor,
  claim: { now: number; leaseMs: number; limit: number },
): Promise<OutboxRecord[]> {
  return (await leaseDueRows(db, 'outbox', claim)).map(outboxRows.decode);
}

/** Finish a message this claimer still holds (same lease); false when the lease was lost. */
export function finishOutbox(
  tx: Executor,
  held: Pick<OutboxRecord, 'id' | 'lease_until'>,
  changes: {
    status: 'pending' | 'sent' | 'dead' | 'cancelled';
    next_attempt_at?: number;
    last_error?: string | null;
    sent_at?: number | null;
    cancel_reason?: string | null;
    provider_receipt?: string | null;
  },
): Promise<boolean> {
  return finishLeased(tx, 'outbox', held, changes);
}

/** Messages, newest first, optionally of one status. */
export async function listOutbox(
  db: Executor,
  options: { status?: string; limit: number },
): Promise<OutboxRecord[]> {
  let q = db.selectFrom('outbox').selectAll();
  if (options.status) q = q.where('status', '=', options.status);
  const rows = await q.orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map(outboxRows.decode);
}

/** One message by id. */
export async function findOutbox(db: Executor, id: number): Promise<OutboxRecord | undefined> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row && outboxRows.decode(row);
}

/** Put a dead (or cancelled) message back in the queue with a fresh attempt count. */
export async function requeueOutbox(tx: Executor, id: number, now: number): Promise<boolean> {
  const result = await tx
    .updateTable('outbox')
    .set({
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      lease_until: null,
      last_error: null,
      dismissed_at: null,
      cancel_reason: null,
    })
    .where('id', '=', id)
    .where('status', 'in', ['dead', 'cancelled'])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Record a one-click action token as used; false when it was used before. */
export async function useActionToken(
  tx: Executor,
  token: { id: string; now: number; expiresAt: number },
): Promise<boolean> {
  const row = await tx
    .insertInto('used_action_tokens')
    .values({ id: token.id, used_at: token.now, expires_at: token.expiresAt })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Forget used action-link ids whose links have expired (they are refused as expired anyway). */
export async function pruneUsedActionTokens(db: Executor, now: number): Promise<number> {
  const result = await db.deleteFrom('used_action_tokens').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** True when the action token id was used already. */
export async function isActionTokenUsed(db: Executor, id: string): Promise<boolean> {
  const row = await db.selectFrom('used_action_tokens').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Forget used tokens that have expired anyway. */
export async function pruneActionTokens(tx: Executor, now: number): Promise<void> {
  await tx.deleteFrom('used_action_tokens').where('expires_at', '<', now).execute();
}

/** A server secret by name, created with `create()` the first time (the first writer wins). */
export async function serverSecret(db: Executor, name: string, create: () => string): Promise<string> {
  await db
    .insertInto('server_secrets')
    .values({ name, value: create() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('server_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.value;
}

/** The given users that are not disabled, with the address of their account. */
export function activeUsersByIds(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('id', 'in', [...new Set(ids)])
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .execute();
}

/** Record that a person was paged about an incident by the outbox message `outboxId`. */
export async function insertIncidentPage(
  tx: Executor,
  row: { incident_id: number; user_id: number; outbox_id: number | null; reason: string; paged_at: number },
): Promise<void> {
  await tx.insertInto('incident_pages').values(row).execute();
}

/** Everyone paged about an incident, newest first, with how the message carrying it went. */
export function pagesOfIncident(db: Executor, incidentId: number, limit = 100) {
  return db
    .selectFrom('incident_pages')
    .innerJoin('users', 'users.id', 'incident_pages.user_id')
    .leftJoin('outbox', 'outbox.id', 'incident_pages.outbox_id')
    .select([
      'incident_pages.user_id',
      'users.name',
      'incident_pages.reason',
      'incident_pages.paged_at',
      'outbox.channel',
      'outbox.status',
      'outbox.sent_at',
    ])
    .where('incident_pages.incident_id', '=', incidentId)
    .orderBy('incident_pages.id', 'desc')
    .limit(limit)
    .execute();
}
