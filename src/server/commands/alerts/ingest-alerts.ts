import type { AlertEvent } from '../../../core/alerts/alert-event.js';
import type { AppContext } from '../context.js';
import { refusedCredentials, refusedKeyError } from '../integrations.js';
import { AlertRulesCache } from './alert-rules.js';
import { OpenAlerts } from './open-alerts.js';
import { type EventOrigin, type EventOutcome, processAlertEvents } from './process-alert-events.js';

/** One request's events. */
export interface AlertSubmission {
  origin: EventOrigin;
  events: readonly AlertEvent[];
}

/** What became of one submission: its events' outcomes, or why it was refused. */
export type SubmissionResult = EventOutcome[] | Error;

/**
 * Run several requests' events through the pipeline in ONE transaction (group commit):
 * all are on disk when this resolves. Services are locked in id order so several Beacon
 * processes on one PostgreSQL group the same service's alerts one at a time. Each
 * submission's integration key is checked again here, so one disabled or rotated since the
 * request was authenticated writes nothing; the open alerts of the whole batch are read in
 * a few queries.
 */
export async function ingestAlertBatch(
  ctx: AppContext,
  submissions: readonly AlertSubmission[],
): Promise<SubmissionResult[]> {
  const now = ctx.clock.now();
  const results = await ctx.store.transaction(async (tx) => {
    const serviceIds = [...new Set(submissions.map((s) => s.origin.serviceId))].sort((a, b) => a - b);
    for (const id of serviceIds) await ctx.store.dialect.lock(tx, `alerts:${id}`);
    const refused = await refusedCredentials(tx, submissions.flatMap(credentialOf));
    const isRefused = (s: AlertSubmission) => credentialOf(s).some((c) => refused.has(credentialId(c)));
    const lookups = { rules: new AlertRulesCache(tx), openAlerts: new OpenAlerts(tx) };
    const keysByService = new Map<number, string[]>();
    for (const submission of submissions) {
      if (isRefused(submission)) continue;
      const keys = keysByService.get(submission.origin.serviceId) ?? [];
      for (const event of submission.events) keys.push(event.dedupKey);
      keysByService.set(submission.origin.serviceId, keys);
    }
    for (const [serviceId, keys] of keysByService) await lookups.openAlerts.preload(serviceId, keys);
    const all: SubmissionResult[] = [];
    for (const submission of submissions) {
      all.push(
        isRefused(submission)
          ? refusedKeyError()
          : await processAlertEvents(tx, submission.origin, submission.events, now, lookups),
      );
    }
    return all;
  });
  const isIncidentChanged = results.some(
    (outcomes) =>
      Array.isArray(outcomes) && outcomes.some((o) => o.incidentId !== null && o.result !== 'unchanged'),
  );
  if (isIncidentChanged) ctx.onIncidentsChanged();
  return results;
}

function credentialOf(submission: AlertSubmission) {
  const { integrationId, keyHash } = submission.origin;
  return integrationId !== null && keyHash !== undefined ? [{ integrationId, keyHash }] : [];
}

function credentialId(credential: { integrationId: number; keyHash: string }): string {
  return `${credential.integrationId}:${credential.keyHash}`;
}
