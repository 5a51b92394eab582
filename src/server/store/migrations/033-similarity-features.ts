import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/**
 * Each incident's similarity features, computed once when it changes (in the same transaction)
 * instead of at every server start: the similarity index loads by reading these rows. Rows for
 * incidents from before this migration are written by a background backfill.
 */
export async function up(db: Kysely<Database>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('incident_similarity_features')
    .addColumn('incident_id', 'integer', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('is_listed', 'integer', (c) => c.notNull())
    .addColumn('features', 'text', (c) => c.notNull())
    .execute();
}
