import { randomUUID } from 'node:crypto';
import { type Insertable, type Updateable } from 'kysely';
import { TEST_EVENT_TYPE, type WebhookEventPayload } from '../../../core/schemas/webhooks.js';
import type {
  WebhookAttemptRow,
  WebhookAttemptsTable,
  WebhookDeliveriesTable,
  WebhookSubscriptionsTable,
} from '../schema.js';
import type { Executor } from '../store.js';
import { finishLeased, leaseDue } from './leases.js';
import { incidentRows } from './rows/incidents.js';
import {
  type WebhookDeliveryRecord,
  type WebhookSubscriptionRecord,
  deliveryRows,
  subscriptionRows,
} from './rows/webhooks.js';

/** A subscription's filters, decoded. */
export interface WebhookFilterRow {
  id: number;
  eventTypes: string[] | null;
  serviceIds: number[] | null;
}

export type { WebhookDeliveryRecord, WebhookSubscriptionRecord };

/** What a subscription is written with, before encoding. */
export type WebhookSubscriptionValues = Omit<WebhookSubscriptionRecord, 'id'>;

/** Every subscription, oldest first. */
export async function listWebhookSubscriptions(db: Executor): Promise<WebhookSubscriptionRecord[]> {
  const rows = await db.selectFrom('webhook_subscriptions').selectAll().orderBy('id').execute();
  return rows.map(subscriptionRows.decode);
}

/** One subscription by id. */
export async function findWebhookSubscription(
  db: Executor,
  id: number,
): Promise<WebhookSubscriptionRecord | undefined> {
  const row = await db
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && subscriptionRows.decode(row);
}

