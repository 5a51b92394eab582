import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Reports kept their sender's IP address as a plain SHA-256, which anyone can reverse by
 * hashing every IPv4 address. New reports keep an HMAC under the server's key
 * (`clientIpHash`); the old values are dropped rather than kept reversible.
 */
export async function up(db: Kysely<Database>): Promise<void> {
  await db.updateTable('reports').set({ ip_hash: null }).where('ip_hash', 'is not', null).execute();
}
