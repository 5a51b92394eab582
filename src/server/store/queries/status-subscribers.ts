import { type Insertable, type Selectable, type Updateable, sql } from 'kysely';
import type {
  StatusSubscriberMessagesTable,
  StatusSubscriberNewsTable,
  StatusSubscribersTable,
} from '../schema.js';
import type { Executor } from '../store.js';
import { finishLeased, leaseDueRows } from './leases.js';
import type { MappedBy } from './rows/codec.js';
import { type StatusSubscriberRecord, statusSubscriberRows } from './rows/status-subscribers.js';

export type { StatusSubscriberRecord };
export type SubscriberMessageRecord = Selectable<StatusSubscriberMessagesTable>;
export type SubscriberNewsRecord = Selectable<StatusSubscriberNewsTable>;
export type NewSubscriberValues = MappedBy<typeof statusSubscriberRows, Insertable<StatusSubscribersTable>>;

/** Rows written in one statement: well under both databases' bound-parameter limits. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Insert a subscriber and return them. */
export async function insertSubscriber(
  tx: Executor,
  values: NewSubscriberValues,
): Promise<StatusSubscriberRecord> {
  const row = await tx
    .insertInto('status_subscribers')
    .values(statusSubscriberRows.encode<Insertable<StatusSubscribersTable>>(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return statusSubscriberRows.decode(row);
}

/** Change a subscriber. */
export async function updateSubscriber(
  tx: Executor,
  id: number,
  changes: MappedBy<typeof statusSubscriberRows, Updateable<StatusSubscribersTable>>,
): Promise<void> {
  await tx
    .updateTable('status_subscribers')
    .set(statusSubscriberRows.encode<Updateable<StatusSubscribersTable>>(changes))
    .where('id', '=', id)
    .execute();
}

/** Delete a subscriber (their components, messages and news go with them). */
export async function deleteSubscriber(tx: Executor, id: number): Promise<boolean> {
  const result = await tx.deleteFrom('status_subscribers').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** One subscriber by id. */
export async function findSubscriber(db: Executor, id: number): Promise<StatusSubscriberRecord | undefined> {
  const row = await db.selectFrom('status_subscribers').selectAll().where('id', '=', id).executeTakeFirst();
  return row && statusSubscriberRows.decode(row);
}

/** The subscriber with this channel and address. */
export async function findSubscriberByAddress(
  db: Executor,
  channel: string,
  address: string,
): Promise<StatusSubscriberRecord | undefined> {
  const row = await db
    .selectFrom('status_subscribers')
    .selectAll()
    .where('channel', '=', channel)
    .where('address', '=', address)
    .executeTakeFirst();
  return row && statusSubscriberRows.decode(row);
}

/** The subscriber whose token hashes to `tokenHash`. */
export async function findSubscriberByTokenHash(
  db: Executor,
  tokenHash: string,
): Promise<StatusSubscriberRecord | undefined> {
  const row = await db
    .selectFrom('status_subscribers')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row && statusSubscriberRows.decode(row);
}

/** Subscribers by filters, newest first. */
export async function listSubscribers(
  db: Executor,
  filters: { state?: string; channel?: string; componentId?: number; q?: string; limit: number },
): Promise<StatusSubscriberRecord[]> {
  let q = db.selectFrom('status_subscribers').selectAll();
  if (filters.state) q = q.where('state', '=', filters.state);
  if (filters.channel) q = q.where('channel', '=', filters.channel);
  if (filters.q)
    q = q.where(sql`lower(address)`, 'like', `%${filters.q.toLowerCase().replace(/[%_\\]/g, '')}%`);
  const componentId = filters.componentId;
  if (componentId !== undefined) {
    q = q.where((eb) =>
      eb.or([
        eb('all_components', '=', 1),
        eb.exists(
          eb
            .selectFrom('status_subscriber_components as sc')
            .select('sc.subscriber_id')
            .whereRef('sc.subscriber_id', '=', 'status_subscribers.id')
            .where('sc.component_id', '=', componentId),
        ),
      ]),
    );
  }
  const rows = await q.orderBy('id', 'desc').limit(filters.limit).execute();
  return rows.map(statusSubscriberRows.decode);
}

/** How many subscribers there are in each state and on each channel. */
export async function countSubscribers(db: Executor) {
  const rows = await db
    .selectFrom('status_subscribers')
    .select(['state', 'channel', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy(['state', 'channel'])
    .execute();
  return rows.map((row) => ({ state: row.state, channel: row.channel, count: Number(row.n) }));
}

/** Replace the components a subscriber chose. */
export async function setSubscriberComponents(
  tx: Executor,
  subscriberId: number,
  componentIds: readonly number[],
): Promise<void> {
  await tx.deleteFrom('status_subscriber_components').where('subscriber_id', '=', subscriberId).execute();
  if (componentIds.length === 0) return;
  await tx
    .insertInto('status_subscriber_components')
    .values([...new Set(componentIds)].map((component_id) => ({ subscriber_id: subscriberId, component_id })))
    .execute();
}

/** The components of these subscribers, with their names. */
export function componentsOfSubscribers(db: Executor, subscriberIds: readonly number[]) {
  if (subscriberIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('status_subscriber_components as sc')
    .innerJoin('status_page_components as c', 'c.id', 'sc.component_id')
    .select(['sc.subscriber_id', 'sc.component_id', 'c.name'])
    .where('sc.subscriber_id', 'in', [...new Set(subscriberIds)])
    .orderBy('c.position')
    .orderBy('c.id')
    .execute();
}

/**
 * Confirmed subscribers who hear about news touching `componentIds`: those of every component,
 * and those who chose one of them. News naming no component reaches every confirmed subscriber.
 */
export async function matchingSubscriberIds(
  db: Executor,
  componentIds: readonly number[],
  channel?: 'email' | 'webhook',
): Promise<number[]> {
  let q = db.selectFrom('status_subscribers').select('id').where('state', '=', 'confirmed');
  if (channel !== undefined) q = q.where('channel', '=', channel);
  if (componentIds.length > 0) {
    const ids = [...new Set(componentIds)];
    q = q.where((eb) =>
      eb.or([
        eb('all_components', '=', 1),
        eb.exists(
          eb
            .selectFrom('status_subscriber_components as sc')
            .select('sc.subscriber_id')
            .whereRef('sc.subscriber_id', '=', 'status_subscribers.id')
            .where('sc.component_id', 'in', ids),
        ),
      ]),
    );
  }
  return (await q.orderBy('id').execute()).map((row) => row.id);
}

/** Of these subscribers, those who already have the piece of news `newsKey`. */
export async function subscribersWithNews(
  db: Executor,
  subscriberIds: readonly number[],
  newsKey: string,
): Promise<Set<number>> {
  const found = new Set<number>();
  for (const part of chunks(subscriberIds)) {
    const rows = await db
      .selectFrom('status_subscriber_news')
      .select('subscriber_id')
      .where('news_key', '=', newsKey)
      .where('subscriber_id', 'in', part)
      .execute();
    for (const row of rows) found.add(row.subscriber_id);
  }
  return found;
}

/**
 * Take hold of the news messages about one subject that are still waiting for their first
 * attempt (the open bundles), so nobody claims them before this transaction commits; a message
 * a sender already claimed is not among them. Returns each open bundle's id by subscriber.
 */
export async function holdOpenBundles(
  tx: Executor,
  subject: { kind: string; id: number },
): Promise<Map<number, number>> {
  const rows = await tx
    .updateTable('status_subscriber_messages')
    .set({ next_attempt_at: sql<number>`next_attempt_at` })
    .where('kind', '=', 'news')
    .where('subject_kind', '=', subject.kind)
    .where('subject_id', '=', subject.id)
    .where('status', '=', 'pending')
    .where('attempts', '=', 0)
    .returning(['id', 'subscriber_id'])
    .execute();
  return new Map(rows.map((row) => [row.subscriber_id, row.id]));
}

/** Queue messages (confirmations, or news bundles); returns each new id by subscriber. */
export async function insertSubscriberMessages(
  tx: Executor,
  values: ReadonlyArray<
    Omit<Insertable<StatusSubscriberMessagesTable>, 'status' | 'attempts' | 'lease_until'>
  >,
): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (const part of chunks(values)) {
    const rows = await tx
      .insertInto('status_subscriber_messages')
      .values(part.map((v) => ({ ...v, status: 'pending', attempts: 0, lease_until: null })))
      .returning(['id', 'subscriber_id'])
      .execute();
    for (const row of rows) ids.set(row.subscriber_id, row.id);
  }
  return ids;
}

/** Record pieces of news in their messages; a piece a subscriber already has is skipped. */
export async function insertSubscriberNews(
  tx: Executor,
  rows: ReadonlyArray<Insertable<StatusSubscriberNewsTable>>,
): Promise<Set<number>> {
  const inserted = new Set<number>();
  for (const part of chunks(rows)) {
    const written = await tx
      .insertInto('status_subscriber_news')
      .values([...part])
      .onConflict((oc) => oc.columns(['subscriber_id', 'news_key']).doNothing())
      .returning('subscriber_id')
      .execute();
    for (const row of written) inserted.add(row.subscriber_id);
  }
  return inserted;
}

/** Delete messages that carry no news (queued for a subscriber who had all of it). */
export async function deleteEmptyNewsMessages(tx: Executor, ids: readonly number[]): Promise<void> {
  for (const part of chunks(ids)) {
    await tx
      .deleteFrom('status_subscriber_messages')
      .where('id', 'in', part)
      .where('kind', '=', 'news')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('status_subscriber_news as n')
              .select('n.message_id')
              .whereRef('n.message_id', '=', 'status_subscriber_messages.id'),
          ),
        ),
      )
      .execute();
  }
}

/** Lease due messages (and ones whose sender died mid-send) to one claimer. */
export function claimDueSubscriberMessages(
  db: Executor,
  claim: { now: number; leaseMs: number; limit: number },
): Promise<SubscriberMessageRecord[]> {
  return leaseDueRows(db, 'status_subscriber_messages', claim);
}

/** Finish a message this claimer still holds; false when the lease was lost. */
export function finishSubscriberMessage(
  tx: Executor,
  held: Pick<SubscriberMessageRecord, 'id' | 'lease_until'>,
  changes: {
    status: 'pending' | 'sent' | 'dead' | 'cancelled';
    next_attempt_at?: number;
    last_error?: string | null;
    sent_at?: number | null;
  },
): Promise<boolean> {
  return finishLeased(tx, 'status_subscriber_messages', held, changes);
}

/** Subscribers by id. */
export async function subscribersByIds(
  db: Executor,
  ids: readonly number[],
): Promise<Map<number, StatusSubscriberRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('status_subscribers')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, statusSubscriberRows.decode(row)]));
}

