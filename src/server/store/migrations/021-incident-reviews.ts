import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/** Post-incident reviews: one per incident, every saved text kept, and the reviewers' approvals. */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  // body is null until someone saves: until then the review shows a draft made from the
  // incident's facts as they are now, so an untouched draft never goes stale.
  await schema
    .createTable('incident_reviews')
    .addColumn('incident_id', 'integer', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', 'bigint')
    .addCheckConstraint('incident_reviews_state_check', sql`state IN ('draft', 'in_review', 'published')`)
    .execute();
  await schema
    .createIndex('incident_reviews_updated_idx')
    .on('incident_reviews')
    .column('updated_at')
    .execute();

  await schema
    .createTable('incident_review_versions')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('incident_id', 'integer', (c) =>
      c.notNull().references('incident_reviews.incident_id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('saved_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('incident_review_versions_version_key', ['incident_id', 'version'])
    .execute();

  await schema
    .createTable('incident_review_reviewers')
    .addColumn('incident_id', 'integer', (c) =>
      c.notNull().references('incident_reviews.incident_id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addColumn('approved_at', 'bigint')
    .addPrimaryKeyConstraint('incident_review_reviewers_pk', ['incident_id', 'user_id'])
    .execute();
}
