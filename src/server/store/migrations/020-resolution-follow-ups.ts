import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/** The resolution record on incidents, auto-close bookkeeping, and follow-up actions. */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  // The resolution record sits beside the existing resolution_summary and root_cause columns,
  // so an incident stays one row. SQLite adds one column per statement.
  for (const column of [
    'root_cause_category',
    'contributing_factors',
    'fix',
    'workaround',
    'customer_impact',
  ]) {
    await schema.alterTable('incidents').addColumn(column, 'text').execute();
  }
  await schema.alterTable('incidents').addColumn('customers_affected', 'integer').execute();
  // When customer impact ended; null: the incident's mitigation (or resolution) time.
  await schema.alterTable('incidents').addColumn('impact_ended_at', 'bigint').execute();

  // The last time auto-close looked at a resolved incident and could not close it, and why:
  // checked again once the incident changes or a day has passed.
  await schema
    .createTable('incident_auto_close')
    .addColumn('incident_id', 'integer', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
    .addColumn('checked_at', 'bigint', (c) => c.notNull())
    .addColumn('blocked_reason', 'text', (c) => c.notNull())
    .execute();

  await schema
    .createTable('follow_ups')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('team_id', 'integer', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('due_at', 'bigint')
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('wont_do_reason', 'text')
    .addColumn('external_url', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('done_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull())
    // The overdue reminder timer: the last reminder sent (null: none yet). A follow-up open
    // past its due date is reminded of when this is null or a reminder period old.
    .addColumn('reminded_at', 'bigint')
    .addColumn('reminders_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('follow_ups_state_check', sql`state IN ('open', 'in_progress', 'done', 'wont_do')`)
    .addCheckConstraint('follow_ups_priority_check', sql`priority IN ('urgent', 'high', 'medium', 'low')`)
    .addCheckConstraint(
      'follow_ups_wont_do_check',
      sql`state <> 'wont_do' OR (wont_do_reason IS NOT NULL AND wont_do_reason <> '')`,
    )
    .execute();
  await schema
    .createIndex('follow_ups_state_due_idx')
    .on('follow_ups')
    .columns(['state', 'due_at'])
    .execute();
  await schema.createIndex('follow_ups_owner_idx').on('follow_ups').column('owner_id').execute();
  await schema.createIndex('follow_ups_team_idx').on('follow_ups').column('team_id').execute();
  await schema.createIndex('follow_ups_created_idx').on('follow_ups').columns(['created_at', 'id']).execute();

  // A follow-up may come out of several incidents and outlives each of them.
  await schema
    .createTable('follow_up_incidents')
    .addColumn('follow_up_id', 'integer', (c) => c.notNull().references('follow_ups.id').onDelete('cascade'))
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('follow_up_incidents_pk', ['follow_up_id', 'incident_id'])
    .execute();
  await schema
    .createIndex('follow_up_incidents_incident_idx')
    .on('follow_up_incidents')
    .column('incident_id')
    .execute();
}
