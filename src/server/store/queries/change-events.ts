import type { Insertable } from 'kysely';
import type { ChangeEventsTable } from '../schema.js';
import type { Executor } from '../store.js';
import type { MappedBy } from './rows/codec.js';
import { changeEventRows } from './rows/change-events.js';

/** A change event's values, before encoding. */
export type NewChangeEventValues = MappedBy<typeof changeEventRows, Insertable<ChangeEventsTable>>;

/** Store a change event. */
export async function insertChangeEvent(tx: Executor, values: NewChangeEventValues) {
  const row = await tx
    .insertInto('change_events')
    .values(changeEventRows.encode<Insertable<ChangeEventsTable>>(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return changeEventRows.decode(row);
}

/** Change events of a service (or all) between two times, newest first. */
export async function listChangeEvents(
  db: Executor,
  filter: { serviceIds?: readonly number[]; from: number; to: number; limit: number },
) {
  let q = db
    .selectFrom('change_events')
    .innerJoin('services', 'services.id', 'change_events.service_id')
    .selectAll('change_events')
    .select('services.name as service_name')
    .where('change_events.at', '>=', filter.from)
    .where('change_events.at', '<=', filter.to);
  if (filter.serviceIds) {
    if (filter.serviceIds.length === 0) return [];
    q = q.where('change_events.service_id', 'in', filter.serviceIds);
  }
  const rows = await q.orderBy('change_events.at', 'desc').limit(filter.limit).execute();
  return rows.map(changeEventRows.decode);
}

/** Incidents of a service that were open at `at` (started before it, not resolved before it). */
export function incidentsOpenAt(db: Executor, serviceId: number, at: number) {
  return db
    .selectFrom('incidents')
    .innerJoin('incident_services', 'incident_services.incident_id', 'incidents.id')
    .select(['incidents.id', 'incidents.number'])
    .where('incident_services.service_id', '=', serviceId)
    .where('incidents.started_at', '<=', at)
    .where((eb) => eb.or([eb('incidents.resolved_at', 'is', null), eb('incidents.resolved_at', '>=', at)]))
    .where('incidents.status', 'not in', ['declined', 'merged'])
    .execute();
}
