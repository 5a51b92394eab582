import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/**
 * Component status changes told to webhook subscribers, as Statuspage's `component_update`:
 * the status each component last had for subscribers (one row per component, moved by one
 * process per change), every change recorded, and messages that carry one change each.
 */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('status_component_notices')
    .addColumn('component_id', 'integer', (c) =>
      c.primaryKey().references('status_page_components.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('noticed_at', 'bigint', (c) => c.notNull())
    .execute();

  await schema
    .createTable('status_component_updates')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('component_id', 'integer', (c) =>
      c.notNull().references('status_page_components.id').onDelete('cascade'),
    )
    .addColumn('old_status', 'text', (c) => c.notNull())
    .addColumn('new_status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await schema
    .createIndex('status_component_updates_component_idx')
    .on('status_component_updates')
    .column('component_id')
    .execute();

  await dialect.replaceCheck(
    db,
    'status_subscriber_messages',
    'status_subscriber_messages_kind_check',
    `kind IN ('confirmation', 'news', 'component_update')`,
  );
}
