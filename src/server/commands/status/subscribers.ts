import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from '../../../core/errors.js';
import { INTAKE_LIMITS, secondsUntilWindowEnds } from '../../../core/reports/intake-limits.js';
import type {
  AddSubscriberBody,
  SubscribeBody,
  Subscriber,
  SubscriberChannel,
  SubscriberState,
} from '../../../core/schemas/status-subscribers.js';
import { countReportSubmission } from '../../store/queries/reports.js';
import { existingComponentIds } from '../../store/queries/status-page.js';
import {
  type StatusSubscriberRecord,
  cancelPendingMessages,
  componentsOfSubscribers,
  findSubscriberByAddress,
  insertSubscriberMessages,
  insertSubscriber,
  setSubscriberComponents,
  updateSubscriber,
} from '../../store/queries/status-subscribers.js';
import type { Executor } from '../../store/store.js';
import { assertOutboundUrl } from '../outbound-target.js';
import { type AppContext, iso } from '../context.js';
import { clientIpHash, randomSecret, secretHash } from '../secrets.js';
import { subscriberToken } from './subscriber-tokens.js';

/** Who asks for a subscription, and the signing key its token is derived with. */
export interface SubscribeRequest {
  source: 'form' | 'api';
  ip: string | undefined;
  signingSecret: string;
}

/**
 * Ask for a subscription (double opt-in): a new or unconfirmed address gets a confirmation
 * mail, a confirmed one a mail with its management link, so the answer never tells whether an
 * address is subscribed and nobody changes another's choices. Limited per IP and per address.
 */
export async function requestSubscription(
  ctx: AppContext,
  body: SubscribeBody,
  request: SubscribeRequest,
): Promise<void> {
  const now = ctx.clock.now();
  const email = body.email ?? '';
  const channel: SubscriberChannel = body.endpoint === undefined ? 'email' : 'webhook';
  const address = body.endpoint ?? email;
  if (body.endpoint !== undefined) assertOutboundUrl(ctx, 'endpoint', body.endpoint);
  const componentIds = body.componentIds ?? [];
  await ctx.store.transaction(async (tx) => {
    const ipHash = request.ip === undefined ? undefined : clientIpHash(request.signingSecret, request.ip);
    await enforceSubscribeLimits(tx, ipHash, email, now);
    await checkComponents(tx, componentIds);
    const existing = await findSubscriberByAddress(tx, channel, address);
    if (existing?.state === 'confirmed') {
      await queueConfirmation(tx, existing.id, now);
      return;
    }
    const subscriber = existing
      ? await reopenSubscriber(
          tx,
          existing,
          { email, componentIds, signingSecret: request.signingSecret },
          now,
        )
      : await insertNewSubscriber(
          tx,
          { channel, address, email, componentIds, source: request.source, state: 'pending' },
          request.signingSecret,
          now,
        );
    await queueConfirmation(tx, subscriber.id, now);
  });
}

/** The values of a new subscriber. */
export interface NewSubscriber {
  channel: SubscriberChannel;
  address: string;
  email: string | null;
  componentIds: readonly number[];
  source: 'form' | 'api' | 'admin';
  state: SubscriberState;
  skipReason?: string | null;
  createdBy?: number | null;
}

/** Insert a subscriber with a fresh token and their components. */
export async function insertNewSubscriber(
  tx: Executor,
  values: NewSubscriber,
  signingSecret: string,
  now: number,
): Promise<StatusSubscriberRecord> {
  const salt = randomSecret(24);
  const subscriber = await insertSubscriber(tx, {
    channel: values.channel,
    address: values.address,
    email: values.email,
    all_components: values.componentIds.length === 0,
    state: values.state,
    source: values.source,
    token_salt: salt,
    token_hash: secretHash(subscriberToken(signingSecret, salt)),
    skip_reason: values.skipReason ?? null,
    created_by: values.createdBy ?? null,
    created_at: now,
    confirmed_at: values.state === 'confirmed' ? now : null,
    unsubscribed_at: null,
    updated_at: now,
  });
  await setSubscriberComponents(tx, subscriber.id, values.componentIds);
  return subscriber;
}

/** An unconfirmed or unsubscribed address asks again: pending, with the new choice and a new token. */
async function reopenSubscriber(
  tx: Executor,
  existing: StatusSubscriberRecord,
  values: { email: string; componentIds: readonly number[]; signingSecret: string },
  now: number,
): Promise<StatusSubscriberRecord> {
  // A new token ends the links of earlier mails to an address that had unsubscribed.
  const salt = existing.state === 'unsubscribed' ? randomSecret(24) : existing.token_salt;
  const changes = {
    email: values.email,
    all_components: values.componentIds.length === 0,
    state: 'pending',
    token_salt: salt,
    token_hash: secretHash(subscriberToken(values.signingSecret, salt)),
    unsubscribed_at: null,
    updated_at: now,
  };
  await updateSubscriber(tx, existing.id, changes);
  await setSubscriberComponents(tx, existing.id, values.componentIds);
  return { ...existing, ...changes };
}

