import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/** Paging history per incident (every incident of a bundled message) and dismissed dead letters. */
export async function up(db: Kysely<Database>, _dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  // A bundled message tells about several incidents; its own incident_id names only the first.
  await schema
    .createTable('outbox_incidents')
    .addColumn('outbox_id', 'integer', (c) => c.notNull().references('outbox.id').onDelete('cascade'))
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('outbox_incidents_pk', ['outbox_id', 'incident_id'])
    .execute();
  await schema
    .createIndex('outbox_incidents_incident_idx')
    .on('outbox_incidents')
    .columns(['incident_id', 'outbox_id'])
    .execute();
  await sql`INSERT INTO outbox_incidents (outbox_id, incident_id)
    SELECT id, incident_id FROM outbox WHERE incident_id IS NOT NULL`.execute(db);
  // When an admin dismissed a dead letter's banner; a retry clears it.
  await schema.alterTable('outbox').addColumn('dismissed_at', 'bigint').execute();
}
