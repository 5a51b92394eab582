import type { AlertEvent } from '../../../core/alerts/alert-event.js';
import type { AppContext } from '../context.js';
import { refusedCredentials, refusedKeyError } from '../integrations.js';
import { AlertRulesCache } from './alert-rules.js';
import { OpenAlerts } from './open-alerts.js';
import { type EventOrigin, type EventOutcome, isRepeat, processAlertEvents } from './process-alert-events.js';

/** One request's events. */
export interface AlertSubmission {
  origin: EventOrigin;
  events: readonly AlertEvent[];
}

/** What became of one submission: its events' outcomes, or why it was refused. */
export type SubmissionResult = EventOutcome[] | Error;

/**
 * Take several requests' events. Requests that only re-send firing alerts unchanged (most
 * traffic: Prometheus re-sends every alert every minute) are answered from one read, with no
 * transaction: what they say is already on disk. The others go through `writeAlertBatch`.
 */
export async function ingestAlertBatch(
  ctx: AppContext,
  submissions: readonly AlertSubmission[],
): Promise<SubmissionResult[]> {
  const results = await answerRepeats(ctx, submissions);
  const rest = submissions.filter((_, i) => results[i] === undefined);
  if (rest.length === 0) return results as SubmissionResult[];
  const written = await writeAlertBatch(ctx, rest);
  let next = 0;
  return results.map((result) => result ?? (written[next++] as SubmissionResult));
}

/** Results of the submissions that change nothing (or whose key was refused); undefined for the rest. */
async function answerRepeats(
  ctx: AppContext,
  submissions: readonly AlertSubmission[],
): Promise<Array<SubmissionResult | undefined>> {
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const refused = await refusedCredentials(db, submissions.flatMap(credentialOf));
  const openAlerts = new OpenAlerts(db);
  const triggers = submissions.filter((s) => s.events.every((event) => event.action === 'trigger'));
  for (const [serviceId, keys] of keysByService(triggers)) await openAlerts.preload(serviceId, keys);
  const results: Array<SubmissionResult | undefined> = [];
  for (const submission of submissions) {
    if (credentialOf(submission).some((c) => refused.has(credentialId(c)))) {
      results.push(refusedKeyError());
      continue;
    }
    const outcomes: EventOutcome[] = [];
    for (const event of triggers.includes(submission) ? submission.events : []) {
      const alert = await openAlerts.get(submission.origin.serviceId, event.dedupKey);
      if (!alert || !isRepeat(alert, event, now)) break;
      outcomes.push({
        dedupKey: event.dedupKey,
        result: 'unchanged',
        alertId: alert.id,
        incidentId: alert.incident_id,
      });
    }
    results.push(outcomes.length === submission.events.length && outcomes.length > 0 ? outcomes : undefined);
  }
  return results;
}

function keysByService(submissions: readonly AlertSubmission[]): Map<number, string[]> {
  const keys = new Map<number, string[]>();
  for (const submission of submissions) {
    const list = keys.get(submission.origin.serviceId) ?? [];
    for (const event of submission.events) list.push(event.dedupKey);
    keys.set(submission.origin.serviceId, list);
  }
  return keys;
}

/**
 * Run several requests' events through the pipeline in ONE transaction (group commit):
 * all are on disk when this resolves. Services are locked in id order so several Beacon
 * processes on one PostgreSQL group the same service's alerts one at a time. Each
 * submission's integration key is checked again here, so one disabled or rotated since the
 * request was authenticated writes nothing; the open alerts of the whole batch are read in
 * a few queries.
 */
export async function writeAlertBatch(
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
    const accepted = submissions.filter((submission) => !isRefused(submission));
    for (const [serviceId, keys] of keysByService(accepted))
      await lookups.openAlerts.preload(serviceId, keys);
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
