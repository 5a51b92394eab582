import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/**
 * Incidents marked by a person as a recurrence of an earlier one: one row per recurring
 * incident (the primary key keeps it to one "recurrence of"), gone when the mark is undone.
 */
export async function up(db: Kysely<Database>, _dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('incident_recurrences')
    .addColumn('incident_id', 'integer', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
    .addColumn('recurrence_of_id', 'integer', (c) =>
      c.notNull().references('incidents.id').onDelete('cascade'),
    )
    .addColumn('marked_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('marked_at', 'bigint', (c) => c.notNull())
    .execute();
  await schema
    .createIndex('incident_recurrences_of_idx')
    .on('incident_recurrences')
    .column('recurrence_of_id')
    .execute();
}
