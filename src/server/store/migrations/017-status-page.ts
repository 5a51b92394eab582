import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

const COMPONENT_STATUS_SQL = sql`('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance')`;
const PUBLIC_STATUS_SQL = sql`('investigating', 'identified', 'monitoring', 'resolved')`;

/**
 * The status page: its settings (one row, with a version counter bumped by every change the
 * public page shows), component groups, components and the services behind them, the public
 * face of incidents (publication, public updates and the components each set), and templates.
 */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('status_page_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('logo_url', 'text')
    .addColumn('brand_color', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('is_private', 'integer', (c) => c.notNull())
    .addColumn('reporter_notify', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('status_page_settings_single_row', sql`id = 1`)
    .addCheckConstraint(
      'status_page_settings_notify_check',
      sql`reporter_notify IN ('every_update', 'resolution')`,
    )
    .execute();
  await db
    .insertInto('status_page_settings')
    .values({
      id: 1,
      name: 'Status',
      logo_url: null,
      brand_color: '#1f6feb',
      time_zone: 'UTC',
      is_private: 0,
      reporter_notify: 'every_update',
      version: 1,
      updated_at: 0,
    })
    .execute();

  await schema
    .createTable('status_page_groups')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await schema
    .createTable('status_page_components')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('group_id', 'integer', (c) => c.references('status_page_groups.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status_mode', 'text', (c) => c.notNull())
    .addColumn('manual_status', 'text')
    .addColumn('show_uptime', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('status_page_components_mode_check', sql`status_mode IN ('manual', 'derived')`)
    .addCheckConstraint(
      'status_page_components_status_check',
      sql`manual_status IS NULL OR manual_status IN ${COMPONENT_STATUS_SQL}`,
    )
    .execute();
  await schema
    .createIndex('status_page_components_group_idx')
    .on('status_page_components')
    .column('group_id')
    .execute();

  await schema
    .createTable('status_page_component_services')
    .addColumn('component_id', 'integer', (c) =>
      c.notNull().references('status_page_components.id').onDelete('cascade'),
    )
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('status_page_component_services_pk', ['component_id', 'service_id'])
    .execute();
  await schema
    .createIndex('status_page_component_services_service_idx')
    .on('status_page_component_services')
    .column('service_id')
    .execute();

  // An incident is on the page from its first public update; the title and impact customers see.
  await schema
    .createTable('incident_publications')
    .addColumn('incident_id', 'integer', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
    .addColumn('public_title', 'text', (c) => c.notNull())
    .addColumn('public_impact', 'text', (c) => c.notNull())
    // The status of its latest public update, and when that update resolved it (null while not).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint(
      'incident_publications_impact_check',
      sql`public_impact IN ('none', 'minor', 'major', 'critical')`,
    )
    .addCheckConstraint('incident_publications_status_check', sql`status IN ${PUBLIC_STATUS_SQL}`)
    .execute();
  await schema
    .createIndex('incident_publications_resolved_idx')
    .on('incident_publications')
    .columns(['status', 'resolved_at'])
    .execute();

  await schema
    .createTable('incident_public_updates')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('posted_at', 'bigint', (c) => c.notNull())
    .addColumn('edited_at', 'bigint')
    .addCheckConstraint('incident_public_updates_status_check', sql`status IN ${PUBLIC_STATUS_SQL}`)
    .execute();
  await schema
    .createIndex('incident_public_updates_incident_idx')
    .on('incident_public_updates')
    .columns(['incident_id', 'posted_at'])
    .execute();

  // The components an update named, the status it gave each and the one shown before.
  await schema
    .createTable('public_update_components')
    .addColumn('update_id', 'integer', (c) =>
      c.notNull().references('incident_public_updates.id').onDelete('cascade'),
    )
    .addColumn('component_id', 'integer', (c) =>
      c.notNull().references('status_page_components.id').onDelete('cascade'),
    )
    .addColumn('old_status', 'text')
    .addColumn('new_status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('public_update_components_pk', ['update_id', 'component_id'])
    .addCheckConstraint('public_update_components_status_check', sql`new_status IN ${COMPONENT_STATUS_SQL}`)
    .execute();
  await schema
    .createIndex('public_update_components_component_idx')
    .on('public_update_components')
    .column('component_id')
    .execute();

  await schema
    .createTable('status_page_templates')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint(
      'status_page_templates_status_check',
      sql`status IS NULL OR status IN ${PUBLIC_STATUS_SQL}`,
    )
    .execute();
}