/** Insert a subscription; returns it. */
export async function insertWebhookSubscription(
  tx: Executor,
  values: WebhookSubscriptionValues,
): Promise<WebhookSubscriptionRecord> {
  const row = await tx
    .insertInto('webhook_subscriptions')
    .values(subscriptionRows.encode<Insertable<WebhookSubscriptionsTable>>(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return subscriptionRows.decode(row);
}

/** Change a subscription; returns it, or undefined when there is none. */
export async function updateWebhookSubscription(
  tx: Executor,
  id: number,
  changes: Partial<WebhookSubscriptionValues>,
): Promise<WebhookSubscriptionRecord | undefined> {
  const row = await tx
    .updateTable('webhook_subscriptions')
    .set(subscriptionRows.encode<Updateable<WebhookSubscriptionsTable>>(changes))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && subscriptionRows.decode(row);
}

/** Delete a subscription with its deliveries and their log (by cascade); false when there was none. */
export async function deleteWebhookSubscription(tx: Executor, id: number): Promise<boolean> {
  const result = await tx.deleteFrom('webhook_subscriptions').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Pending and dead counts and the latest finished delivery of each subscription. */
export async function webhookDeliveryStats(db: Executor, subscriptionIds: readonly number[]) {
  if (subscriptionIds.length === 0) return [];
  const counts = await db
    .selectFrom('webhook_deliveries')
    .select(['subscription_id', 'status', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('subscription_id', 'in', subscriptionIds)
    .where('status', 'in', ['pending', 'sending', 'dead'])
    .groupBy(['subscription_id', 'status'])
    .execute();
  const latest = await db
    .selectFrom('webhook_attempts')
    .innerJoin('webhook_deliveries', 'webhook_deliveries.id', 'webhook_attempts.delivery_id')
    .select([
      'webhook_deliveries.subscription_id',
      'webhook_deliveries.status',
      'webhook_attempts.at',
      'webhook_attempts.http_status',
    ])
    .where('webhook_attempts.id', 'in', (eb) =>
      eb
        .selectFrom('webhook_attempts as a')
        .innerJoin('webhook_deliveries as d', 'd.id', 'a.delivery_id')
        .select((inner) => inner.fn.max('a.id').as('id'))
        .where('d.subscription_id', 'in', subscriptionIds)
        .groupBy('d.subscription_id'),
    )
    .execute();
  return subscriptionIds.map((id) => {
    const count = (statuses: string[]) =>
      counts
        .filter((row) => row.subscription_id === id && statuses.includes(row.status))
        .reduce((sum, row) => sum + Number(row.count), 0);
    return {
      subscriptionId: id,
      pending: count(['pending', 'sending']),
      dead: count(['dead']),
      latest: latest.find((row) => row.subscription_id === id),
    };
  });
}

/** Enabled subscriptions with their event and service filters (null: every one). */
export async function listEnabledWebhookFilters(tx: Executor): Promise<WebhookFilterRow[]> {
  const rows = await tx
    .selectFrom('webhook_subscriptions')
    .select(['id', 'event_types', 'service_ids'])
    .where('enabled', '=', 1)
    .execute();
  return rows.map(subscriptionRows.decode).map((row) => ({
    id: row.id,
    eventTypes: row.event_types,
    serviceIds: row.service_ids,
  }));
}

/** Insert one pending delivery of `payload` per target, due at `now`. */
export async function insertWebhookDeliveries(
  tx: Executor,
  targets: ReadonlyArray<{ subscriptionId: number; incidentId: number | null }>,
  payload: WebhookEventPayload,
  now: number,
): Promise<WebhookDeliveryRecord[]> {
  if (targets.length === 0) return [];
  const { payload: body } = deliveryRows.encode<Pick<WebhookDeliveriesTable, 'payload'>>({ payload });
  const rows: Array<Insertable<WebhookDeliveriesTable>> = targets.map((target) => ({
    subscription_id: target.subscriptionId,
    delivery_id: randomUUID(),
    event_id: payload.id,
    event_type: payload.event_type,
    incident_id: target.incidentId,
    payload: body,
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    lease_until: null,
    last_http_status: null,
    last_error: null,
    created_at: now,
    delivered_at: null,
  }));
  const inserted = await tx.insertInto('webhook_deliveries').values(rows).returningAll().execute();
  return inserted.map(deliveryRows.decode);
}

/** An incident with its services (by name), commander and merge target, as events carry it. */
export async function findWebhookIncidentRows(tx: Executor, incidentId: number) {
  const row = incidentRows.decode(
    await tx.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirstOrThrow(),
  );
  const services = await tx
    .selectFrom('incident_services')
    .innerJoin('services', 'services.id', 'incident_services.service_id')
    .select(['services.id', 'services.name'])
    .where('incident_services.incident_id', '=', incidentId)
    .orderBy('services.name')
    .execute();
  const commander =
    row.commander_id === null
      ? undefined
      : await tx
          .selectFrom('users')
          .select(['id', 'name'])
          .where('id', '=', row.commander_id)
          .executeTakeFirst();
  const target =
    row.merged_into_id === null
      ? undefined
      : await tx
          .selectFrom('incidents')
          .select(['id', 'number'])
          .where('id', '=', row.merged_into_id)
          .executeTakeFirst();
  return { row, services, commander, target };
}

/**
 * Lease up to `limit` due deliveries (or ones whose sender died mid-send) in one statement.
 * A delivery waits while an earlier one of the same incident to the same subscription is
 * unfinished, so each receiver gets an incident's events in order, retries included.
 */
export async function claimDueWebhookDeliveries(
  db: Executor,
  claim: { now: number; leaseMs: number; limit: number },
): Promise<WebhookDeliveryRecord[]> {
  const { now, leaseMs, limit } = claim;
  const due = db
    .selectFrom('webhook_deliveries')
    .select('webhook_deliveries.id')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('webhook_deliveries.status', '=', 'pending'),
          eb('webhook_deliveries.next_attempt_at', '<=', now),
        ]),
        eb.and([
          eb('webhook_deliveries.status', '=', 'sending'),
          eb('webhook_deliveries.lease_until', '<', now),
        ]),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb('webhook_deliveries.event_type', '=', TEST_EVENT_TYPE),
        eb(
          'webhook_deliveries.subscription_id',
          'in',
          eb.selectFrom('webhook_subscriptions').select('id').where('enabled', '=', 1),
        ),
      ]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('webhook_deliveries as e')
            .select('e.id')
            .whereRef('e.subscription_id', '=', 'webhook_deliveries.subscription_id')
            .whereRef('e.incident_id', '=', 'webhook_deliveries.incident_id')
            .whereRef('e.id', '<', 'webhook_deliveries.id')
            .where('e.status', 'in', ['pending', 'sending']),
        ),
      ),
    )
    .orderBy('webhook_deliveries.next_attempt_at')
    .orderBy('webhook_deliveries.id')
    .limit(limit);
  return (await leaseDue(db, 'webhook_deliveries', due, { now, leaseMs })).map(deliveryRows.decode);
}

