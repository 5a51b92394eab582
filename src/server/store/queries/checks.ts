import { type Insertable, type Updateable, sql } from 'kysely';
import { dialectOf } from '../dialects/dialect-of.js';
import type { CheckResultsTable, ChecksTable } from '../schema.js';
import type { Executor } from '../store.js';
import type { MappedBy } from './rows/codec.js';
import { type CheckRecord, checkResultRows, checkRows } from './rows/checks.js';

export type { CheckRecord };

/** Changes to a check, before encoding. */
export type CheckChanges = MappedBy<typeof checkRows, Updateable<ChecksTable>>;

/** How long a heartbeat claim (marking it silent) may take before another process retries. */
const LEASE_SLACK_MS = 30_000;
const DAY_MS = 86_400_000;

/** A check with its service's name and the latency of its latest run. */
export type CheckWithService = CheckRecord & { service_name: string; last_latency_ms: number | null };

function checksWithService(db: Executor) {
  return db
    .selectFrom('checks')
    .innerJoin('services', 'services.id', 'checks.service_id')
    .selectAll('checks')
    .select('services.name as service_name')
    .select((eb) =>
      eb
        .selectFrom('check_results')
        .select('check_results.latency_ms')
        .whereRef('check_results.check_id', '=', 'checks.id')
        .orderBy('check_results.at', 'desc')
        .orderBy('check_results.id', 'desc')
        .limit(1)
        .as('last_latency_ms'),
    );
}

/** Checks with their service names, of one service or all, by id. */
export async function listChecks(db: Executor, serviceId?: number): Promise<CheckWithService[]> {
  let q = checksWithService(db);
  if (serviceId !== undefined) q = q.where('checks.service_id', '=', serviceId);
  return (await q.orderBy('checks.id').execute()).map(checkRows.decode);
}

/** One check with its service name. */
export async function findCheck(db: Executor, id: number): Promise<CheckWithService | undefined> {
  const row = await checksWithService(db).where('checks.id', '=', id).executeTakeFirst();
  return row && checkRows.decode(row);
}

/** The heartbeat check a ping token belongs to. */
export async function findCheckByToken(db: Executor, token: string): Promise<CheckRecord | undefined> {
  const row = await db
    .selectFrom('checks')
    .selectAll()
    .where('heartbeat_token', '=', token)
    .executeTakeFirst();
  return row && checkRows.decode(row);
}

/** Ids of every check. */
export async function listCheckIds(db: Executor): Promise<number[]> {
  const rows = await db.selectFrom('checks').select('id').orderBy('id').execute();
  return rows.map((row) => row.id);
}

/** Insert a check; returns its id. */
export async function insertCheck(
  tx: Executor,
  values: MappedBy<typeof checkRows, Insertable<ChecksTable>>,
): Promise<number> {
  const inserted = await tx
    .insertInto('checks')
    .values(checkRows.encode<Insertable<ChecksTable>>(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Change a check. */
export async function updateCheck(tx: Executor, id: number, changes: CheckChanges): Promise<void> {
  await tx
    .updateTable('checks')
    .set(checkRows.encode<Updateable<ChecksTable>>(changes))
    .where('id', '=', id)
    .execute();
}

/** Delete a check and (by cascade) its results. */
export async function deleteCheck(tx: Executor, id: number): Promise<void> {
  await tx.deleteFrom('checks').where('id', '=', id).execute();
}

/** Which checks a claim takes: probes that are due, or heartbeats silent past their deadline. */
export type ClaimKind = 'probe' | 'heartbeat';

/**
 * Lease up to `limit` due checks to `owner` in one statement and return them. Rows another
 * process is claiming are skipped and leased rows are left alone until the lease expires,
 * so each due check goes to exactly one process. A probe's next run moves one interval on
 * at once, so a crashed run is retried when its lease expires.
 */
export async function claimDueChecks(
  db: Executor,
  claim: { kind: ClaimKind; owner: string; now: number; limit: number },
): Promise<CheckRecord[]> {
  const { kind, owner, now, limit } = claim;
  let due = db
    .selectFrom('checks')
    .select('id')
    .where('next_run_at', '<=', now)
    .where('paused_at', 'is', null)
    .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]));
  due = due.where('type', kind === 'probe' ? '<>' : '=', 'heartbeat');
  const lease =
    kind === 'probe'
      ? {
          lease_expires_at: sql<number>`CAST(${now + LEASE_SLACK_MS} AS bigint) + timeout_ms`,
          next_run_at: sql<number>`CAST(${now} AS bigint) + interval_seconds * 1000`,
        }
      : { lease_expires_at: now + LEASE_SLACK_MS };
  const rows = await db
    .updateTable('checks')
    .set({ lease_owner: owner, ...lease })
    .where('id', 'in', dialectOf(db).skipLocked(due.orderBy('next_run_at').orderBy('id').limit(limit)))
    .returningAll()
    .execute();
  return rows.map(checkRows.decode);
}

