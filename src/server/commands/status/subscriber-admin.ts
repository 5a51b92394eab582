import { NotFoundError } from '../../../core/errors.js';
import type {
  AddSubscriberBody,
  Subscriber,
  SubscriberCounts,
  SubscriberList,
  SubscriberListQuery,
  SubscriberSettingsPatch,
} from '../../../core/schemas/status-subscribers.js';
import {
  countSubscribers,
  deleteSubscriber,
  findBundleSeconds,
  findSubscriber,
  listSubscribers,
  updateBundleSeconds,
} from '../../store/queries/status-subscribers.js';
import { auditChange } from '../audit-change.js';
import type { AppContext, Caller } from '../context.js';
import { subscriberSigningKey } from './subscriber-tokens.js';
import { addSubscriberRecord, viewSubscribers } from './subscribers.js';

/** Subscribers by filters (state, channel, component, words of the address), with the counts. */
export async function getSubscribers(ctx: AppContext, query: SubscriberListQuery): Promise<SubscriberList> {
  const db = ctx.store.db;
  const [rows, counted, bundleSeconds] = await Promise.all([
    listSubscribers(db, {
      limit: query.limit,
      ...(query.state ? { state: query.state } : {}),
      ...(query.channel ? { channel: query.channel } : {}),
      ...(query.componentId ? { componentId: query.componentId } : {}),
      ...(query.q ? { q: query.q } : {}),
    }),
    countSubscribers(db),
    findBundleSeconds(db),
  ]);
  const counts: SubscriberCounts = { pending: 0, confirmed: 0, unsubscribed: 0, email: 0, webhook: 0 };
  for (const { state, channel, count } of counted) {
    if (state === 'pending' || state === 'confirmed' || state === 'unsubscribed') counts[state] += count;
    if (state !== 'unsubscribed' && (channel === 'email' || channel === 'webhook')) counts[channel] += count;
  }
  return { items: await viewSubscribers(db, rows), counts, bundleSeconds };
}

/**
 * Add a subscriber (admin). Without `skipOptIn` they get a confirmation mail like anyone who
 * subscribes on the page; with it they are confirmed at once, and the reason is in the audit log.
 * A webhook subscriber's signing key is returned here, once.
 */
export async function addSubscriber(
  ctx: AppContext,
  caller: Caller,
  body: AddSubscriberBody,
  signingSecret: string,
): Promise<Subscriber & { signingKey: string | null }> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const row = await addSubscriberRecord(ctx, tx, body, { signingSecret, userId: caller.userId, now });
    await auditChange(tx, caller, now, 'status_subscriber.create', row.id, {
      after: {
        channel: row.channel,
        address: row.address,
        componentIds: body.componentIds ?? [],
        optIn: body.skipOptIn ? 'skipped' : 'asked',
        ...(body.skipOptIn ? { reason: body.reason } : {}),
      },
    });
    const [view] = await viewSubscribers(tx, [row]);
    if (!view) throw new NotFoundError(`subscriber ${String(row.id)}`);
    return {
      ...view,
      signingKey: row.channel === 'webhook' ? subscriberSigningKey(signingSecret, row.token_salt) : null,
    };
  });
}

/** Remove a subscriber (admin): they and what waits for them are deleted. */
export async function removeSubscriber(ctx: AppContext, caller: Caller, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await findSubscriber(tx, id);
    if (!row) throw new NotFoundError(`subscriber ${String(id)}`);
    await deleteSubscriber(tx, id);
    await auditChange(tx, caller, now, 'status_subscriber.delete', id, {
      before: { channel: row.channel, address: row.address, state: row.state },
    });
  });
}

/** Change the bundling window (admin, audited). */
export async function updateSubscriberSettings(
  ctx: AppContext,
  caller: Caller,
  patch: SubscriberSettingsPatch,
): Promise<{ bundleSeconds: number }> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const before = await findBundleSeconds(tx);
    await updateBundleSeconds(tx, patch.bundleSeconds);
    await auditChange(tx, caller, now, 'status_subscriber_settings.update', null, {
      before: { bundleSeconds: before },
      after: { bundleSeconds: patch.bundleSeconds },
    });
  });
  return { bundleSeconds: patch.bundleSeconds };
}

const CSV_COLUMNS = [
  'id',
  'channel',
  'address',
  'email',
  'state',
  'source',
  'components',
  'created_at',
  'confirmed_at',
  'unsubscribed_at',
];

/** The subscribers the filters select, as CSV (RFC 4180; cells that a spreadsheet would run as a formula are quoted with a leading apostrophe). */
export async function exportSubscribersCsv(ctx: AppContext, query: SubscriberListQuery): Promise<string> {
  const { items } = await getSubscribers(ctx, { ...query, limit: query.limit });
  const lines = [CSV_COLUMNS.join(',')];
  for (const s of items) {
    lines.push(
      [
        String(s.id),
        s.channel,
        s.address,
        s.email ?? '',
        s.state,
        s.source,
        s.allComponents ? 'all' : s.components.map((c) => c.name).join('; '),
        s.createdAt,
        s.confirmedAt ?? '',
        s.unsubscribedAt ?? '',
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
