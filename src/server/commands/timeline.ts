import type { Executor } from '../store/store.js';
import {
  type TimelineAppend,
  insertTimelineEntries,
  insertTimelineEntry,
} from '../store/queries/timeline.js';
import { queueIncidentWebhooks } from './outbox/webhook-events.js';

/**
 * Append one line to an incident's timeline and queue the webhook event it announces, in
 * the same transaction. Every command that changes an incident writes its timeline through
 * here, so each path (API, alerts, one-click links, timers) announces exactly when it commits.
 */
export async function appendTimeline(tx: Executor, entry: TimelineAppend): Promise<number> {
  const id = await insertTimelineEntry(tx, entry);
  await queueIncidentWebhooks(tx, entry);
  return id;
}

/**
 * Append several lines, in this order, with one insert, and queue the webhook event each
 * announces (as `appendTimeline` does for one), in the same transaction.
 */
export async function appendTimelineEntries(tx: Executor, entries: readonly TimelineAppend[]): Promise<void> {
  await insertTimelineEntries(tx, entries);
  for (const entry of entries) await queueIncidentWebhooks(tx, entry);
}
