import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/** Invitations and password resets by email: one-time links, stored as hashes. */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  // Set while an invited user has not chosen a password yet (their password hash is empty).
  await schema.alterTable('users').addColumn('invited_at', 'bigint').execute();

  // The link's secret is derived from `salt` with the server's signing key when the mail is
  // sent; only its SHA-256 is kept, so the database alone cannot open an account.
  await schema
    .createTable('account_links')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addCheckConstraint('account_links_purpose_check', sql`purpose IN ('invite', 'reset')`)
    .execute();
  await schema.createIndex('account_links_user_idx').on('account_links').column('user_id').execute();
}
