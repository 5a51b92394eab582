import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Reliability metrics: per-day summaries of incidents (counts and duration histograms per
 * scope, severity and category) kept current from `incidents.updated_at`, so a year of a
 * million incidents is read from a few thousand rows; and pages found by when they were sent.
 */
export async function up(db: Kysely<Database>): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('incident_metric_rollups')
    // Days since 1970-01-01 UTC of the incidents' created_at.
    .addColumn('day', 'integer', (c) => c.notNull())
    // 'all' (scope_id 0), 'service' or 'team' (scope_id the service's or team's id).
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'integer', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    // '' for incidents without a category.
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('incidents', 'integer', (c) => c.notNull())
    // JSON: one histogram per measure (detect, acknowledge, mitigate, resolve).
    .addColumn('durations', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_metric_rollups_pk', [
      'scope',
      'scope_id',
      'day',
      'severity',
      'category',
    ])
    .execute();
  await schema
    .createIndex('incident_metric_rollups_day_idx')
    .on('incident_metric_rollups')
    .columns(['day', 'scope'])
    .execute();
  // One row (id 1): up to when the summaries are current, and the service owners they used.
  await schema
    .createTable('incident_metric_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('watermark', 'bigint', (c) => c.notNull())
    .addColumn('ownership', 'text', (c) => c.notNull())
    .execute();
  await schema
    .createIndex('incident_pages_paged_at_idx')
    .on('incident_pages')
    .columns(['paged_at', 'user_id'])
    .execute();
}
