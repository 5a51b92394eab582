import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/** Sign-in throttling, TOTP two-factor authentication and single sign-on (OIDC) logins. */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  // One row per throttled key (`pair:…`, `address:…`, `account:…`); kept in the database so
  // every process agrees and a restart forgets nothing.
  await schema
    .createTable('sign_in_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'bigint', (c) => c.notNull())
    .addColumn('blocked_until', 'bigint', (c) => c.notNull())
    .execute();
  await schema
    .createIndex('sign_in_throttles_last_failure_idx')
    .on('sign_in_throttles')
    .column('last_failure_at')
    .execute();

  // A confirmed secret has totp_enabled_at set; an unconfirmed one waits for its first code.
  // totp_last_step is the last 30-second step accepted, so a code cannot be used twice.
  await schema.alterTable('users').addColumn('totp_secret', 'text').execute();
  await schema.alterTable('users').addColumn('totp_enabled_at', 'bigint').execute();
  await schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();

  await schema
    .createTable('recovery_codes')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await schema.createIndex('recovery_codes_user_idx').on('recovery_codes').column('user_id').execute();

  // The step between a correct password and a session: a code (or enrolment) is still due.
  await schema
    .createTable('sign_in_challenges')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('sign_in_challenges_purpose_check', sql`purpose IN ('code', 'enrol')`)
    .execute();

  // A single sign-on login on its way through the provider: state, nonce and PKCE verifier.
  await schema
    .createTable('oidc_logins')
    .addColumn('state', 'text', (c) => c.primaryKey())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('next_path', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
}