/** Finish a delivery this claimer still holds (same lease); false when the lease was lost. */
export function finishWebhookDelivery(
  tx: Executor,
  held: Pick<WebhookDeliveryRecord, 'id' | 'lease_until'>,
  changes: {
    status: 'pending' | 'delivered' | 'dead';
    next_attempt_at?: number;
    last_http_status: number | null;
    last_error: string | null;
    delivered_at?: number | null;
  },
): Promise<boolean> {
  return finishLeased(tx, 'webhook_deliveries', held, changes);
}

/** Log one HTTP attempt of a delivery. */
export async function insertWebhookAttempt(
  tx: Executor,
  row: Insertable<WebhookAttemptsTable>,
): Promise<void> {
  await tx.insertInto('webhook_attempts').values(row).execute();
}

/** A subscription's deliveries, newest first, before id `beforeId` when paging. */
export async function listWebhookDeliveries(
  db: Executor,
  subscriptionId: number,
  options: { status?: string | undefined; limit: number; beforeId?: number | undefined },
) {
  let q = db
    .selectFrom('webhook_deliveries')
    .leftJoin('incidents', 'incidents.id', 'webhook_deliveries.incident_id')
    .selectAll('webhook_deliveries')
    .select('incidents.number as incident_number')
    .where('webhook_deliveries.subscription_id', '=', subscriptionId);
  if (options.status) q = q.where('webhook_deliveries.status', '=', options.status);
  if (options.beforeId !== undefined) q = q.where('webhook_deliveries.id', '<', options.beforeId);
  const rows = await q
    .orderBy('webhook_deliveries.id', 'desc')
    .limit(options.limit + 1)
    .execute();
  return rows.map(deliveryRows.decode);
}

/** One delivery of a subscription, with its incident's number. */
export async function findWebhookDelivery(db: Executor, subscriptionId: number, id: number) {
  const row = await db
    .selectFrom('webhook_deliveries')
    .leftJoin('incidents', 'incidents.id', 'webhook_deliveries.incident_id')
    .selectAll('webhook_deliveries')
    .select('incidents.number as incident_number')
    .where('webhook_deliveries.subscription_id', '=', subscriptionId)
    .where('webhook_deliveries.id', '=', id)
    .executeTakeFirst();
  return row && deliveryRows.decode(row);
}

/** Every attempt of a delivery, newest first. */
export function webhookAttemptsOf(db: Executor, deliveryId: number): Promise<WebhookAttemptRow[]> {
  return db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('delivery_id', '=', deliveryId)
    .orderBy('id', 'desc')
    .execute();
}

/** Queue a finished (dead or delivered) delivery again, due now, with fresh attempts. */
export async function requeueWebhookDelivery(tx: Executor, id: number, now: number): Promise<boolean> {
  const result = await tx
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, lease_until: null, delivered_at: null })
    .where('id', '=', id)
    .where('status', 'in', ['dead', 'delivered'])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Forget finished deliveries (and their attempts) of a subscription older than `before` or
 * beyond its newest `keep`; unfinished ones are never pruned. Returns how many went.
 */
export async function pruneWebhookDeliveries(
  tx: Executor,
  subscriptionId: number,
  limits: { before: number; keep: number },
): Promise<number> {
  const boundary = await tx
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('subscription_id', '=', subscriptionId)
    .orderBy('id', 'desc')
    .offset(limits.keep - 1)
    .limit(1)
    .executeTakeFirst();
  const result = await tx
    .deleteFrom('webhook_deliveries')
    .where('subscription_id', '=', subscriptionId)
    .where('status', 'in', ['delivered', 'dead'])
    .where((eb) =>
      eb.or([eb('created_at', '<', limits.before), ...(boundary ? [eb('id', '<', boundary.id)] : [])]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
