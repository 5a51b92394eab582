import type { Insertable, Updateable } from 'kysely';
import type { IntegrationsTable } from '../schema.js';
import type { Executor } from '../store.js';

/** An integration with its service's name, by the hash of its key. */
export function findIntegrationByKeyHash(db: Executor, keyHash: string) {
  return db
    .selectFrom('integrations')
    .innerJoin('services', 'services.id', 'integrations.service_id')
    .selectAll('integrations')
    .select('services.name as service_name')
    .where('integrations.key_hash', '=', keyHash)
    .executeTakeFirst();
}

/** The key hash and disabled state of integrations by id. */
export function findIntegrationKeys(db: Executor, ids: readonly number[]) {
  return db
    .selectFrom('integrations')
    .select(['id', 'key_hash', 'disabled_at'])
    .where('id', 'in', ids)
    .execute();
}

/** Integrations with their service names, of one service or all. */
export function listIntegrations(db: Executor, serviceId?: number) {
  let q = db
    .selectFrom('integrations')
    .innerJoin('services', 'services.id', 'integrations.service_id')
    .selectAll('integrations')
    .select('services.name as service_name');
  if (serviceId !== undefined) q = q.where('integrations.service_id', '=', serviceId);
  return q.orderBy('integrations.id').execute();
}

/** One integration with its service name. */
export function findIntegration(db: Executor, id: number) {
  return db
    .selectFrom('integrations')
    .innerJoin('services', 'services.id', 'integrations.service_id')
    .selectAll('integrations')
    .select('services.name as service_name')
    .where('integrations.id', '=', id)
    .executeTakeFirst();
}

/** Insert an integration. */
export function insertIntegration(tx: Executor, row: Insertable<IntegrationsTable>) {
  return tx.insertInto('integrations').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Change an integration. */
export async function updateIntegration(
  tx: Executor,
  id: number,
  changes: Updateable<IntegrationsTable>,
): Promise<void> {
  await tx.updateTable('integrations').set(changes).where('id', '=', id).execute();
}

/** Delete an integration (its alerts stay, without it). */
export async function deleteIntegration(tx: Executor, id: number): Promise<void> {
  await tx.deleteFrom('integrations').where('id', '=', id).execute();
}
