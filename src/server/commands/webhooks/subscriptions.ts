import { NotFoundError, ValidationError } from '../../../core/errors.js';
import type {
  CreateWebhookBody,
  UpdateWebhookBody,
  WebhookEventType,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from '../../../core/schemas/webhooks.js';
import { appendAudit } from '../../store/queries/audit.js';
import { findServicesByIds } from '../../store/queries/services.js';
import {
  deleteWebhookSubscription,
  findWebhookSubscription,
  insertWebhookSubscription,
  listWebhookSubscriptions,
  updateWebhookSubscription,
  type WebhookSubscriptionRecord,
  webhookDeliveryStats,
} from '../../store/queries/webhooks.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, type Caller, iso } from '../context.js';
import { assertOutboundUrl } from '../outbound-target.js';
import { randomSecret } from '../secrets.js';

/** Signing secrets start with this, so a leaked one is easy to recognise. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

function newSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomSecret(32);
}

/** Every subscription with its delivery health. */
export async function getWebhookSubscriptions(ctx: AppContext): Promise<WebhookSubscription[]> {
  return viewSubscriptions(ctx.store.db, await listWebhookSubscriptions(ctx.store.db));
}

/** One subscription with its delivery health. */
export async function getWebhookSubscription(ctx: AppContext, id: number): Promise<WebhookSubscription> {
  const [view] = await viewSubscriptions(ctx.store.db, [await loadSubscription(ctx.store.db, id)]);
  if (!view) throw new NotFoundError(`webhook ${id}`);
  return view;
}

/** Create a subscription with a new signing secret, shown in the reply (admins). Audited. */
export async function createWebhookSubscription(
  ctx: AppContext,
  caller: Caller,
  body: CreateWebhookBody,
): Promise<WebhookSubscriptionWithSecret> {
  assertOutboundUrl(ctx, 'url', body.url);
  const now = ctx.clock.now();
  const row = await ctx.store.transaction(async (tx) => {
    await assertServicesExist(tx, body.serviceIds);
    const created = await insertWebhookSubscription(tx, {
      url: body.url,
      description: body.description,
      event_types: unique(body.eventTypes),
      service_ids: unique(body.serviceIds),
      enabled: body.enabled,
      secret: newSecret(),
      created_by: caller.userId,
      created_at: now,
      updated_at: now,
    });
    await audit(tx, caller, now, 'webhook.create', created.id, {
      url: body.url,
      eventTypes: body.eventTypes,
      serviceIds: body.serviceIds,
      enabled: body.enabled,
    });
    return created;
  });
  return { ...(await getWebhookSubscription(ctx, row.id)), secret: row.secret };
}

/** Change a subscription's address, filters, description or enabled flag (admins). Audited. */
export async function updateWebhookSubscriptionSettings(
  ctx: AppContext,
  caller: Caller,
  id: number,
  body: UpdateWebhookBody,
): Promise<WebhookSubscription> {
  if (body.url !== undefined) assertOutboundUrl(ctx, 'url', body.url);
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    await loadSubscription(tx, id);
    if (body.serviceIds !== undefined) await assertServicesExist(tx, body.serviceIds);
    await updateWebhookSubscription(tx, id, {
      ...(body.url !== undefined ? { url: body.url } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.eventTypes !== undefined ? { event_types: unique(body.eventTypes) } : {}),
      ...(body.serviceIds !== undefined ? { service_ids: unique(body.serviceIds) } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
      updated_at: now,
    });
    await audit(tx, caller, now, 'webhook.update', id, body);
  });
  return getWebhookSubscription(ctx, id);
}

/** Delete a subscription, its queued deliveries and its log (admins). Audited. */
export async function removeWebhookSubscription(ctx: AppContext, caller: Caller, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await loadSubscription(tx, id);
    await deleteWebhookSubscription(tx, id);
    await audit(tx, caller, now, 'webhook.delete', id, { url: row.url });
  });
}

/** The signing secret of a subscription (admins). Audited: who saw it, and when. */
export async function revealWebhookSecret(
  ctx: AppContext,
  caller: Caller,
  id: number,
): Promise<{ secret: string }> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const row = await loadSubscription(tx, id);
    await audit(tx, caller, now, 'webhook.reveal_secret', id);
    return { secret: row.secret };
  });
}

/**
 * Replace a subscription's signing secret; every delivery from now on, retries of earlier
 * events included, is signed with the new one (admins). Audited.
 */
export async function rotateWebhookSecret(
  ctx: AppContext,
  caller: Caller,
  id: number,
): Promise<WebhookSubscriptionWithSecret> {
  const now = ctx.clock.now();
  const secret = newSecret();
  await ctx.store.transaction(async (tx) => {
    await loadSubscription(tx, id);
    await updateWebhookSubscription(tx, id, { secret, updated_at: now });
    await audit(tx, caller, now, 'webhook.rotate_secret', id);
  });
  return { ...(await getWebhookSubscription(ctx, id)), secret };
}

/** A subscription by id, or a 404. */
export async function loadSubscription(db: Executor, id: number): Promise<WebhookSubscriptionRecord> {
  const row = await findWebhookSubscription(db, id);
  if (!row) throw new NotFoundError(`webhook ${id}`);
  return row;
}

/** Append an audit record of a webhook action. */
export async function audit(
  tx: Executor,
  caller: Caller,
  at: number,
  action: string,
  id: number,
  data?: Record<string, unknown>,
): Promise<void> {
  await appendAudit(tx, {
    at,
    actorId: caller.userId,
    action,
    targetType: 'webhook',
    targetId: id,
    data: data ?? null,
  });
}

async function assertServicesExist(tx: Executor, ids: readonly number[] | null): Promise<void> {
  if (ids === null) return;
  const found = new Set((await findServicesByIds(tx, ids)).map((service) => service.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw new ValidationError('serviceIds', `no service with id ${missing.join(', ')}`);
}

function unique<T>(list: readonly T[] | null): T[] | null {
  return list === null ? null : [...new Set(list)];
}

async function viewSubscriptions(
  db: Executor,
  rows: readonly WebhookSubscriptionRecord[],
): Promise<WebhookSubscription[]> {
  const stats = await webhookDeliveryStats(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row, index) => {
    const stat = stats[index];
    const latest = stat?.latest;
    return {
      id: row.id,
      url: row.url,
      description: row.description,
      eventTypes: row.event_types as WebhookEventType[] | null,
      serviceIds: row.service_ids,
      enabled: row.enabled,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
      lastDelivery: latest
        ? {
            status: latest.status as NonNullable<WebhookSubscription['lastDelivery']>['status'],
            at: iso(latest.at),
            httpStatus: latest.http_status,
          }
        : null,
      pendingCount: stat?.pending ?? 0,
      deadCount: stat?.dead ?? 0,
    };
  });
}
