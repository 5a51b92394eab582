import {
  announcedMaintenance,
  componentsOfIncidentUpdates,
  deleteEmptyNewsMessages,
  findBundleSeconds,
  holdOpenBundles,
  insertSubscriberMessages,
  insertSubscriberNews,
  maintenanceToAnnounce,
  markMaintenanceAnnounced,
  matchingSubscriberIds,
  subscribersWithNews,
} from '../../store/queries/status-subscribers.js';
import type { Executor } from '../../store/store.js';
import type { AppContext } from '../context.js';

/** What a piece of news is about: a published incident or a maintenance window. */
export interface NewsSubject {
  kind: 'incident' | 'maintenance';
  id: number;
}

/** One piece of news for subscribers. */
export interface SubscriberNews {
  subject: NewsSubject;
  /** Unique per piece of news: a subscriber receives each key once, ever. */
  key: string;
  /** The update it is, as the public page names it. */
  updateRef: string;
  /** The components it touches (none: it reaches every confirmed subscriber). */
  componentIds: readonly number[];
}

/** How far back maintenance windows are looked at: a step missed by longer is not announced late. */
const MAINTENANCE_LOOKBACK_MS = 86_400_000;

/**
 * Queue a piece of news to every matching confirmed subscriber, in the caller's transaction.
 * It joins the subscriber's open bundle about the same subject (a message not yet attempted),
 * or starts one due after the page's bundling window. A subscriber who already has this key
 * gets nothing: the news table's key makes it exactly once, whoever queues it and however often.
 */
export async function queueSubscriberNews(tx: Executor, news: SubscriberNews, now: number): Promise<number> {
  const matching = await matchingSubscriberIds(tx, news.componentIds);
  if (matching.length === 0) return 0;
  const told = await subscribersWithNews(tx, matching, news.key);
  const toTell = matching.filter((id) => !told.has(id));
  if (toTell.length === 0) return 0;
  const open = await holdOpenBundles(tx, news.subject);
  const due = now + (await findBundleSeconds(tx)) * 1000;
  const created = await insertSubscriberMessages(
    tx,
    toTell
      .filter((id) => !open.has(id))
      .map((subscriber_id) => ({
        subscriber_id,
        kind: 'news',
        subject_kind: news.subject.kind,
        subject_id: news.subject.id,
        next_attempt_at: due,
        last_error: null,
        created_at: now,
        sent_at: null,
      })),
  );
  const messageOf = (id: number) => open.get(id) ?? created.get(id);
  const inserted = await insertSubscriberNews(
    tx,
    toTell.flatMap((subscriber_id) => {
      const message_id = messageOf(subscriber_id);
      return message_id === undefined
        ? []
        : [{ subscriber_id, news_key: news.key, message_id, update_ref: news.updateRef, created_at: now }];
    }),
  );
  // A racing transaction may have told some of them first: their new message carries nothing.
  if (inserted.size < toTell.length) await deleteEmptyNewsMessages(tx, [...created.values()]);
  return inserted.size;
}

/** Queue a public update (or its correction) of an incident to its subscribers. */
export async function queueIncidentNews(
  tx: Executor,
  incidentId: number,
  update: { id: number; editedAt?: number },
  now: number,
): Promise<void> {
  const updateRef = String(update.id);
  await queueSubscriberNews(
    tx,
    {
      subject: { kind: 'incident', id: incidentId },
      key:
        update.editedAt === undefined
          ? `update:${updateRef}`
          : `update:${updateRef}:edit:${String(update.editedAt)}`,
      updateRef,
      componentIds: await componentsOfIncidentUpdates(tx, incidentId),
    },
    now,
  );
}

/** A maintenance window's stage at `now`. */
function stageAt(window: { starts_at: number; ends_at: number }, now: number) {
  if (now >= window.ends_at) return 'completed';
  return now >= window.starts_at ? 'in_progress' : 'scheduled';
}

/**
 * Announce each maintenance window's current stage (scheduled, in progress, completed) to the
 * subscribers of its components, once: the first process to mark the step announced queues it.
 * Returns how many steps it announced. Runs on the worker's tick, since time alone moves them.
 */
export async function announceMaintenance(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const rows = await maintenanceToAnnounce(ctx.store.db, now - MAINTENANCE_LOOKBACK_MS);
  if (rows.length === 0) return 0;
  const windows = new Map<number, { starts_at: number; ends_at: number; componentIds: number[] }>();
  for (const row of rows) {
    const window = windows.get(row.id) ?? {
      starts_at: row.starts_at,
      ends_at: row.ends_at,
      componentIds: [],
    };
    window.componentIds.push(row.component_id);
    windows.set(row.id, window);
  }
  const announced = await announcedMaintenance(ctx.store.db, [...windows.keys()]);
  let count = 0;
  for (const [id, window] of windows) {
    const stage = stageAt(window, now);
    if (announced.has(`${String(id)}:${stage}`)) continue;
    const isNew = await ctx.store.transaction(async (tx) => {
      if (!(await markMaintenanceAnnounced(tx, id, stage, now))) return false;
      await queueSubscriberNews(
        tx,
        {
          subject: { kind: 'maintenance', id },
          key: `maintenance:${String(id)}:${stage}`,
          updateRef: `${String(id)}-${stage}`,
          componentIds: window.componentIds,
        },
        now,
      );
      return true;
    });
    if (isNew) count++;
  }
  return count;
}
