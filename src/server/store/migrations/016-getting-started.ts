import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Who put the getting-started checklist away, and when (one row per person). */
export async function up(db: Kysely<Database>): Promise<void> {
  await db.schema
    .createTable('getting_started_dismissals')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('dismissed_at', 'bigint', (c) => c.notNull())
    .execute();
}
