import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Reliability metrics without counting pages or follow-ups per request: the on-call load per
 * person and day, and the follow-ups due per day and scope, kept by the rollup round beside
 * the incident rollups; the day each follow-up was last counted under, so a changed due date
 * recounts the old day too. The state row gains the load rollups' own watermark (0: never
 * built, so the first round after upgrading counts every page and follow-up), the last page
 * and follow-up ids they count (newer ones are counted when read) and the time zones used.
 */
export async function up(db: Kysely<Database>): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('oncall_load_days')
    // Days since 1970-01-01 UTC of paged_at.
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('pages', 'integer', (c) => c.notNull())
    .addColumn('out_of_hours_pages', 'integer', (c) => c.notNull())
    // Quarter hours of the person's sleep hours with at least one page.
    .addColumn('sleep_interruptions', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('oncall_load_days_pk', ['day', 'user_id'])
    .execute();
  await schema
    .createTable('follow_up_metric_days')
    // Days since 1970-01-01 UTC of due_at.
    .addColumn('day', 'integer', (c) => c.notNull())
    // 'all' (scope_id 0: every follow-up), 'service' or 'team' (linked to one of its incidents).
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'integer', (c) => c.notNull())
    // JSON of the sorted [severity, category] pairs of the counted incidents the follow-ups
    // are linked to within the scope ('[]': none; category '' for none).
    .addColumn('matches', 'text', (c) => c.notNull())
    .addColumn('open', 'integer', (c) => c.notNull())
    .addColumn('in_progress', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('wont_do', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('follow_up_metric_days_pk', ['scope', 'scope_id', 'day', 'matches'])
    .execute();
  await schema
    .createTable('follow_up_metric_marks')
    .addColumn('follow_up_id', 'integer', (c) => c.primaryKey())
    .addColumn('day', 'integer', (c) => c.notNull())
    .execute();
  // The refresh looks for follow-ups changed since its last round.
  await schema.createIndex('follow_ups_updated_idx').on('follow_ups').column('updated_at').execute();
  await schema
    .createIndex('follow_up_metric_marks_day_idx')
    .on('follow_up_metric_marks')
    .column('day')
    .execute();
  // Counts per severity, category, service or team are summed over every row of a scope with
  // one severity and category cell; the primary key (scope, scope_id, day, …) would walk every
  // cell of every service to find them. Covering, so the sums read the index only.
  for (const table of ['incident_metric_rollups', 'incident_metric_weeks'] as const)
    await schema
      .createIndex(`${table}_cell_idx`)
      .on(table)
      .columns(['scope', 'severity', 'category', 'day', 'scope_id', 'incidents'])
      .execute();
  await schema
    .alterTable('incident_metric_state')
    .addColumn('load_watermark', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await schema
    .alterTable('incident_metric_state')
    .addColumn('pages_through', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await schema
    .alterTable('incident_metric_state')
    .addColumn('follow_ups_through', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await schema
    .alterTable('incident_metric_state')
    .addColumn('zones', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}
