import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/** Users, access, catalog, incidents and their timeline. */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const serial = dialect.serialType;
  const schema = db.schema;

  await schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('counters').values({ name: 'incident_number', value: 0 }).execute();

  await schema
    .createTable('users')
    .addColumn('id', serial, (c) => dialect.serialPrimaryKey(c))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await schema
    .createTable('sessions')
    .addColumn('id', serial, (c) => dialect.serialPrimaryKey(c))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await schema
    .createTable('api_tokens')
    .addColumn('id', serial, (c) => dialect.serialPrimaryKey(c))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();

  await schema
    .createTable('audit_log')
    .addColumn('id', serial, (c) => dialect.serialPrimaryKey(c))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('data', 'text')
    .execute();

  await schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await schema
    .createTable('teams')
    .addColumn('id', serial, (c) => dialect.serialPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await schema
    .createTable('team_members')
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
    .execute();

  await schema
    .createTable('services')
    .addColumn('id', serial, (c) => dialect.serialPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('tier', 'integer')
    .addColumn('owner_team_id', 'integer', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await schema
    .createTable('service_dependencies')
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('depends_on_id', 'integer', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('service_dependencies_pk', ['service_id', 'depends_on_id'])
    .execute();

  await createIncidents(db, dialect);
}

async function createIncidents(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('incidents')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('impact', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('commander_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('resolution_summary', 'text')
    .addColumn('root_cause', 'text')
    .addColumn('merged_into_id', 'integer', (c) => c.references('incidents.id'))
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('detected_at', 'bigint', (c) => c.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('mitigated_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  for (const column of ['created_at', 'updated_at', 'status', 'severity'] as const) {
    await schema.createIndex(`incidents_${column}_idx`).on('incidents').columns([column, 'id']).execute();
  }
  // Filtered lists sort by creation within a status or severity.
  for (const column of ['status', 'severity'] as const) {
    await schema
      .createIndex(`incidents_${column}_created_idx`)
      .on('incidents')
      .columns([column, 'created_at', 'id'])
      .execute();
  }
  await schema.createIndex('incidents_merged_into_idx').on('incidents').column('merged_into_id').execute();

  await schema
    .createTable('incident_services')
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('incident_services_pk', ['incident_id', 'service_id'])
    .execute();
  await schema
    .createIndex('incident_services_service_idx')
    .on('incident_services')
    .columns(['service_id', 'incident_id'])
    .execute();

  await schema
    .createTable('timeline_entries')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('changes', 'text')
    .addColumn('body', 'text')
    .execute();
  await schema
    .createIndex('timeline_entries_incident_idx')
    .on('timeline_entries')
    .columns(['incident_id', 'id'])
    .execute();

  await dialect.createIncidentSearch(db);
  await dialect.protectTimeline(db);
}