/** The news each message carries, oldest first. */
export function newsOfMessages(db: Executor, messageIds: readonly number[]): Promise<SubscriberNewsRecord[]> {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('status_subscriber_news')
    .selectAll()
    .where('message_id', 'in', [...new Set(messageIds)])
    .orderBy('created_at')
    .orderBy('news_key')
    .execute();
}

/** Messages of one subscriber, newest first (tests and the admin's view). */
export function messagesOfSubscriber(db: Executor, subscriberId: number): Promise<SubscriberMessageRecord[]> {
  return db
    .selectFrom('status_subscriber_messages')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .orderBy('id', 'desc')
    .execute();
}

/** Cancel a subscriber's messages not yet sent (they unsubscribed or were removed). */
export async function cancelPendingMessages(tx: Executor, subscriberId: number): Promise<void> {
  await tx
    .updateTable('status_subscriber_messages')
    .set({ status: 'cancelled' })
    .where('subscriber_id', '=', subscriberId)
    .where('status', '=', 'pending')
    .execute();
}

/** Maintenance windows of component services that end after `since`, with the components. */
export function maintenanceToAnnounce(db: Executor, since: number) {
  return db
    .selectFrom('maintenance_windows as w')
    .innerJoin('status_page_component_services as cs', 'cs.service_id', 'w.service_id')
    .select(['w.id', 'w.starts_at', 'w.ends_at', 'w.created_at', 'cs.component_id'])
    .where('w.ends_at', '>=', since)
    .orderBy('w.id')
    .execute();
}

