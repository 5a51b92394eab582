import type { Insertable, Updateable } from 'kysely';
import type { ServicesTable } from '../schema.js';
import type { Executor } from '../store.js';

/** Every service by name. */
export function listServices(db: Executor) {
  return db.selectFrom('services').selectAll().orderBy('name').execute();
}

/** One service. */
export function findServiceById(db: Executor, id: number) {
  return db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
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
export function insertService(tx: Executor, row: Insertable<ServicesTable>) {
  return tx.insertInto('services').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Change a service. */
export function updateService(tx: Executor, id: number, changes: Updateable<ServicesTable>) {
  return tx.updateTable('services').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
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
