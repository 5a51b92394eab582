import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/** Outbound webhook subscriptions, their delivery outbox and the log of every attempt. */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('webhook_subscriptions')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // JSON arrays; NULL means "all" (every event type, every service).
    .addColumn('event_types', 'text')
    .addColumn('service_ids', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // One row per event and subscription, written in the transaction of the change it announces.
  await schema
    .createTable('webhook_deliveries')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('subscription_id', 'integer', (c) =>
      c.notNull().references('webhook_subscriptions.id').onDelete('cascade'),
    )
    .addColumn('delivery_id', 'text', (c) => c.notNull().unique())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'integer', (c) => c.references('incidents.id').onDelete('cascade'))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('last_http_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('delivered_at', 'bigint')
    .addCheckConstraint(
      'webhook_deliveries_status_check',
      sql`status IN ('pending', 'sending', 'delivered', 'dead')`,
    )
    .execute();
  await sql`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at)
    WHERE status IN ('pending', 'sending')`.execute(db);
  // What the claim asks to keep one incident's events in order: an earlier unfinished one?
  await sql`CREATE INDEX webhook_deliveries_order_idx ON webhook_deliveries (subscription_id, incident_id, id)
    WHERE status IN ('pending', 'sending')`.execute(db);
  await schema
    .createIndex('webhook_deliveries_log_idx')
    .on('webhook_deliveries')
    .columns(['subscription_id', 'id'])
    .execute();

  await schema
    .createTable('webhook_attempts')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('delivery_id', 'integer', (c) =>
      c.notNull().references('webhook_deliveries.id').onDelete('cascade'),
    )
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('error', 'text')
    .addColumn('response_body', 'text')
    .execute();
  await schema
    .createIndex('webhook_attempts_delivery_idx')
    .on('webhook_attempts')
    .columns(['delivery_id', 'id'])
    .execute();
}
