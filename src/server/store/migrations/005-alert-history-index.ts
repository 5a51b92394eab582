import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Flap damping looks up the last resolved alert of a key: index it, or it scans the service's history. */
export async function up(db: Kysely<Database>): Promise<void> {
  await db.schema
    .createIndex('alerts_service_key_idx')
    .on('alerts')
    .columns(['service_id', 'dedup_key', 'id'])
    .execute();
}
