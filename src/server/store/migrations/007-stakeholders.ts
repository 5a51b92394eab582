import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/** Incident stakeholders, posted status and stakeholder updates, and update-reminder timers. */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('incident_stakeholders')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    // `user:12`, `team:3` or `email:a@b.c`: one entry per incident and target, enforced below.
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('team_id', 'integer', (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('added_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('incident_stakeholders_target_key', ['incident_id', 'target_key'])
    .addCheckConstraint('incident_stakeholders_type_check', sql`type IN ('user', 'team', 'email')`)
    .addCheckConstraint('incident_stakeholders_source_check', sql`source IN ('added', 'subscribed')`)
    .execute();

  await schema
    .createTable('incident_updates')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('impact', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('posted_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('incident_updates_kind_check', sql`kind IN ('status', 'stakeholder')`)
    .execute();
  await schema
    .createIndex('incident_updates_incident_idx')
    .on('incident_updates')
    .columns(['incident_id', 'posted_at'])
    .execute();

  // One durable timer per incident that has been eligible for update reminders: the start of
  // its current quiet period. Workers claim due rows (SKIP LOCKED on PostgreSQL).
  await schema
    .createTable('update_reminders')
    .addColumn('incident_id', 'integer', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
    .addColumn('anchor_at', 'bigint', (c) => c.notNull())
    .addColumn('reminders_sent', 'integer', (c) => c.notNull())
    .addColumn('last_reminded_at', 'bigint')
    .execute();
  await schema
    .createIndex('update_reminders_anchor_idx')
    .on('update_reminders')
    .column('anchor_at')
    .execute();
}
