import type { Insertable } from 'kysely';
import type { ImportLinksTable } from '../schema.js';
import type { Executor } from '../store.js';

/** Every link an import from `source` made. */
export function listImportLinks(db: Executor, source: string) {
  return db.selectFrom('import_links').selectAll().where('source', '=', source).execute();
}

/** Record (or refresh) which Beacon record a source item became. */
export async function upsertImportLink(tx: Executor, row: Insertable<ImportLinksTable>): Promise<void> {
  await tx
    .insertInto('import_links')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['source', 'source_kind', 'source_id']).doUpdateSet({
        beacon_kind: row.beacon_kind,
        beacon_id: row.beacon_id,
        fingerprint: row.fingerprint,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}
