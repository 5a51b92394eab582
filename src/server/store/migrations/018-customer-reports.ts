import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/** Customer reports, their links to incidents, and the counters that limit anonymous intake. */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  // References start at R-1001, so a customer's reference never looks like an incident number.
  await db.insertInto('counters').values({ name: 'report_number', value: 1000 }).execute();
  // component_id names a status-page component; it has no foreign key, so reports do not
  // depend on the status page's tables and survive a component's deletion.
  await schema
    .createTable('reports')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('component_id', 'integer')
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('ip_hash', 'text')
    .addColumn('language', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('incident_id', 'integer', (c) => c.references('incidents.id').onDelete('set null'))
    .addColumn('link_reason', 'text')
    .addColumn('linked_at', 'bigint')
    // The acknowledgement's outbox message (its state is the message's); null: none was sent.
    .addColumn('ack_outbox_id', 'integer')
    .addColumn('told_at', 'bigint')
    .addCheckConstraint('reports_source_check', sql`source IN ('form', 'api', 'email')`)
    .execute();
  await schema.createIndex('reports_incident_idx').on('reports').column('incident_id').execute();
  await schema.createIndex('reports_received_idx').on('reports').column('received_at').execute();

  // One fixed window per key (an IP hash, an address hash, a token): how many reports it sent
  // since the window started. Shared by every process through the database.
  await schema
    .createTable('report_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
}
