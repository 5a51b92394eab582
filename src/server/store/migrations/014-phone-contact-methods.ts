import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/**
 * Contact methods may be SMS, voice (Twilio) and Telegram. The check lists every type known
 * when it was written (ntfy and Pushover included), so it is right whichever migration that
 * widens it runs last.
 */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  await dialect.widenCheck(
    db,
    'contact_methods',
    'contact_methods_type_check',
    `type IN ('email', 'webhook', 'slack', 'teams', 'sms', 'voice', 'telegram', 'ntfy', 'pushover')`,
  );
}
