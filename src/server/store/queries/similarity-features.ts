// The similarity features table: each incident's features, rewritten in the transaction that
// changes the incident, read in pages to load the similarity index and per lookup.

import { encodeFeatures, incidentFeatures, type IncidentFeatures } from '../../../core/similar/index.js';
import type { Executor } from '../store.js';
import { serviceIdsOf } from './incidents.js';
import { alertLabelsBetween, alertLabelsOf, serviceIdsBetween, similarityRowsOf } from './similar.js';

/** Statuses that are not incidents of their own: never similar to anything. */
const UNLISTED = new Set(['merged', 'declined']);

type SimilarityRow = Awaited<ReturnType<typeof similarityRowsOf>>[number];

/** One incident's stored features. */
export interface SimilarityFeaturesRow {
  incident_id: number;
  started_at: number;
  is_listed: number;
  features: string;
}

/** An incident row with its services and alert labels, as features. */
export function featuresOfRow(
  row: SimilarityRow,
  serviceIds: readonly number[],
  alertLabels: ReadonlyArray<Record<string, string>>,
): IncidentFeatures {
  return incidentFeatures({
    id: row.id,
    number: row.number,
    title: row.title,
    summary: row.summary,
    rootCause: row.root_cause,
    resolution: row.resolution_summary,
    category: row.category,
    serviceIds,
    alertLabels,
    startedAt: row.started_at,
  });
}

/** The features rows of these incidents, computed from scratch from the incidents' data. */
export async function computeFeaturesRows(
  db: Executor,
  ids: readonly number[],
): Promise<SimilarityFeaturesRow[]> {
  if (ids.length === 0) return [];
  const rows = await similarityRowsOf(db, ids);
  const first = rows[0]?.id ?? 0;
  const last = rows.at(-1)?.id ?? 0;
  // A contiguous page (the backfill) reads its services and alerts by range.
  const isRange = rows.length > 1 && last - first + 1 === rows.length;
  const [services, alerts] = await Promise.all(
    isRange
      ? [serviceIdsBetween(db, first, last), alertLabelsBetween(db, first, last)]
      : [serviceIdsOf(db, ids), alertLabelsOf(db, ids)],
  );
  return rows.map((row) => ({
    incident_id: row.id,
    started_at: row.started_at,
    is_listed: UNLISTED.has(row.status) ? 0 : 1,
    features: encodeFeatures(featuresOfRow(row, services.get(row.id) ?? [], alerts.get(row.id) ?? [])),
  }));
}

/** Recompute and store the features of these incidents (called before their change commits). */
export async function refreshSimilarityFeatures(tx: Executor, ids: readonly number[]): Promise<void> {
  const rows = await computeFeaturesRows(tx, ids);
  if (rows.length === 0) return;
  await tx
    .insertInto('incident_similarity_features')
    .values(rows)
    .onConflict((conflict) =>
      conflict.column('incident_id').doUpdateSet((eb) => ({
        started_at: eb.ref('excluded.started_at'),
        is_listed: eb.ref('excluded.is_listed'),
        features: eb.ref('excluded.features'),
      })),
    )
    .execute();
}

/**
 * Store features computed by the backfill, unless a row is there already: a change committed
 * since the backfill read the incident wrote a newer one.
 */
export async function insertMissingFeatures(
  tx: Executor,
  rows: readonly SimilarityFeaturesRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('incident_similarity_features')
    .values([...rows])
    .onConflict((conflict) => conflict.column('incident_id').doNothing())
    .execute();
}

/** Up to `limit` stored features rows with an incident id below `beforeId`, newest first. */
export function featuresRowsBefore(db: Executor, beforeId: number, limit: number) {
  return db
    .selectFrom('incident_similarity_features')
    .select(['incident_id', 'started_at', 'is_listed', 'features'])
    .where('incident_id', '<', beforeId)
    .orderBy('incident_id', 'desc')
    .limit(limit)
    .execute();
}

/** The stored features rows of these incidents (those that have one). */
export function featuresRowsOf(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('incident_similarity_features')
    .select(['incident_id', 'started_at', 'is_listed', 'features'])
    .where('incident_id', 'in', [...ids])
    .execute();
}

/** Up to `limit` ids of incidents below `beforeId` with no features row yet, newest first. */
export async function incidentsWithoutFeatures(db: Executor, beforeId: number, limit: number) {
  const rows = await db
    .selectFrom('incidents')
    .leftJoin('incident_similarity_features as f', 'f.incident_id', 'incidents.id')
    .select('incidents.id')
    .where('incidents.id', '<', beforeId)
    .where('f.incident_id', 'is', null)
    .orderBy('incidents.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
