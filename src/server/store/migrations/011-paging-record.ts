import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/**
 * Who was paged about which incident, and why an outbox message was cancelled: the escalation
 * card and the outbox say what really happened instead of guessing from timeline text.
 */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  // One row per person paged about an incident (a step, a reassignment), pointing at the
  // outbox message that carries it (a bundle carries several incidents).
  await schema
    .createTable('incident_pages')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('outbox_id', 'integer', (c) => c.references('outbox.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('paged_at', 'bigint', (c) => c.notNull())
    .execute();
  await schema
    .createIndex('incident_pages_incident_idx')
    .on('incident_pages')
    .columns(['incident_id', 'id'])
    .execute();
  // acknowledged, resolved, closed, declined, merged, deleted (see core/schemas/oncall.ts).
  await schema.alterTable('outbox').addColumn('cancel_reason', 'text').execute();
}