/**
 * Record the end of a run `owner` leased, releasing the lease. False (nothing written) when
 * the check was deleted, paused or leased by another process meanwhile, or, given
 * `stillDueAt`, when a heartbeat ping moved its deadline past that time.
 */
export async function finishCheckRun(
  tx: Executor,
  id: number,
  owner: string,
  changes: CheckChanges,
  options: { stillDueAt?: number } = {},
): Promise<boolean> {
  let q = tx
    .updateTable('checks')
    .set({ ...checkRows.encode<Updateable<ChecksTable>>(changes), lease_owner: null, lease_expires_at: null })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('paused_at', 'is', null);
  if (options.stillDueAt !== undefined) q = q.where('next_run_at', '<=', options.stillDueAt);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Record a ping of a running heartbeat; false (nothing written) when it is paused, or with
 * `onlyIfNotDown` when it is down, so the caller resolves its alert before marking it up.
 */
export async function recordPing(
  tx: Executor,
  id: number,
  changes: CheckChanges,
  options: { onlyIfNotDown: boolean },
): Promise<boolean> {
  let q = tx
    .updateTable('checks')
    .set(checkRows.encode<Updateable<ChecksTable>>(changes))
    .where('id', '=', id)
    .where('paused_at', 'is', null);
  if (options.onlyIfNotDown) q = q.where('status', '<>', 'down');
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Append one run to a check's results. */
export async function insertCheckResult(
  tx: Executor,
  values: MappedBy<typeof checkResultRows, Insertable<CheckResultsTable>>,
): Promise<void> {
  await tx
    .insertInto('check_results')
    .values(checkResultRows.encode<Insertable<CheckResultsTable>>(values))
    .execute();
}

/** Runs of a check, newest first, within [from, to). */
export async function listCheckResults(
  db: Executor,
  checkId: number,
  range: { from?: number; to?: number; limit: number },
) {
  let q = db
    .selectFrom('check_results')
    .select(['at', 'is_up', 'latency_ms', 'message'])
    .where('check_id', '=', checkId);
  if (range.from !== undefined) q = q.where('at', '>=', range.from);
  if (range.to !== undefined) q = q.where('at', '<', range.to);
  const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(range.limit).execute();
  return rows.map(checkResultRows.decode);
}

/** Runs and successful runs of a check per UTC day (days since the epoch) within [from, to). */
export async function dailyRunCounts(
  db: Executor,
  checkId: number,
  from: number,
  to: number,
): Promise<{ day: number; runs: number; up: number }[]> {
  // The divisor is written into the SQL, not bound, so SELECT and GROUP BY are one expression.
  const day = sql<number | string>`check_results.at / ${sql.lit(DAY_MS)}`;
  const rows = await db
    .selectFrom('check_results')
    .select((eb) => [
      day.as('day'),
      eb.fn.countAll<number | string>().as('runs'),
      eb.fn.sum<number | string>('is_up').as('up'),
    ])
    .where('check_id', '=', checkId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .groupBy(day)
    .orderBy(day)
    .execute();
  return rows.map((row) => ({ day: Number(row.day), runs: Number(row.runs), up: Number(row.up) }));
}

/** Delete up to `limit` results of one check older than `before` (index range); how many went. */
export async function pruneCheckResults(
  tx: Executor,
  checkId: number,
  before: number,
  limit: number,
): Promise<number> {
  const result = await tx
    .deleteFrom('check_results')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('check_results')
        .select('id')
        .where('check_id', '=', checkId)
        .where('at', '<', before)
        .limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
