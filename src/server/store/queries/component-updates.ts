import type { Selectable } from 'kysely';
import type { StatusComponentUpdatesTable } from '../schema.js';
import type { Executor } from '../store.js';

export type ComponentUpdateRow = Selectable<StatusComponentUpdatesTable>;

/** The status each component last had for subscribers, by component id. */
export async function noticedComponentStatuses(db: Executor): Promise<Map<number, string>> {
  const rows = await db.selectFrom('status_component_notices').select(['component_id', 'status']).execute();
  return new Map(rows.map((row) => [row.component_id, row.status]));
}

/**
 * Move a component's noticed status from `from` (undefined: none yet) to `to`; false when
 * another transaction moved it first, so each change is told by one writer only.
 */
export async function moveNoticedStatus(
  tx: Executor,
  componentId: number,
  from: string | undefined,
  to: string,
  now: number,
): Promise<boolean> {
  if (from === undefined) {
    const rows = await tx
      .insertInto('status_component_notices')
      .values({ component_id: componentId, status: to, noticed_at: now })
      .onConflict((oc) => oc.column('component_id').doNothing())
      .returning('component_id')
      .execute();
    return rows.length > 0;
  }
  const result = await tx
    .updateTable('status_component_notices')
    .set({ status: to, noticed_at: now })
    .where('component_id', '=', componentId)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Record a component status change; returns its id. */
export async function insertComponentUpdate(
  tx: Executor,
  row: { component_id: number; old_status: string; new_status: string; created_at: number },
): Promise<number> {
  const inserted = await tx
    .insertInto('status_component_updates')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Component status changes by id. */
export async function componentUpdatesByIds(
  db: Executor,
  ids: readonly number[],
): Promise<Map<number, ComponentUpdateRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('status_component_updates')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}
