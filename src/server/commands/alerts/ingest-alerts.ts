import type { AlertEvent } from '../../../core/alerts/alert-event.js';
import type { AppContext } from '../context.js';
import { type EventOrigin, type EventOutcome, processAlertEvents } from './process-alert-events.js';

/** One request's events. */
export interface AlertSubmission {
  origin: EventOrigin;
  events: readonly AlertEvent[];
}

/**
 * Run several requests' events through the pipeline in ONE transaction (group commit):
 * all are on disk when this resolves. Services are locked in id order so several Beacon
 * processes on one PostgreSQL group the same service's alerts one at a time.
 */
export async function ingestAlertBatch(
  ctx: AppContext,
  submissions: readonly AlertSubmission[],
): Promise<EventOutcome[][]> {
  const now = ctx.clock.now();
  const results = await ctx.store.transaction(async (tx) => {
    const serviceIds = [...new Set(submissions.map((s) => s.origin.serviceId))].sort((a, b) => a - b);
    for (const id of serviceIds) await ctx.store.dialect.lock(tx, `alerts:${id}`);
    const all: EventOutcome[][] = [];
    for (const submission of submissions) {
      all.push(await processAlertEvents(tx, submission.origin, submission.events, now));
    }
    return all;
  });
  if (results.some((outcomes) => outcomes.some((o) => o.incidentId !== null && o.result !== 'unchanged'))) {
    ctx.onIncidentsChanged();
  }
  return results;
}
