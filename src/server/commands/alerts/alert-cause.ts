import { alertCaption } from '../../../core/alerts/grouping.js';
import { newestOpenAlertOf } from '../../store/queries/alerts.js';
import type { Executor } from '../../store/store.js';

/**
 * What a page about an incident says is firing: its newest open alert by name (the one that
 * opened, reopened or last joined it), and how many more are open; undefined when none is.
 */
export async function firingAlertCause(tx: Executor, incidentId: number): Promise<string | undefined> {
  const newest = await newestOpenAlertOf(tx, incidentId);
  if (!newest) return undefined;
  const more = newest.openCount - 1;
  return `alert ${alertCaption(newest.alert)}${more > 0 ? ` (+${more} more firing)` : ''}`;
}
