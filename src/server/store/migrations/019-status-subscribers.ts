import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/**
 * Status-page subscribers (email and webhook), the components each chose, their outbox of
 * messages (confirmations and news, leased like the other outboxes), one row per subscriber and
 * piece of news (the exactly-once key: a message carries the news queued into it), the
 * maintenance steps already announced, and the page's bundling window.
 */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema
    .alterTable('status_page_settings')
    .addColumn('subscriber_bundle_seconds', 'integer', (c) => c.notNull().defaultTo(60))
    .execute();

  // `address` is the mailbox (email) or the URL (webhook); `email` is where confirmation and
  // management mail goes (the same mailbox for an email subscriber). The token itself is never
  // stored: it is derived from `token_salt` with the server's signing key; `token_hash` finds it.
  await schema
    .createTable('status_subscribers')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('all_components', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('token_salt', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('skip_reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('confirmed_at', 'bigint')
    .addColumn('unsubscribed_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('status_subscribers_channel_check', sql`channel IN ('email', 'webhook')`)
    .addCheckConstraint(
      'status_subscribers_state_check',
      sql`state IN ('pending', 'confirmed', 'unsubscribed')`,
    )
    .addCheckConstraint('status_subscribers_source_check', sql`source IN ('form', 'api', 'admin')`)
    .addUniqueConstraint('status_subscribers_address_unique', ['channel', 'address'])
    .execute();
  await schema.createIndex('status_subscribers_state_idx').on('status_subscribers').column('state').execute();

  await schema
    .createTable('status_subscriber_components')
    .addColumn('subscriber_id', 'integer', (c) =>
      c.notNull().references('status_subscribers.id').onDelete('cascade'),
    )
    .addColumn('component_id', 'integer', (c) =>
      c.notNull().references('status_page_components.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('status_subscriber_components_pk', ['subscriber_id', 'component_id'])
    .execute();
  await schema
    .createIndex('status_subscriber_components_component_idx')
    .on('status_subscriber_components')
    .column('component_id')
    .execute();

  // One message to one subscriber: a confirmation, or news of one incident or maintenance.
  await schema
    .createTable('status_subscriber_messages')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('subscriber_id', 'integer', (c) =>
      c.notNull().references('status_subscribers.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text')
    .addColumn('subject_id', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addCheckConstraint('status_subscriber_messages_kind_check', sql`kind IN ('confirmation', 'news')`)
    .addCheckConstraint(
      'status_subscriber_messages_status_check',
      sql`status IN ('pending', 'sending', 'sent', 'dead', 'cancelled')`,
    )
    .execute();
  await schema
    .createIndex('status_subscriber_messages_due_idx')
    .on('status_subscriber_messages')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await schema
    .createIndex('status_subscriber_messages_subject_idx')
    .on('status_subscriber_messages')
    .columns(['subscriber_id', 'subject_kind', 'subject_id', 'status'])
    .execute();

  // A piece of news (`update:12`, `update:12:edit:<ms>`, `maintenance:4:in_progress`) reaches a
  // subscriber once: the primary key refuses it a second time, whoever queues it.
  await schema
    .createTable('status_subscriber_news')
    .addColumn('subscriber_id', 'integer', (c) =>
      c.notNull().references('status_subscribers.id').onDelete('cascade'),
    )
    .addColumn('news_key', 'text', (c) => c.notNull())
    .addColumn('message_id', 'integer', (c) =>
      c.notNull().references('status_subscriber_messages.id').onDelete('cascade'),
    )
    // The public update it is about, as the snapshot names it (`12`, `4-in_progress`).
    .addColumn('update_ref', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('status_subscriber_news_pk', ['subscriber_id', 'news_key'])
    .execute();
  await schema
    .createIndex('status_subscriber_news_message_idx')
    .on('status_subscriber_news')
    .column('message_id')
    .execute();

  // The maintenance steps subscribers were told of: each is announced by one process, once.
  await schema
    .createTable('status_maintenance_notices')
    .addColumn('window_id', 'integer', (c) =>
      c.notNull().references('maintenance_windows.id').onDelete('cascade'),
    )
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('noticed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('status_maintenance_notices_pk', ['window_id', 'stage'])
    .execute();
}
