import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** How many characters of a key are kept in clear, to recognise it. */
const KEY_PREFIX_LENGTH = 8;

/**
 * Integration keys are no longer stored: only their SHA-256 (`key_hash`, looked up already)
 * and a short prefix to recognise them by. Existing keys are hashed in place, so senders keep
 * working with the key they have; the column holding keys in clear is dropped.
 */
export async function up(db: Kysely<Database>): Promise<void> {
  await db.schema
    .alterTable('integrations')
    .addColumn('key_prefix', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // The old shape, read without the typed schema (which no longer has the clear key).
  const legacy = db as unknown as Kysely<{ integrations: { id: number; key: string } }>;
  const rows = await legacy.selectFrom('integrations').select(['id', 'key']).execute();
  for (const row of rows) {
    await db
      .updateTable('integrations')
      .set({
        key_hash: createHash('sha256').update(row.key).digest('hex'),
        key_prefix: row.key.slice(0, KEY_PREFIX_LENGTH),
      })
      .where('id', '=', row.id)
      .execute();
  }
  await db.schema.alterTable('integrations').dropColumn('key').execute();
}
