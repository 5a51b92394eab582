import { type Updateable, sql } from 'kysely';
import { ConflictError, ValidationError } from '../../../core/errors.js';
import type { IncidentListQuery, IncidentSort } from '../../../core/schemas/incident.js';
import { dialectOf } from '../dialects/dialect-of.js';
import type { IncidentsTable, NewIncidentRow } from '../schema.js';
import type { Executor } from '../store.js';
import type { MappedBy } from './rows/codec.js';
import { type IncidentRecord, incidentRows } from './rows/incidents.js';

export type { IncidentRecord };

/** A new incident's values, before encoding. */
export type NewIncidentValues = MappedBy<typeof incidentRows, NewIncidentRow>;

/** Take the next incident number; gap-free because it commits or rolls back with the caller. */
export async function takeIncidentNumber(tx: Executor): Promise<number> {
  const row = await tx
    .updateTable('counters')
    .set({ value: sql`value + 1` })
    .where('name', '=', 'incident_number')
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

/** Insert an incident row and return it. */
export async function insertIncident(tx: Executor, values: NewIncidentValues): Promise<IncidentRecord> {
  const row = await tx
    .insertInto('incidents')
    .values(incidentRows.encode<NewIncidentRow>(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return incidentRows.decode(row);
}

/** One incident by its number, or undefined. */
export async function findIncidentByNumber(
  db: Executor,
  number: number,
): Promise<IncidentRecord | undefined> {
  const row = await db.selectFrom('incidents').selectAll().where('number', '=', number).executeTakeFirst();
  return row && incidentRows.decode(row);
}

/** One incident by id, or undefined. */
export async function findIncidentById(db: Executor, id: number): Promise<IncidentRecord | undefined> {
  const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  return row && incidentRows.decode(row);
}

/** The incidents with these ids that exist, by id. */
export async function findIncidentsByIds(
  db: Executor,
  ids: readonly number[],
): Promise<Map<number, IncidentRecord>> {
  const found = new Map<number, IncidentRecord>();
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  for (const row of rows) found.set(row.id, incidentRows.decode(row));
  return found;
}

/** Changes to an incident, before encoding. */
export type IncidentChanges = MappedBy<
  typeof incidentRows,
  Partial<Omit<IncidentsTable, 'id' | 'number' | 'version'>>
>;

/**
 * Write `changes` only if the row is still at `version`, bumping it; a concurrent edit
 * makes this fail with a conflict instead of silently overwriting.
 */
export async function updateIncidentAtVersion(
  tx: Executor,
  id: number,
  version: number,
  changes: IncidentChanges,
): Promise<IncidentRecord> {
  const row = await tx
    .updateTable('incidents')
    .set({ ...incidentRows.encode<Updateable<IncidentsTable>>(changes), version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new ConflictError('the incident was changed by someone else; reload and retry', 'version');
  return incidentRows.decode(row);
}

/** Replace the set of services an incident affects. */
export async function setIncidentServices(
  tx: Executor,
  incidentId: number,
  serviceIds: readonly number[],
): Promise<void> {
  await tx.deleteFrom('incident_services').where('incident_id', '=', incidentId).execute();
  if (serviceIds.length === 0) return;
  await tx
    .insertInto('incident_services')
    .values([...new Set(serviceIds)].map((serviceId) => ({ incident_id: incidentId, service_id: serviceId })))
    .execute();
}

/** Service ids per incident id. */
export async function serviceIdsOf(db: Executor, incidentIds: readonly number[]) {
  const map = new Map<number, number[]>();
  if (incidentIds.length === 0) return map;
  const rows = await db
    .selectFrom('incident_services')
    .select(['incident_id', 'service_id'])
    .where('incident_id', 'in', incidentIds)
    .execute();
  for (const row of rows) {
    const list = map.get(row.incident_id) ?? [];
    list.push(row.service_id);
    map.set(row.incident_id, list);
  }
  return map;
}

const SORTS: Record<
  IncidentSort,
  { column: 'created_at' | 'updated_at' | 'severity' | 'number'; descending: boolean }
> = {
  newest: { column: 'created_at', descending: true },
  oldest: { column: 'created_at', descending: false },
  updated: { column: 'updated_at', descending: true },
  severity: { column: 'severity', descending: false },
  number: { column: 'number', descending: true },
};

/** Opaque keyset cursor: the sort value and id of the last row of a page. */
export function encodeCursor(value: string | number, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

/**
 * Decode a cursor for a sort on a text column (`isTextSort`) or an integer one. A cursor
 * issued for another sort, or forged, must not reach SQL with the wrong type: PostgreSQL
 * would fail and SQLite would silently compare text with numbers.
 */
function decodeCursor(cursor: string, isTextSort: boolean): [string | number, number] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && Number.isSafeInteger(parsed[1])) {
      const [value, id] = parsed as [unknown, number];
      if (isTextSort ? typeof value === 'string' : Number.isSafeInteger(value)) {
        return [value as string | number, id];
      }
    }
  } catch {
    // fall through to the validation error below
  }
  throw new ValidationError('cursor', 'is not a cursor this server issued for this sort');
}

const REF_PATTERN = /^(?:inc-?)?(\d{1,9})$/i;

/** One page of incidents matching `query` (`mine`: of `viewerId`), plus the cursor of the next page. */
export async function listIncidents(
  db: Executor,
  query: IncidentListQuery,
  viewerId?: number,
): Promise<{ rows: IncidentRecord[]; nextCursor: string | null }> {
  const sort = SORTS[query.sort];
  let q = db.selectFrom('incidents').selectAll('incidents');
  if (query.mine === 'true' && viewerId !== undefined)
    q = q.where((eb) =>
      eb.or([
        eb('commander_id', '=', viewerId),
        eb('id', 'in', eb.selectFrom('incident_roles').select('incident_id').where('user_id', '=', viewerId)),
      ]),
    );
  if (query.unassigned === 'true') q = q.where('commander_id', 'is', null);
  if (query.status?.length) q = q.where('status', 'in', query.status);
  if (query.open === 'true')
    q = q.where('resolved_at', 'is', null).where('status', 'not in', ['declined', 'merged']);
  if (query.open === 'false')
    q = q.where((eb) =>
      eb.or([eb('resolved_at', 'is not', null), eb('status', 'in', ['declined', 'merged'])]),
    );
  if (query.severity?.length) q = q.where('severity', 'in', query.severity);
  if (query.from) q = q.where('created_at', '>=', Date.parse(query.from));
  if (query.to) q = q.where('created_at', '<', Date.parse(query.to));
  if (query.serviceId !== undefined) {
    const serviceId = query.serviceId;
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('incident_services').select('incident_id').where('service_id', '=', serviceId),
    );
  }
  if (query.q) {
    const ref = REF_PATTERN.exec(query.q);
    q = ref?.[1] ? q.where('number', '=', Number(ref[1])) : dialectOf(db).matchText(q, query.q);
  }
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor, sort.column === 'severity');
    const op = sort.descending ? '<' : '>';
    // A row-value comparison lets both databases seek the (column, id) index directly.
    q = q.where((eb) => eb(eb.refTuple(sort.column, 'id'), op, eb.tuple(value, id)));
  }
  const direction = sort.descending ? 'desc' : 'asc';
  const rows = await q
    .orderBy(sort.column, direction)
    .orderBy('id', direction)
    .limit(query.limit + 1)
    .execute();
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return {
    rows: page.map(incidentRows.decode),
    nextCursor: hasMore && last ? encodeCursor(last[sort.column], last.id) : null,
  };
}

/** Incidents merged into `id` (directly), oldest first. */
export function incidentsMergedInto(db: Executor, id: number) {
  return db
    .selectFrom('incidents')
    .select(['id', 'number'])
    .where('merged_into_id', '=', id)
    .orderBy('id')
    .execute();
}
