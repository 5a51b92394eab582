import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Reliability metrics read from weeks: weekly rollups beside the daily ones (a year is 53 rows
 * a scope), both with "any severity" and "any category" rows (`' '`, which no trimmed name can
 * be) so an unfiltered read merges one histogram set per week; a lease so one process at a
 * time brings them up to date; follow-ups found by due date. The rollups of 024 lack the "any"
 * rows: they are emptied and rebuilt by the first refresh. Pages are indexed by quarter hour for the on-call load.
 */
export async function up(db: Kysely<Database>): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('incident_metric_weeks')
    // Days since 1970-01-01 UTC of the Monday starting the week.
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'integer', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('incidents', 'integer', (c) => c.notNull())
    .addColumn('durations', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_metric_weeks_pk', ['scope', 'scope_id', 'day', 'severity', 'category'])
    .execute();
  // Until when one process holds the refresh (0: nobody).
  await schema
    .alterTable('incident_metric_state')
    .addColumn('leased_until', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`DELETE FROM incident_metric_rollups`.execute(db);
  await sql`DELETE FROM incident_metric_state`.execute(db);
  await schema.createIndex('follow_ups_due_idx').on('follow_ups').columns(['due_at', 'id']).execute();
  // Pages by quarter hour and person, in the order the on-call load groups them: read in
  // order without a sort (the expression must match the query's, pageQuartersOfDays).
  await schema
    .createIndex('incident_pages_quarter_idx')
    .on('incident_pages')
    .expression(sql`(paged_at / 900000), user_id`)
    .execute();
}
