import { sql } from 'kysely';
import { ValidationError } from '../../../core/errors.js';
import type { ReportSource } from '../../../core/schemas/reports.js';
import type { NewReportRow, ReportsTable } from '../schema.js';
import type { Executor } from '../store.js';
import type { MappedBy } from './rows/codec.js';
import { type ReportRecord, reportRows } from './rows/reports.js';

export type { ReportRecord };

/** A new report's values, before encoding. */
export type NewReportValues = MappedBy<typeof reportRows, NewReportRow>;

/** Take the next report number; gap-free because it commits or rolls back with the caller. */
export async function takeReportNumber(tx: Executor): Promise<number> {
  const row = await tx
    .updateTable('counters')
    .set({ value: sql`value + 1` })
    .where('name', '=', 'report_number')
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

/** Insert a report and return it. */
export async function insertReport(tx: Executor, values: NewReportValues): Promise<ReportRecord> {
  const row = await tx
    .insertInto('reports')
    .values(reportRows.encode<NewReportRow>(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return reportRows.decode(row);
}

/** One report by its number, or undefined. */
export async function findReportByNumber(db: Executor, number: number): Promise<ReportRecord | undefined> {
  const row = await db.selectFrom('reports').selectAll().where('number', '=', number).executeTakeFirst();
  return row && reportRows.decode(row);
}

/** The reports of these numbers (those that exist). */
export async function findReportsByNumbers(
  db: Executor,
  numbers: readonly number[],
): Promise<ReportRecord[]> {
  if (numbers.length === 0) return [];
  const rows = await db
    .selectFrom('reports')
    .selectAll()
    .where('number', 'in', [...numbers])
    .orderBy('id')
    .execute();
  return rows.map((row) => reportRows.decode(row));
}

/** What a link, move or unlink writes. */
export type ReportLinkValues = MappedBy<
  typeof reportRows,
  Pick<ReportsTable, 'incident_id' | 'link_reason' | 'linked_at'>
>;

/** Link reports to an incident (or unlink them: null incident and reason). */
export async function setReportLinks(
  tx: Executor,
  ids: readonly number[],
  values: ReportLinkValues,
): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .updateTable('reports')
    .set(reportRows.encode<Pick<ReportsTable, 'incident_id' | 'link_reason' | 'linked_at'>>(values))
    .where('id', 'in', [...ids])
    .execute();
}

/** Remember the acknowledgement's outbox message. */
export async function setReportAcknowledgement(tx: Executor, id: number, outboxId: number): Promise<void> {
  await tx.updateTable('reports').set({ ack_outbox_id: outboxId }).where('id', '=', id).execute();
}

/** Mark reports as told that their incident was fixed. */
export async function markReportsTold(tx: Executor, ids: readonly number[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .updateTable('reports')
    .set({ told_at: now })
    .where('id', 'in', [...ids])
    .execute();
}

/** Reports received since `since` that are linked to no incident, oldest first. */
export async function unlinkedReportsSince(
  db: Executor,
  since: number,
  limit = 500,
): Promise<ReportRecord[]> {
  const rows = await db
    .selectFrom('reports')
    .selectAll()
    .where('incident_id', 'is', null)
    .where('received_at', '>=', since)
    .orderBy('received_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => reportRows.decode(row));
}

/** The reports linked to these incidents, oldest first. */
export async function reportsOfIncidents(
  db: Executor,
  incidentIds: readonly number[],
): Promise<ReportRecord[]> {
  if (incidentIds.length === 0) return [];
  const rows = await db
    .selectFrom('reports')
    .selectAll()
    .where('incident_id', 'in', [...incidentIds])
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => reportRows.decode(row));
}

/** Filters of a report list (already validated). */
export interface ReportFilter {
  isUnlinked?: boolean;
  incidentId?: number;
  source?: ReportSource;
  q?: string;
  limit: number;
  cursor?: string;
}

/** One page of reports, newest first, plus the cursor of the next page. */
export async function listReports(
  db: Executor,
  filter: ReportFilter,
): Promise<{ rows: ReportRecord[]; nextCursor: string | null }> {
  let query = db.selectFrom('reports').selectAll();
  if (filter.isUnlinked === true) query = query.where('incident_id', 'is', null);
  if (filter.isUnlinked === false) query = query.where('incident_id', 'is not', null);
  if (filter.incidentId !== undefined) query = query.where('incident_id', '=', filter.incidentId);
  if (filter.source) query = query.where('source', '=', filter.source);
  if (filter.q) {
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const like = (column: 'message' | 'name' | 'email') =>
      sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
    const number = /^(?:r-)?(\d{1,9})$/i.exec(filter.q)?.[1];
    query = query.where((eb) =>
      eb.or([
        like('message'),
        like('name'),
        like('email'),
        ...(number ? [eb('number', '=', Number(number))] : []),
      ]),
    );
  }
  if (filter.cursor) query = query.where('id', '<', decodeReportCursor(filter.cursor));
  const rows = await query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
  const page = rows.slice(0, filter.limit).map((row) => reportRows.decode(row));
  const last = page.at(-1);
  const nextCursor = rows.length > filter.limit && last ? encodeReportCursor(last.id) : null;
  return { rows: page, nextCursor };
}

function encodeReportCursor(id: number): string {
  return Buffer.from(`report:${String(id)}`, 'utf8').toString('base64url');
}

function decodeReportCursor(cursor: string): number {
  const match = /^report:([1-9][0-9]{0,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const id = match?.[1] === undefined ? NaN : Number(match[1]);
  if (!Number.isSafeInteger(id)) throw new ValidationError('cursor', 'is not a cursor this server issued');
  return id;
}

/** The outbox states of the acknowledgement messages of `outboxIds`. */
export async function outboxStatesOf(
  db: Executor,
  outboxIds: readonly number[],
): Promise<Map<number, string>> {
  if (outboxIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'status'])
    .where('id', 'in', [...outboxIds])
    .execute();
  return new Map(rows.map((row) => [row.id, row.status]));
}

/**
 * Count one submission of `key` in its fixed window of `windowMs` (a window older than that
 * starts again at `now`), atomically across processes. Returns the count and when the window began.
 */
export async function countReportSubmission(
  tx: Executor,
  key: string,
  now: number,
  windowMs: number,
): Promise<{ count: number; windowStart: number }> {
  const expired = now - windowMs;
  const row = await tx
    .insertInto('report_limits')
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        count: eb
          .case()
          .when('report_limits.window_start', '<=', expired)
          .then(1)
          .else(eb('report_limits.count', '+', 1))
          .end(),
        window_start: eb
          .case()
          .when('report_limits.window_start', '<=', expired)
          .then(now)
          .else(eb.ref('report_limits.window_start'))
          .end(),
      })),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  return { count: row.count, windowStart: row.window_start };
}

/** Forget limit windows that ended before `before`. */
export async function pruneReportLimits(tx: Executor, before: number): Promise<void> {
  await tx.deleteFrom('report_limits').where('window_start', '<', before).execute();
}

/** An incident a new report may join: open, or resolved since `resolvedSince`. */
export interface CandidateIncident {
  id: number;
  number: number;
  title: string;
  summary: string;
  status: string;
  openedAt: number;
  resolvedAt: number | null;
  serviceNames: string[];
}

/** Incidents a report may be matched to: the open ones and those resolved since `resolvedSince`. */
export async function candidateIncidents(
  db: Executor,
  openStatuses: readonly string[],
  resolvedSince: number,
): Promise<CandidateIncident[]> {
  const rows = await db
    .selectFrom('incidents')
    .select(CANDIDATE_COLUMNS)
    .where((eb) =>
      eb.or([
        eb('status', 'in', [...openStatuses]),
        eb.and([eb('status', '=', 'resolved'), eb('resolved_at', '>=', resolvedSince)]),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
  return withServiceNames(db, rows);
}

/** These incidents as match candidates, whatever their status (for a cache kept fresh by id). */
export async function candidateIncidentsOf(
  db: Executor,
  ids: readonly number[],
): Promise<CandidateIncident[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('incidents')
    .select(CANDIDATE_COLUMNS)
    .where('id', 'in', [...ids])
    .orderBy('id', 'desc')
    .execute();
  return withServiceNames(db, rows);
}

const CANDIDATE_COLUMNS = [
  'id',
  'number',
  'title',
  'summary',
  'status',
  'started_at',
  'created_at',
  'resolved_at',
] as const;

interface CandidateRow {
  id: number;
  number: number;
  title: string;
  summary: string;
  status: string;
  started_at: number;
  created_at: number;
  resolved_at: number | null;
}

async function withServiceNames(db: Executor, rows: readonly CandidateRow[]): Promise<CandidateIncident[]> {
  if (rows.length === 0) return [];
  const services = await db
    .selectFrom('incident_services')
    .innerJoin('services', 'services.id', 'incident_services.service_id')
    .select(['incident_services.incident_id', 'services.name'])
    .where(
      'incident_services.incident_id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    title: row.title,
    summary: row.summary,
    status: row.status,
    openedAt: Math.min(row.started_at, row.created_at),
    resolvedAt: row.resolved_at,
    serviceNames: services.filter((s) => s.incident_id === row.id).map((s) => s.name),
  }));
}

/** The number, title and status of each of these incidents. */
export async function incidentSummariesOf(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('incidents')
    .select(['id', 'number', 'title', 'status'])
    .where('id', 'in', [...ids])
    .execute();
}

/** One report by its id, or undefined. */
export async function findReportById(db: Executor, id: number): Promise<ReportRecord | undefined> {
  const row = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  return row && reportRows.decode(row);
}