/** The maintenance steps already announced of these windows, as `window:stage`. */
export async function announcedMaintenance(db: Executor, windowIds: readonly number[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(windowIds)])) {
    const rows = await db
      .selectFrom('status_maintenance_notices')
      .select(['window_id', 'stage'])
      .where('window_id', 'in', part)
      .execute();
    for (const row of rows) found.add(`${String(row.window_id)}:${row.stage}`);
  }
  return found;
}

/** Mark a maintenance step announced; false when another process already did. */
export async function markMaintenanceAnnounced(
  tx: Executor,
  windowId: number,
  stage: string,
  now: number,
): Promise<boolean> {
  const rows = await tx
    .insertInto('status_maintenance_notices')
    .values({ window_id: windowId, stage, noticed_at: now })
    .onConflict((oc) => oc.columns(['window_id', 'stage']).doNothing())
    .returning('window_id')
    .execute();
  return rows.length > 0;
}

/** The page's bundling window, in seconds. */
export async function findBundleSeconds(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('status_page_settings')
    .select('subscriber_bundle_seconds')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return row.subscriber_bundle_seconds;
}

/** Set the page's bundling window. */
export async function updateBundleSeconds(tx: Executor, seconds: number): Promise<void> {
  await tx
    .updateTable('status_page_settings')
    .set({ subscriber_bundle_seconds: seconds })
    .where('id', '=', 1)
    .execute();
}

/** The components an incident's public updates named. */
export async function componentsOfIncidentUpdates(db: Executor, incidentId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('public_update_components as pc')
    .innerJoin('incident_public_updates as u', 'u.id', 'pc.update_id')
    .select('pc.component_id')
    .distinct()
    .where('u.incident_id', '=', incidentId)
    .execute();
  return rows.map((row) => row.component_id);
}
