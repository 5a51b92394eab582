import { NotFoundError, ValidationError } from '../../../core/errors.js';
import type {
  StatusComponent,
  StatusComponentBody,
  StatusComponentPatch,
} from '../../../core/schemas/status-page.js';
import type { ComponentStatus } from '../../../core/status/snapshot.js';
import {
  type StatusComponentRecord,
  bumpStatusVersion,
  deleteStatusComponent,
  findStatusComponent,
  findStatusGroup,
  insertStatusComponent,
  setComponentServices,
  updateStatusComponent,
} from '../../store/queries/status-page.js';
import type { Executor } from '../../store/store.js';
import { auditChange } from '../audit-change.js';
import { type AppContext, type Caller, iso } from '../context.js';
import { queueComponentUpdates } from './component-updates.js';
import { assertServicesExist } from '../incident-guards.js';
import { componentStatuses, loadStatusSources } from './status-sources.js';

function viewComponent(
  row: StatusComponentRecord,
  serviceIds: number[],
  status: ComponentStatus,
): StatusComponent {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    groupId: row.group_id,
    position: row.position,
    serviceIds,
    statusMode: row.status_mode === 'manual' ? 'manual' : 'derived',
    manualStatus: row.manual_status as ComponentStatus | null,
    status,
    showUptime: row.show_uptime,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Every component in page order, with the status the page shows now. */
export async function getStatusComponents(ctx: AppContext): Promise<StatusComponent[]> {
  const sources = await loadStatusSources(ctx.store.db, ctx.clock.now());
  const statuses = componentStatuses(sources);
  return sources.components.map((row) =>
    viewComponent(row, sources.servicesOf.get(row.id) ?? [], statuses.get(row.id) ?? 'operational'),
  );
}

async function getStatusComponent(ctx: AppContext, id: number): Promise<StatusComponent> {
  const component = (await getStatusComponents(ctx)).find((c) => c.id === id);
  if (!component) throw new NotFoundError(`component ${id}`);
  return component;
}

async function assertGroup(db: Executor, id: number | null | undefined): Promise<void> {
  if (id === null || id === undefined) return;
  if (!(await findStatusGroup(db, id)))
    throw new ValidationError('groupId', `no component group with id ${id}`);
}

/** Add a component (admin). */
export async function createStatusComponent(
  ctx: AppContext,
  caller: Caller,
  body: StatusComponentBody,
): Promise<StatusComponent> {
  const now = ctx.clock.now();
  const id = await ctx.store.transaction(async (tx) => {
    await assertGroup(tx, body.groupId);
    await assertServicesExist(tx, body.serviceIds, 'serviceIds');
    const row = await insertStatusComponent(tx, {
      name: body.name,
      description: body.description ?? null,
      group_id: body.groupId ?? null,
      position: body.position ?? 0,
      status_mode: body.statusMode,
      manual_status: body.manualStatus ?? null,
      show_uptime: body.showUptime,
      created_at: now,
      updated_at: now,
    });
    await setComponentServices(tx, row.id, body.serviceIds);
    await bumpStatusVersion(tx, now);
    await queueComponentUpdates(tx, now);
    await auditChange(tx, caller, now, 'status_component.create', row.id, { after: body });
    return row.id;
  });
  return getStatusComponent(ctx, id);
}

/** Change a component (admin): the fields given change, the others stay. */
export async function updateStatusComponentCommand(
  ctx: AppContext,
  caller: Caller,
  id: number,
  patch: StatusComponentPatch,
): Promise<StatusComponent> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    if (!(await findStatusComponent(tx, id))) throw new NotFoundError(`component ${id}`);
    await assertGroup(tx, patch.groupId);
    if (patch.serviceIds) {
      await assertServicesExist(tx, patch.serviceIds, 'serviceIds');
      await setComponentServices(tx, id, patch.serviceIds);
    }
    await updateStatusComponent(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.groupId !== undefined ? { group_id: patch.groupId } : {}),
      ...(patch.position !== undefined ? { position: patch.position } : {}),
      ...(patch.statusMode !== undefined ? { status_mode: patch.statusMode } : {}),
      ...(patch.manualStatus !== undefined ? { manual_status: patch.manualStatus } : {}),
      ...(patch.showUptime !== undefined ? { show_uptime: patch.showUptime } : {}),
      updated_at: now,
    });
    await bumpStatusVersion(tx, now);
    await queueComponentUpdates(tx, now);
    await auditChange(tx, caller, now, 'status_component.update', id, { changes: patch });
  });
  return getStatusComponent(ctx, id);
}

/** Remove a component (admin); the updates that named it no longer list it. */
export async function removeStatusComponent(ctx: AppContext, caller: Caller, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await findStatusComponent(tx, id);
    if (!row) throw new NotFoundError(`component ${id}`);
    await deleteStatusComponent(tx, id);
    await bumpStatusVersion(tx, now);
    await auditChange(tx, caller, now, 'status_component.delete', id, { name: row.name });
  });
}
