import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * What an import from another on-call tool made: one row per source item (a PagerDuty user,
 * schedule, integration…) naming the Beacon record it became, with a fingerprint of the item
 * as last imported, so running the same import again changes nothing.
 */
export async function up(db: Kysely<Database>): Promise<void> {
  await db.schema
    .createTable('import_links')
    // 'pagerduty', 'opsgenie', …
    .addColumn('source', 'text', (c) => c.notNull())
    // 'user', 'team', 'schedule', 'override', 'escalation_policy', 'service', 'integration', 'maintenance'.
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('beacon_kind', 'text', (c) => c.notNull())
    .addColumn('beacon_id', 'integer', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_links_pk', ['source', 'source_kind', 'source_id'])
    .execute();
}
