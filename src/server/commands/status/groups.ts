import { NotFoundError } from '../../../core/errors.js';
import type { ComponentGroup } from '../../../core/schemas/status-page.js';
import {
  type StatusGroupRow,
  bumpStatusVersion,
  deleteStatusGroup,
  findStatusGroup,
  insertStatusGroup,
  listStatusGroups,
  updateStatusGroup,
} from '../../store/queries/status-page.js';
import { auditChange } from '../audit-change.js';
import { type AppContext, type Caller, iso } from '../context.js';

/** Body of a new group; a patch has every field optional. */
export interface GroupBody {
  name: string;
  description?: string | null | undefined;
  position?: number | undefined;
}

function viewGroup(row: StatusGroupRow): ComponentGroup {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    position: row.position,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Every component group, in page order. */
export async function getStatusGroups(ctx: AppContext): Promise<ComponentGroup[]> {
  return (await listStatusGroups(ctx.store.db)).map(viewGroup);
}

/** Add a group (admin). */
export async function createStatusGroup(
  ctx: AppContext,
  caller: Caller,
  body: GroupBody,
): Promise<ComponentGroup> {
  const now = ctx.clock.now();
  const row = await ctx.store.transaction(async (tx) => {
    const inserted = await insertStatusGroup(tx, {
      name: body.name,
      description: body.description ?? null,
      position: body.position ?? 0,
      created_at: now,
      updated_at: now,
    });
    await bumpStatusVersion(tx, now);
    await auditChange(tx, caller, now, 'status_group.create', inserted.id, { after: body });
    return inserted;
  });
  return viewGroup(row);
}

/** Change a group (admin). */
export async function updateStatusGroupCommand(
  ctx: AppContext,
  caller: Caller,
  id: number,
  patch: Partial<GroupBody>,
): Promise<ComponentGroup> {
  const now = ctx.clock.now();
  const row = await ctx.store.transaction(async (tx) => {
    if (!(await findStatusGroup(tx, id))) throw new NotFoundError(`component group ${id}`);
    await updateStatusGroup(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.position !== undefined ? { position: patch.position } : {}),
      updated_at: now,
    });
    await bumpStatusVersion(tx, now);
    await auditChange(tx, caller, now, 'status_group.update', id, { changes: patch });
    return findStatusGroup(tx, id);
  });
  if (!row) throw new NotFoundError(`component group ${id}`);
  return viewGroup(row);
}

/** Delete a group (admin); its components stay on the page, ungrouped. */
export async function removeStatusGroup(ctx: AppContext, caller: Caller, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await findStatusGroup(tx, id);
    if (!row) throw new NotFoundError(`component group ${id}`);
    await deleteStatusGroup(tx, id, now);
    await bumpStatusVersion(tx, now);
    await auditChange(tx, caller, now, 'status_group.delete', id, { name: row.name });
  });
}
