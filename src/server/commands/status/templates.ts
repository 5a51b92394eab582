import { NotFoundError } from '../../../core/errors.js';
import type { UpdateTemplate } from '../../../core/schemas/status-page.js';
import type { PublicIncidentStatus } from '../../../core/status/snapshot.js';
import {
  type StatusTemplateRow,
  deleteStatusTemplate,
  findStatusTemplate,
  insertStatusTemplate,
  listStatusTemplates,
  updateStatusTemplate,
} from '../../store/queries/status-page.js';
import { auditChange } from '../audit-change.js';
import { type AppContext, type Caller, iso } from '../context.js';

/** Body of a new template; a patch has every field optional. */
export interface TemplateBody {
  name: string;
  status?: PublicIncidentStatus | null | undefined;
  message: string;
}

function viewTemplate(row: StatusTemplateRow): UpdateTemplate {
  return {
    id: row.id,
    name: row.name,
    status: row.status as PublicIncidentStatus | null,
    message: row.message,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Every update template, by name. Templates are not shown on the page: no version bump. */
export async function getStatusTemplates(ctx: AppContext): Promise<UpdateTemplate[]> {
  return (await listStatusTemplates(ctx.store.db)).map(viewTemplate);
}

/** Add a template (admin). */
export async function createStatusTemplate(
  ctx: AppContext,
  caller: Caller,
  body: TemplateBody,
): Promise<UpdateTemplate> {
  const now = ctx.clock.now();
  const row = await ctx.store.transaction(async (tx) => {
    const inserted = await insertStatusTemplate(tx, {
      name: body.name,
      status: body.status ?? null,
      message: body.message,
      created_at: now,
      updated_at: now,
    });
    await auditChange(tx, caller, now, 'status_template.create', inserted.id, { after: body });
    return inserted;
  });
  return viewTemplate(row);
}

/** Change a template (admin). */
export async function updateStatusTemplateCommand(
  ctx: AppContext,
  caller: Caller,
  id: number,
  patch: Partial<TemplateBody>,
): Promise<UpdateTemplate> {
  const now = ctx.clock.now();
  const row = await ctx.store.transaction(async (tx) => {
    if (!(await findStatusTemplate(tx, id))) throw new NotFoundError(`template ${id}`);
    await updateStatusTemplate(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.message !== undefined ? { message: patch.message } : {}),
      updated_at: now,
    });
    await auditChange(tx, caller, now, 'status_template.update', id, { changes: patch });
    return findStatusTemplate(tx, id);
  });
  if (!row) throw new NotFoundError(`template ${id}`);
  return viewTemplate(row);
}

/** Delete a template (admin). */
export async function removeStatusTemplate(ctx: AppContext, caller: Caller, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await findStatusTemplate(tx, id);
    if (!row) throw new NotFoundError(`template ${id}`);
    await deleteStatusTemplate(tx, id);
    await auditChange(tx, caller, now, 'status_template.delete', id, { name: row.name });
  });
}
