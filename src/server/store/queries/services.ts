import type { Insertable, Updateable } from 'kysely';
import type { ServicesTable } from '../schema.js';
import type { Executor } from '../store.js';
import type { MappedBy } from './rows/codec.js';
import { type ServiceRecord, serviceRows } from './rows/services.js';

export type { ServiceRecord };

/** Every service by name. */
export async function listServices(db: Executor): Promise<ServiceRecord[]> {
  const rows = await db.selectFrom('services').selectAll().orderBy('name').execute();
  return rows.map(serviceRows.decode);
}

/** One service. */
export async function findServiceById(db: Executor, id: number): Promise<ServiceRecord | undefined> {
  const row = await db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
  return row && serviceRows.decode(row);
}

/** Services by id (for references and existence checks). */
export function findServicesByIds(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('services')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** Insert a service. */
export async function insertService(
  tx: Executor,
  values: MappedBy<typeof serviceRows, Insertable<ServicesTable>>,
): Promise<ServiceRecord> {
  const row = await tx
    .insertInto('services')
    .values(serviceRows.encode<Insertable<ServicesTable>>(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return serviceRows.decode(row);
}

/** Change a service. */
export async function updateService(
  tx: Executor,
  id: number,
  changes: MappedBy<typeof serviceRows, Updateable<ServicesTable>>,
): Promise<ServiceRecord | undefined> {
  const row = await tx
    .updateTable('services')
    .set(serviceRows.encode<Updateable<ServicesTable>>(changes))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && serviceRows.decode(row);
}

/** Delete a service (its incident links go with it; incidents stay). */
export async function deleteService(tx: Executor, id: number): Promise<void> {
  await tx.deleteFrom('services').where('id', '=', id).execute();
}

/** Replace what a service depends on. */
export async function setServiceDependencies(
  tx: Executor,
  serviceId: number,
  dependsOn: readonly number[],
): Promise<void> {
  await tx.deleteFrom('service_dependencies').where('service_id', '=', serviceId).execute();
  const unique = [...new Set(dependsOn)];
  if (unique.length === 0) return;
  await tx
    .insertInto('service_dependencies')
    .values(unique.map((id) => ({ service_id: serviceId, depends_on_id: id })))
    .execute();
}

/** Every dependency edge (service → depends on). */
export function listServiceDependencies(db: Executor) {
  return db.selectFrom('service_dependencies').selectAll().execute();
}

/** Open incidents per service id. */
export async function openIncidentCounts(db: Executor): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('incident_services')
    .innerJoin('incidents', 'incidents.id', 'incident_services.incident_id')
    .select(['incident_services.service_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('incidents.status', 'in', ['triage', 'triggered', 'investigating', 'identified', 'monitoring'])
    .groupBy('incident_services.service_id')
    .execute();
  return new Map(rows.map((row) => [row.service_id, Number(row.n)]));
}
