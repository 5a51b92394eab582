import type { SubscriberPreferences } from '../../../core/schemas/status-subscribers.js';
import { listStatusComponents } from '../../store/queries/status-page.js';
import {
  type StatusSubscriberRecord,
  componentsOfSubscribers,
  findSubscriberByTokenHash,
  setSubscriberComponents,
  updateSubscriber,
} from '../../store/queries/status-subscribers.js';
import type { Executor } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { secretHash } from '../secrets.js';
import { isTokenShaped, subscriberSigningKey } from './subscriber-tokens.js';
import { checkComponents, endSubscription, notFoundSubscription } from './subscribers.js';

/** What the manage page shows a subscriber: their subscription and the page's components. */
export interface SubscriptionView {
  channel: string;
  address: string;
  state: string;
  allComponents: boolean;
  chosenIds: number[];
  components: Array<{ id: number; name: string }>;
  /** A webhook subscriber's signing key (shown to whoever holds the token). */
  signingKey: string | null;
}

async function bySubscriptionToken(db: Executor, token: string): Promise<StatusSubscriberRecord> {
  if (!isTokenShaped(token)) throw notFoundSubscription();
  const row = await findSubscriberByTokenHash(db, secretHash(token));
  if (!row) throw notFoundSubscription();
  return row;
}

/** The subscription a token names, for its page. */
export async function getSubscription(
  ctx: AppContext,
  token: string,
  signingSecret: string,
): Promise<SubscriptionView> {
  const db = ctx.store.db;
  const row = await bySubscriptionToken(db, token);
  const [chosen, components] = await Promise.all([
    componentsOfSubscribers(db, [row.id]),
    listStatusComponents(db),
  ]);
  return {
    channel: row.channel,
    address: row.address,
    state: row.state,
    allComponents: row.all_components,
    chosenIds: chosen.map((c) => c.component_id),
    components: components.map((c) => ({ id: c.id, name: c.name })),
    signingKey: row.channel === 'webhook' ? subscriberSigningKey(signingSecret, row.token_salt) : null,
  };
}

/** Confirm a subscription (the double opt-in's second step); confirming twice changes nothing. */
export async function confirmSubscription(ctx: AppContext, token: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await bySubscriptionToken(tx, token);
    if (row.state === 'confirmed') return;
    await updateSubscriber(tx, row.id, {
      state: 'confirmed',
      confirmed_at: now,
      unsubscribed_at: null,
      updated_at: now,
    });
  });
}

/** Change which components a subscriber hears about (none chosen: every component). */
export async function updateSubscriptionPreferences(
  ctx: AppContext,
  token: string,
  preferences: SubscriberPreferences,
): Promise<void> {
  const now = ctx.clock.now();
  const componentIds = preferences.componentIds ?? [];
  await ctx.store.transaction(async (tx) => {
    const row = await bySubscriptionToken(tx, token);
    await checkComponents(tx, componentIds);
    await updateSubscriber(tx, row.id, { all_components: componentIds.length === 0, updated_at: now });
    await setSubscriberComponents(tx, row.id, componentIds);
  });
}

/** Unsubscribe by token (the link in every message, and its one-click POST); twice is fine. */
export async function unsubscribeByToken(ctx: AppContext, token: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await bySubscriptionToken(tx, token);
    if (row.state === 'unsubscribed') return;
    await endSubscription(tx, row, now);
  });
}