/** Queue the confirmation (or, for a confirmed subscriber, the management) mail, due now. */
export async function queueConfirmation(tx: Executor, subscriberId: number, now: number): Promise<void> {
  await insertSubscriberMessages(tx, [
    {
      subscriber_id: subscriberId,
      kind: 'confirmation',
      subject_kind: null,
      subject_id: null,
      next_attempt_at: now,
      last_error: null,
      created_at: now,
      sent_at: null,
    },
  ]);
}

/** Components named must exist; the error names `componentIds`. */
export async function checkComponents(tx: Executor, componentIds: readonly number[]): Promise<void> {
  if (componentIds.length === 0) return;
  const existing = await existingComponentIds(tx, componentIds);
  const missing = componentIds.find((id) => !existing.has(id));
  if (missing !== undefined) {
    throw new ValidationError('componentIds', `no status-page component with id ${String(missing)}`);
  }
}

/** The public subscribe form and endpoint share the report form's limits, counted apart. */
async function enforceSubscribeLimits(tx: Executor, ipHash: string | undefined, email: string, now: number) {
  const keys: Array<[string, { max: number; windowMs: number }]> = [
    ...(ipHash === undefined
      ? []
      : [[`subscribe-ip:${ipHash}`, INTAKE_LIMITS.perIp] as [string, typeof INTAKE_LIMITS.perIp]]),
    [`subscribe-email:${secretHash(email)}`, INTAKE_LIMITS.perEmail],
  ];
  for (const [key, limit] of keys) {
    const { count, windowStart } = await countReportSubmission(tx, key, now, limit.windowMs);
    if (count > limit.max) {
      throw new RateLimitedError(
        secondsUntilWindowEnds(windowStart, limit, now),
        'too many subscription requests; try again later',
      );
    }
  }
}

/** Add a subscriber by hand (admin): pending with a confirmation mail, or confirmed with a reason. */
export async function addSubscriberRecord(
  ctx: AppContext,
  tx: Executor,
  body: AddSubscriberBody,
  options: { signingSecret: string; userId: number; now: number },
): Promise<StatusSubscriberRecord> {
  const address = body.channel === 'email' ? body.address.toLowerCase() : body.address;
  if (body.channel === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
    throw new ValidationError('address', 'must be an email address');
  }
  if (body.channel === 'webhook') {
    if (!/^https?:\/\/[^\s]+$/i.test(address))
      throw new ValidationError('address', 'must be an http or https URL');
    assertOutboundUrl(ctx, 'address', address);
  }
  const email = body.channel === 'email' ? address : (body.email ?? null);
  if (body.skipOptIn && !body.reason) {
    throw new ValidationError('reason', 'is required to add a subscriber without their confirmation');
  }
  if (!body.skipOptIn && email === null) {
    throw new ValidationError('email', 'is required to ask the subscriber to confirm');
  }
  const componentIds = body.componentIds ?? [];
  await checkComponents(tx, componentIds);
  if (await findSubscriberByAddress(tx, body.channel, address)) {
    throw new ConflictError('this address is already subscribed', 'address');
  }
  const subscriber = await insertNewSubscriber(
    tx,
    {
      channel: body.channel,
      address,
      email,
      componentIds,
      source: 'admin',
      state: body.skipOptIn ? 'confirmed' : 'pending',
      skipReason: body.skipOptIn ? (body.reason ?? null) : null,
      createdBy: options.userId,
    },
    options.signingSecret,
    options.now,
  );
  if (!body.skipOptIn) await queueConfirmation(tx, subscriber.id, options.now);
  return subscriber;
}

/** Unsubscribe: nothing more is sent, and what waits is cancelled. */
export async function endSubscription(tx: Executor, subscriber: StatusSubscriberRecord, now: number) {
  await updateSubscriber(tx, subscriber.id, { state: 'unsubscribed', unsubscribed_at: now, updated_at: now });
  await cancelPendingMessages(tx, subscriber.id);
}

/** Subscribers as admins see them, with their components' names. */
export async function viewSubscribers(
  db: Executor,
  rows: readonly StatusSubscriberRecord[],
): Promise<Subscriber[]> {
  const components = await componentsOfSubscribers(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel as SubscriberChannel,
    address: row.address,
    email: row.email,
    state: row.state as SubscriberState,
    source: row.source as Subscriber['source'],
    allComponents: row.all_components,
    components: components
      .filter((c) => c.subscriber_id === row.id)
      .map((c) => ({ id: c.component_id, name: c.name })),
    skipReason: row.skip_reason,
    createdAt: iso(row.created_at),
    confirmedAt: iso(row.confirmed_at),
    unsubscribedAt: iso(row.unsubscribed_at),
  }));
}

/** A subscription found by its token, or a 404 that says nothing more. */
export function notFoundSubscription(): NotFoundError {
  return new NotFoundError('subscription');
}
