import type { IncidentStatus } from '../../../core/incident-status.js';
import { decodeFeatures, type IncidentFeatures, type SimilarMatch } from '../../../core/similar/index.js';
import type {
  IncidentMention,
  RecurrenceMark,
  SimilarIncident,
  SimilarIncidentList,
} from '../../../core/schemas/similar.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import { findIncidentsByIds } from '../../store/queries/incidents.js';
import { findServicesByIds } from '../../store/queries/services.js';
import { openFollowUpsOf, recurrenceLinksOf, similarDisplayRowsOf } from '../../store/queries/similar.js';
import { computeFeaturesRows, featuresRowsOf } from '../../store/queries/similarity-features.js';
import { findUserById } from '../../store/queries/users.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, iso } from '../context.js';
import { loadIncident } from '../incident-guards.js';
import { incidentRef } from '../incident-view.js';
import { similarityIndexOf } from './live-index.js';

/**
 * The features of these incidents as the index holds them, by id: their stored rows, computed
 * from scratch for any the backfill has not reached yet.
 */
export async function featuresOfIncidents(
  db: Executor,
  ids: readonly number[],
): Promise<Map<number, IncidentFeatures>> {
  const stored = await featuresRowsOf(db, ids);
  const found = new Set(stored.map((row) => row.incident_id));
  const missing = ids.filter((id) => !found.has(id));
  const rows = missing.length === 0 ? stored : [...stored, ...(await computeFeaturesRows(db, missing))];
  return new Map(rows.map((row) => [row.incident_id, decodeFeatures(row.features)]));
}

/** The past incidents most like `incidentId`, best first, as the similarity index ranks them. */
export async function rankSimilar(
  ctx: AppContext,
  incidentId: number,
  options: { limit: number },
): Promise<SimilarMatch[]> {
  const index = await similarityIndexOf(ctx.store).current();
  const features = (await featuresOfIncidents(ctx.store.db, [incidentId])).get(incidentId);
  if (!features) return [];
  return index.lookup({ incidentId, beforeId: incidentId, features, limit: options.limit });
}

/** The display rows of the matches, their open follow-ups (read only when some have any) and shared services' names. */
async function displayFacts(db: Executor, matches: readonly SimilarMatch[]) {
  const ids = matches.map((match) => match.incidentId);
  const [rows, services] = await Promise.all([
    similarDisplayRowsOf(db, ids),
    findServicesByIds(
      db,
      matches.flatMap((match) => match.sharedServiceIds),
    ),
  ]);
  const withFollowUps = rows.filter((row) => Number(row.open_follow_ups) > 0).map((row) => row.id);
  const followUps = await openFollowUpsOf(db, withFollowUps);
  return {
    rowById: new Map(rows.map((row) => [row.id, row])),
    followUps,
    serviceName: new Map(services.map((service) => [service.id, service.name])),
  };
}

/**
 * Similar past incidents of one incident, each with why (shared words, services, alert names,
 * score), how it ended (root cause, resolution, review) and its open follow-ups; and the
 * incident's recurrence marks either way.
 */
export async function getSimilarIncidents(
  ctx: AppContext,
  ref: string,
  query: { limit: number },
): Promise<SimilarIncidentList> {
  const db = ctx.store.db;
  const incident = await loadIncident(db, ref);
  const [matches, links] = await Promise.all([
    rankSimilar(ctx, incident.id, { limit: query.limit }),
    recurrenceLinksOf(db, incident.id),
  ]);
  const { rowById, followUps, serviceName } = await displayFacts(db, matches);
  const mark = links.find((link) => link.incident_id === incident.id);
  const later = links.filter((link) => link.recurrence_of_id === incident.id);
  const items = matches.flatMap((match): SimilarIncident[] => {
    const row = rowById.get(match.incidentId);
    if (!row) return [];
    return [
      {
        ref: incidentRef(row.number),
        title: row.title,
        status: row.status as IncidentStatus,
        category: row.category,
        startedAt: iso(row.started_at),
        resolvedAt: iso(row.resolved_at),
        rootCause: row.root_cause,
        rootCauseCategory: row.root_cause_category,
        resolution: row.resolution_summary,
        // Its review's page when it has one; else the incident's page, where one would start.
        reviewUrl: Number(row.has_review)
          ? `/incidents/${incidentRef(row.number)}/review`
          : `/incidents/${incidentRef(row.number)}`,
        openFollowUps: (followUps.get(row.id) ?? []).map((entry) => ({ ...entry, dueAt: iso(entry.dueAt) })),
        why: {
          score: match.score,
          textScore: match.text,
          sharedTerms: match.sharedTerms,
          sharedServices: match.sharedServiceIds.map((id) => ({ id, name: serviceName.get(id) ?? `#${id}` })),
          sharedAlertnames: match.sharedAlertnames,
          sharedLabels: match.sharedLabels,
          sameCategory: match.sameCategory,
        },
        isRecurrenceOf: mark?.recurrence_of_id === row.id,
      },
    ];
  });
  return {
    items,
    recurrenceOf: mark ? await viewMark(db, incident, mark) : null,
    recurrences: await mentionsOf(
      db,
      later.map((entry) => entry.incident_id),
    ),
  };
}

/** A recurrence mark as the API shows it. */
export async function viewMark(
  db: Executor,
  incident: IncidentRecord,
  mark: { recurrence_of_id: number; marked_by: number | null; marked_at: number },
): Promise<RecurrenceMark> {
  const [[earlier], user] = await Promise.all([
    mentionsOf(db, [mark.recurrence_of_id]),
    mark.marked_by === null ? undefined : findUserById(db, mark.marked_by),
  ]);
  return {
    incident: { ref: incidentRef(incident.number), title: incident.title },
    recurrenceOf: earlier ?? { ref: '?', title: '' },
    markedBy: user?.name ?? null,
    markedAt: iso(mark.marked_at),
  };
}

/** Incidents by id as `INC-n` and title, in id order. */
export async function mentionsOf(db: Executor, ids: readonly number[]): Promise<IncidentMention[]> {
  const rows = await findIncidentsByIds(db, ids);
  return [...rows.values()]
    .sort((a, b) => a.id - b.id)
    .map((row) => ({ ref: incidentRef(row.number), title: row.title }));
}
