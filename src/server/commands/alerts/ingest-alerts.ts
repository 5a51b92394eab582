import type { AlertEvent } from '../../../core/alerts/alert-event.js';
import type { AppContext } from '../context.js';
import { findOpenAlertsForKey } from '../../store/queries/alerts.js';
import { lockNamed } from '../../store/queries/locks.js';
import type { AlertRecord } from '../../store/queries/alerts.js';
import { refusedCredentials, refusedKeyError } from '../integrations.js';
import {
  BatchLookups,
  type EventOrigin,
  type EventOutcome,
  type RepeatCheckedAlert,
  isRepeat,
  processAlertEvents,
} from './process-alert-events.js';

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

/**
 * Results of the submissions that only re-send unchanged firing alerts; undefined for the
 * rest (which `writeAlertBatch` takes, refusing bad keys there). One query per service and
 * key: it reads the open alerts only while the key is still valid, so a disabled or rotated
 * key finds nothing here and is refused by the write path.
 */
async function answerRepeats(
  ctx: AppContext,
  submissions: readonly AlertSubmission[],
): Promise<Array<SubmissionResult | undefined>> {
  const now = ctx.clock.now();
  const triggers = submissions.filter(
    (s) => s.events.length > 0 && s.events.every((event) => event.action === 'trigger'),
  );
  const groups = new Map<string, { origin: EventOrigin; keys: Set<string> }>();
  const isTrigger = new Set(triggers);
  for (const submission of triggers) {
    const group = groups.get(groupOf(submission.origin)) ?? { origin: submission.origin, keys: new Set() };
    for (const event of submission.events) group.keys.add(event.dedupKey);
    groups.set(groupOf(submission.origin), group);
  }
  const open = new Map<string, RepeatCheckedAlert & Pick<AlertRecord, 'id'>>();
  for (const [id, { origin, keys }] of groups) {
    const rows = await findOpenAlertsForKey(ctx.store.db, origin.serviceId, [...keys], credentialOf(origin));
    for (const row of rows) open.set(`${id}\u0000${row.dedup_key}`, row);
  }
  return submissions.map((submission) => {
    if (!isTrigger.has(submission)) return undefined;
    const outcomes: EventOutcome[] = [];
    for (const event of submission.events) {
      const alert = open.get(`${groupOf(submission.origin)}\u0000${event.dedupKey}`);
      if (!alert || !isRepeat(alert, event, now)) return undefined;
      outcomes.push({
        dedupKey: event.dedupKey,
        result: 'unchanged',
        alertId: alert.id,
        incidentId: alert.incident_id,
      });
    }
    return outcomes;
  });
}

function groupOf(origin: EventOrigin): string {
  return `${origin.serviceId}:${origin.integrationId ?? ''}:${origin.keyHash ?? ''}`;
}

function eventsByService(submissions: readonly AlertSubmission[]): Map<number, AlertEvent[]> {
  const events = new Map<number, AlertEvent[]>();
  for (const submission of submissions) {
    const list = events.get(submission.origin.serviceId) ?? [];
    list.push(...submission.events);
    events.set(submission.origin.serviceId, list);
  }
  return events;
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
    for (const id of serviceIds) await lockNamed(tx, `alerts:${id}`);
    const refused = await refusedCredentials(tx, submissions.flatMap(credentialsOf));
    const isRefused = (s: AlertSubmission) => credentialsOf(s).some((c) => refused.has(credentialId(c)));
    const lookups = new BatchLookups(tx);
    const accepted = submissions.filter((submission) => !isRefused(submission));
    for (const [serviceId, events] of eventsByService(accepted))
      await lookups.preload(serviceId, events, now);
    const all: SubmissionResult[] = [];
    for (const submission of submissions) {
      all.push(
        isRefused(submission)
          ? refusedKeyError()
          : await processAlertEvents(tx, submission.origin, submission.events, now, lookups),
      );
    }
    // The batch's history rows and timeline lines, a few multi-row inserts before commit.
    await lookups.writes.flush();
    return all;
  });
  const isIncidentChanged = results.some(
    (outcomes) =>
      Array.isArray(outcomes) && outcomes.some((o) => o.incidentId !== null && o.result !== 'unchanged'),
  );
  if (isIncidentChanged) ctx.onIncidentsChanged();
  return results;
}

function credentialOf(origin: EventOrigin): { integrationId: number; keyHash: string } | undefined {
  const { integrationId, keyHash } = origin;
  return integrationId !== null && keyHash !== undefined ? { integrationId, keyHash } : undefined;
}

function credentialsOf(submission: AlertSubmission) {
  const credential = credentialOf(submission.origin);
  return credential ? [credential] : [];
}

function credentialId(credential: { integrationId: number; keyHash: string }): string {
  return `${credential.integrationId}:${credential.keyHash}`;
}
