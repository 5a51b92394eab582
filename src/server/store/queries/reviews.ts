import type { Insertable, Updateable } from 'kysely';
import type { IncidentReviewsTable } from '../schema.js';
import type { Executor } from '../store.js';

/** A review row as stored. */
export type ReviewRecord = IncidentReviewsTable;

/** The review of an incident, if one was started. */
export function findReview(db: Executor, incidentId: number): Promise<ReviewRecord | undefined> {
  return db
    .selectFrom('incident_reviews')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
}

/** Start an incident's review. */
export async function insertReview(
  tx: Executor,
  values: Insertable<IncidentReviewsTable>,
): Promise<ReviewRecord> {
  return tx.insertInto('incident_reviews').values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * Change a review; with `atVersion`, only while its text is still at that version (undefined
 * when someone saved in between).
 */
export async function updateReview(
  tx: Executor,
  incidentId: number,
  changes: Updateable<IncidentReviewsTable>,
  atVersion?: number,
): Promise<ReviewRecord | undefined> {
  let q = tx.updateTable('incident_reviews').set(changes).where('incident_id', '=', incidentId);
  if (atVersion !== undefined) q = q.where('version', '=', atVersion);
  return q.returningAll().executeTakeFirst();
}

/** Keep one saved text of a review. */
export async function insertReviewVersion(
  tx: Executor,
  values: { incident_id: number; version: number; body: string; author_id: number | null; saved_at: number },
): Promise<void> {
  await tx.insertInto('incident_review_versions').values(values).execute();
}

/** Every saved text of a review, newest first, with its author. */
export function reviewVersionsOf(db: Executor, incidentId: number) {
  return db
    .selectFrom('incident_review_versions as v')
    .leftJoin('users as u', 'u.id', 'v.author_id')
    .select([
      'v.version',
      'v.body',
      'v.saved_at',
      'v.author_id',
      'u.name as author_name',
      'u.email as author_email',
    ])
    .where('v.incident_id', '=', incidentId)
    .orderBy('v.version', 'desc')
    .execute();
}

/** A review's reviewers with their names, in the order they were added. */
export function reviewersOf(db: Executor, incidentId: number) {
  return db
    .selectFrom('incident_review_reviewers as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.user_id', 'r.added_at', 'r.approved_at', 'u.name', 'u.email'])
    .where('r.incident_id', '=', incidentId)
    .orderBy('r.added_at')
    .orderBy('r.user_id')
    .execute();
}

/** Replace a review's reviewers; those kept keep their approval. */
export async function setReviewers(
  tx: Executor,
  incidentId: number,
  userIds: readonly number[],
  now: number,
) {
  const ids = [...new Set(userIds)];
  let removal = tx.deleteFrom('incident_review_reviewers').where('incident_id', '=', incidentId);
  if (ids.length > 0) removal = removal.where('user_id', 'not in', ids);
  await removal.execute();
  if (ids.length === 0) return;
  await tx
    .insertInto('incident_review_reviewers')
    .values(ids.map((user_id) => ({ incident_id: incidentId, user_id, added_at: now, approved_at: null })))
    .onConflict((oc) => oc.columns(['incident_id', 'user_id']).doNothing())
    .execute();
}

/** Record (or, with null, withdraw) one reviewer's approval; false when they are no reviewer. */
export async function setApproval(
  tx: Executor,
  incidentId: number,
  userId: number,
  approvedAt: number | null,
): Promise<boolean> {
  const result = await tx
    .updateTable('incident_review_reviewers')
    .set({ approved_at: approvedAt })
    .where('incident_id', '=', incidentId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Withdraw every approval of a review (its text changed under them). */
export async function clearApprovals(tx: Executor, incidentId: number): Promise<void> {
  await tx
    .updateTable('incident_review_reviewers')
    .set({ approved_at: null })
    .where('incident_id', '=', incidentId)
    .execute();
}

/** Reviews for the list, most recently changed first, with their incident and counts. */
export function listReviews(db: Executor, filter: { state?: string | undefined; limit: number }) {
  let q = db
    .selectFrom('incident_reviews as r')
    .innerJoin('incidents as i', 'i.id', 'r.incident_id')
    .leftJoin('users as o', 'o.id', 'r.owner_id')
    .select((eb) => [
      'r.incident_id',
      'r.state',
      'r.version',
      'r.updated_at',
      'r.published_at',
      'r.owner_id',
      'o.name as owner_name',
      'o.email as owner_email',
      'i.number',
      'i.title',
      'i.severity',
      'i.status',
      eb
        .selectFrom('incident_review_reviewers as rr')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .whereRef('rr.incident_id', '=', 'r.incident_id')
        .as('reviewers'),
      eb
        .selectFrom('incident_review_reviewers as ra')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .whereRef('ra.incident_id', '=', 'r.incident_id')
        .where('ra.approved_at', 'is not', null)
        .as('approvals'),
    ]);
  if (filter.state) q = q.where('r.state', '=', filter.state);
  return q.orderBy('r.updated_at', 'desc').orderBy('r.incident_id', 'desc').limit(filter.limit).execute();
}

/** The given users that are not disabled, with their roles (who may review). */
export function activeUserRoles(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('id', 'in', [...new Set(ids)])
    .where('disabled_at', 'is', null)
    .execute();
}

/** Which of these incidents have a post-incident review (in any state). */
export async function incidentIdsWithReview(db: Executor, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('incident_reviews')
    .select('incident_id')
    .where('incident_id', 'in', [...ids])
    .execute();
  return new Set(rows.map((row) => row.incident_id));
}
