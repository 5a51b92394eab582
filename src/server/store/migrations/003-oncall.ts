import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/** On-call schedules, escalation policies and their durable runs, contact methods and the outbox. */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  await createSchedules(db, dialect);
  await createEscalation(db, dialect);
  await createNotifications(db, dialect);
}

async function createSchedules(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('schedules')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('layers', 'text', (c) => c.notNull())
    .addColumn('ical_token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await schema
    .createTable('schedule_overrides')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('schedule_id', 'integer', (c) => c.notNull().references('schedules.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await schema
    .createIndex('schedule_overrides_schedule_idx')
    .on('schedule_overrides')
    .columns(['schedule_id', 'ends_at'])
    .execute();
  await schema
    .createTable('user_calendar_tokens')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

async function createEscalation(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('escalation_policies')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('repeat_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await schema
    .createTable('escalation_steps')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('policy_id', 'integer', (c) =>
      c.notNull().references('escalation_policies.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('delay_minutes', 'integer', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addUniqueConstraint('escalation_steps_position_key', ['policy_id', 'position'])
    .execute();
  await schema
    .alterTable('services')
    .addColumn('escalation_policy_id', 'integer', (c) =>
      c.references('escalation_policies.id').onDelete('set null'),
    )
    .execute();
  await schema
    .createTable('escalation_runs')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('policy_id', 'integer', (c) => c.notNull())
    .addColumn('step_index', 'integer', (c) => c.notNull())
    .addColumn('repeat_index', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('end_reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // At most one active run per incident, enforced by the database.
  await schema
    .createIndex('escalation_runs_active_idx')
    .unique()
    .on('escalation_runs')
    .column('incident_id')
    .where(sql.ref('ended_at'), 'is', null)
    .execute();
  await schema
    .createIndex('escalation_runs_due_idx')
    .on('escalation_runs')
    .column('due_at')
    .where(sql.ref('ended_at'), 'is', null)
    .execute();
}

async function createNotifications(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('contact_methods')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('contact_methods_type_check', sql`type IN ('email', 'webhook', 'slack', 'teams')`)
    .execute();
  await schema.createIndex('contact_methods_user_idx').on('contact_methods').column('user_id').execute();
  await schema
    .createTable('notification_rules')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('contact_method_id', 'integer', (c) =>
      c.notNull().references('contact_methods.id').onDelete('cascade'),
    )
    .addColumn('delay_minutes', 'integer', (c) => c.notNull())
    .execute();
  await schema
    .createIndex('notification_rules_user_idx')
    .on('notification_rules')
    .column('user_id')
    .execute();
  await schema
    .createTable('outbox')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('contact_method_id', 'integer', (c) => c.references('contact_methods.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'integer', (c) => c.references('incidents.id').onDelete('cascade'))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    // The delivery states are enforced by the database, not only by the code.
    .addCheckConstraint(
      'outbox_status_check',
      sql`status IN ('pending', 'sending', 'sent', 'dead', 'cancelled')`,
    )
    .execute();
  await sql`CREATE INDEX outbox_due_idx ON outbox (next_attempt_at)
    WHERE status IN ('pending', 'sending')`.execute(db);
  await schema.createIndex('outbox_status_idx').on('outbox').columns(['status', 'id']).execute();
  await sql`CREATE INDEX outbox_bundle_idx ON outbox (user_id, channel, address)
    WHERE status = 'pending'`.execute(db);
  await schema
    .createTable('used_action_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('used_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}
