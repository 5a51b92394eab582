import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Pushover emergency receipts: a page sent at emergency priority keeps alerting the phone until
 * someone acknowledges it in the app. The receipt Pushover returned is kept with the message so
 * that, once every incident of the message is acknowledged in Beacon, the alerting is cancelled.
 */
export async function up(db: Kysely<Database>): Promise<void> {
  const schema = db.schema;
  await schema.alterTable('outbox').addColumn('provider_receipt', 'text').execute();
  // When the receipt was cancelled (or found closed already); null while it may still alert.
  await schema.alterTable('outbox').addColumn('receipt_closed_at', 'bigint').execute();
  // A lease: no cancelling before this (another process is cancelling, or it failed and waits).
  await schema.alterTable('outbox').addColumn('receipt_retry_at', 'bigint').execute();
  await schema
    .createIndex('outbox_open_receipts_idx')
    .on('outbox')
    .column('sent_at')
    .where(sql.ref('provider_receipt'), 'is not', null)
    .execute();
}
