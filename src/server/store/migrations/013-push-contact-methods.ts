import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/**
 * Contact methods may be ntfy topics and Pushover user keys. The list also names the phone
 * and chat types the API accepts alongside them (sms, voice, telegram), so the database
 * refuses only what no version of the API writes.
 */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  await dialect.replaceCheck(
    db,
    'contact_methods',
    'contact_methods_type_check',
    `type IN ('email', 'webhook', 'slack', 'teams', 'ntfy', 'pushover', 'sms', 'voice', 'telegram')`,
  );
}
