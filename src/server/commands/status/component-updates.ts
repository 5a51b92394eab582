import {
  insertComponentUpdate,
  moveNoticedStatus,
  noticedComponentStatuses,
} from '../../store/queries/component-updates.js';
import { insertSubscriberMessages, matchingSubscriberIds } from '../../store/queries/status-subscribers.js';
import type { Executor } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { componentStatuses, loadStatusSources } from './status-sources.js';

/**
 * Tell webhook subscribers of every component whose shown status moved since they last heard,
 * in the caller's transaction: each change is recorded once (the noticed status moves from the
 * old value to the new one, or another writer did it first and this one tells nothing) and
 * queued as one `component_update` message per confirmed webhook subscriber of the component
 * (all components, or one that chose it), due at once, never bundled. A component seen for the
 * first time only has its status noted. Email subscribers hear of incidents and maintenance,
 * not of component changes, as on Statuspage. Returns how many changes it recorded.
 */
export async function queueComponentUpdates(tx: Executor, now: number): Promise<number> {
  const [statuses, noticed] = await Promise.all([
    loadStatusSources(tx, now).then(componentStatuses),
    noticedComponentStatuses(tx),
  ]);
  let count = 0;
  for (const [componentId, status] of statuses) {
    const before = noticed.get(componentId);
    if (before === status) continue;
    if (!(await moveNoticedStatus(tx, componentId, before, status, now))) continue;
    if (before === undefined) continue;
    const updateId = await insertComponentUpdate(tx, {
      component_id: componentId,
      old_status: before,
      new_status: status,
      created_at: now,
    });
    const subscribers = await matchingSubscriberIds(tx, [componentId], 'webhook');
    await insertSubscriberMessages(
      tx,
      subscribers.map((subscriber_id) => ({
        subscriber_id,
        kind: 'component_update',
        subject_kind: 'component_update',
        subject_id: updateId,
        next_attempt_at: now,
        last_error: null,
        created_at: now,
        sent_at: null,
      })),
    );
    count++;
  }
  return count;
}

/**
 * The worker's look for changes no command makes: a maintenance window starting or ending, a
 * check failing or recovering. Reads first and writes only when a status moved.
 */
export async function announceComponentChanges(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const db = ctx.store.db;
  const [statuses, noticed] = await Promise.all([
    loadStatusSources(db, now).then(componentStatuses),
    noticedComponentStatuses(db),
  ]);
  const hasMoved = [...statuses].some(([id, status]) => noticed.get(id) !== status);
  if (!hasMoved) return 0;
  return ctx.store.transaction((tx) => queueComponentUpdates(tx, now));
}
