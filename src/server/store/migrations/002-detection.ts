import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/** Integrations, alerts and their history, maintenance windows, change events and checks. */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema.alterTable('services').addColumn('alert_rules', 'text').execute();
  await schema.alterTable('incidents').addColumn('alert_service_id', 'integer').execute();
  await schema.alterTable('incidents').addColumn('alert_group_key', 'text').execute();
  await schema
    .createIndex('incidents_alert_group_idx')
    .on('incidents')
    .columns(['alert_service_id', 'alert_group_key', 'id'])
    .execute();

  await schema
    .createTable('integrations')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('disabled_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await schema
    .createTable('alerts')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('integration_id', 'integer', (c) => c.references('integrations.id').onDelete('set null'))
    .addColumn('dedup_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('links', 'text', (c) => c.notNull())
    .addColumn('generator_url', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint')
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('incident_id', 'integer', (c) => c.references('incidents.id'))
    .addColumn('group_key', 'text', (c) => c.notNull())
    .addColumn('is_suppressed', 'integer', (c) => c.notNull())
    .addColumn('is_flapping', 'integer', (c) => c.notNull())
    .addColumn('state_changes', 'text', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('last_event_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // Dedup: at most one open alert per service and key, enforced by the database.
  await schema
    .createIndex('alerts_open_dedup_idx')
    .unique()
    .on('alerts')
    .columns(['service_id', 'dedup_key'])
    .where(sql.ref('resolved_at'), 'is', null)
    .execute();
  await schema.createIndex('alerts_incident_idx').on('alerts').columns(['incident_id', 'id']).execute();
  await schema.createIndex('alerts_service_idx').on('alerts').columns(['service_id', 'id']).execute();
  await schema.createIndex('alerts_ends_at_idx').on('alerts').columns(['resolved_at', 'ends_at']).execute();
  await schema
    .createIndex('alerts_group_idx')
    .on('alerts')
    .columns(['service_id', 'group_key', 'created_at'])
    .execute();

  await schema
    .createTable('alert_events')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('payload', 'text')
    .execute();
  await schema.createIndex('alert_events_alert_idx').on('alert_events').columns(['alert_id', 'id']).execute();

  await schema
    .createTable('maintenance_windows')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('released_at', 'bigint')
    .execute();
  await schema
    .createIndex('maintenance_windows_service_idx')
    .on('maintenance_windows')
    .columns(['service_id', 'ends_at'])
    .execute();

  await schema
    .createTable('change_events')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('integration_id', 'integer', (c) => c.references('integrations.id').onDelete('set null'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('links', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await schema
    .createIndex('change_events_service_idx')
    .on('change_events')
    .columns(['service_id', 'at'])
    .execute();

  await createChecks(db, dialect);
}

async function createChecks(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('checks')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('timeout_ms', 'integer', (c) => c.notNull())
    .addColumn('retries', 'integer', (c) => c.notNull())
    .addColumn('heartbeat_token', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull())
    .addColumn('last_checked_at', 'bigint')
    .addColumn('last_ping_at', 'bigint')
    .addColumn('last_message', 'text')
    .addColumn('next_run_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'bigint')
    .addColumn('paused_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await schema.createIndex('checks_due_idx').on('checks').columns(['next_run_at']).execute();
  await schema.createIndex('checks_heartbeat_idx').on('checks').column('heartbeat_token').unique().execute();

  await schema
    .createTable('check_results')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('check_id', 'integer', (c) => c.notNull().references('checks.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('is_up', 'integer', (c) => c.notNull())
    .addColumn('latency_ms', 'integer')
    .addColumn('message', 'text')
    .execute();
  await schema
    .createIndex('check_results_check_idx')
    .on('check_results')
    .columns(['check_id', 'at'])
    .execute();
}
