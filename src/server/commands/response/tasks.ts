import { NotFoundError } from '../../../core/errors.js';
import type {
  AddTaskBody,
  IncidentTask,
  ResponseRole,
  UpdateTaskBody,
} from '../../../core/schemas/response.js';
import {
  deleteTask,
  findTask,
  insertTasks,
  nextTaskPosition,
  tasksOf,
  updateTask,
} from '../../store/queries/response.js';
import { appendTimeline } from '../timeline.js';
import { findUsersByIds } from '../../store/queries/users.js';
import type { IncidentTaskRow } from '../../store/schema.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, type Caller, actorOf, iso } from '../context.js';
import { assertActiveUser, loadIncident } from '../incident-guards.js';
import { incidentRef } from '../incident-view.js';
import { roleHolders } from './roles.js';

type Changes = Record<string, { before: unknown; after: unknown }>;

/** Task rows as the API shows them, with owners and who ticked them off. */
export async function viewTasks(
  db: Executor,
  row: IncidentRecord,
  tasks: readonly IncidentTaskRow[],
): Promise<IncidentTask[]> {
  const ids = tasks.flatMap((t) => [t.owner_id, t.done_by]).filter((id): id is number => id !== null);
  const users = new Map((await findUsersByIds(db, ids)).map((u) => [u.id, u]));
  const ref = (id: number | null) => (id === null ? null : (users.get(id) ?? null));
  return tasks.map((t) => ({
    id: t.id,
    incidentRef: incidentRef(row.number),
    title: t.title,
    owner: ref(t.owner_id),
    role: t.role as ResponseRole | null,
    dueAt: iso(t.due_at),
    doneAt: iso(t.done_at),
    doneBy: ref(t.done_by),
    createdAt: iso(t.created_at),
    position: t.position,
    planId: t.plan_id,
  }));
}

/** The tasks of an incident, in checklist order. */
export async function getTasks(ctx: AppContext, ref: string): Promise<IncidentTask[]> {
  const row = await loadIncident(ctx.store.db, ref);
  return viewTasks(ctx.store.db, row, await tasksOf(ctx.store.db, row.id));
}

/** Add a task; without an owner it goes to whoever holds its role. */
export async function addTask(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  body: AddTaskBody,
): Promise<IncidentTask> {
  const now = ctx.clock.now();
  const task = await ctx.store.transaction(async (tx) => {
    const row = await loadIncident(tx, ref);
    await assertActiveUser(tx, body.ownerId, 'ownerId');
    const role = body.role ?? null;
    const ownerId = body.ownerId ?? (role === null ? null : ((await roleHolders(tx, row)).get(role) ?? null));
    const [inserted] = await insertTasks(tx, [
      {
        incident_id: row.id,
        plan_id: null,
        title: body.title,
        owner_id: ownerId,
        role,
        due_at: body.dueAt ? Date.parse(body.dueAt) : null,
        done_at: null,
        done_by: null,
        position: await nextTaskPosition(tx, row.id),
        created_at: now,
        created_by: caller.userId,
      },
    ]);
    if (!inserted) throw new Error('task insert returned no row');
    const [view] = await viewTasks(tx, row, [inserted]);
    if (!view) throw new Error('task view missing');
    const changes: Changes = {};
    if (view.owner) changes.owner = { before: null, after: view.owner.name || view.owner.email };
    if (view.dueAt) changes.dueAt = { before: null, after: view.dueAt };
    await appendTimeline(tx, {
      incidentId: row.id,
      at: now,
      actor: actorOf(caller),
      kind: 'task_added',
      changes: Object.keys(changes).length > 0 ? changes : null,
      body: view.title,
    });
    return view;
  });
  ctx.onIncidentsChanged();
  return task;
}

/** Rename, reassign, reschedule or tick off a task; what changed goes on the timeline. */
export async function changeTask(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  taskId: number,
  body: UpdateTaskBody,
): Promise<IncidentTask> {
  const now = ctx.clock.now();
  const task = await ctx.store.transaction(async (tx) => {
    const row = await loadIncident(tx, ref);
    const before = await findTask(tx, row.id, taskId);
    if (!before) throw new NotFoundError(`task ${taskId} of ${incidentRef(row.number)}`);
    await assertActiveUser(tx, body.ownerId, 'ownerId');
    const set: Partial<IncidentTaskRow> = {};
    if (body.title !== undefined && body.title !== before.title) set.title = body.title;
    if (body.ownerId !== undefined && body.ownerId !== before.owner_id) set.owner_id = body.ownerId;
    if (body.dueAt !== undefined) {
      const dueAt = body.dueAt === null ? null : Date.parse(body.dueAt);
      if (dueAt !== before.due_at) set.due_at = dueAt;
    }
    if (body.done !== undefined && body.done !== (before.done_at !== null)) {
      set.done_at = body.done ? now : null;
      set.done_by = body.done ? caller.userId : null;
    }
    if (Object.keys(set).length === 0) return (await viewTasks(tx, row, [before]))[0];
    const after = await updateTask(tx, taskId, set);
    const [viewBefore, viewAfter] = await viewTasks(tx, row, [before, after]);
    if (!viewBefore || !viewAfter) throw new Error('task view missing');
    await appendTimeline(tx, {
      incidentId: row.id,
      at: now,
      actor: actorOf(caller),
      kind: 'task_updated',
      changes: diffTask(viewBefore, viewAfter),
      body: viewAfter.title,
    });
    return viewAfter;
  });
  if (!task) throw new Error('task view missing');
  ctx.onIncidentsChanged();
  return task;
}

/** Remove a task from an incident's checklist (the timeline keeps that it existed). */
export async function removeTask(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  taskId: number,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await loadIncident(tx, ref);
    const task = await findTask(tx, row.id, taskId);
    if (!task) throw new NotFoundError(`task ${taskId} of ${incidentRef(row.number)}`);
    await deleteTask(tx, taskId);
    await appendTimeline(tx, {
      incidentId: row.id,
      at: now,
      actor: actorOf(caller),
      kind: 'task_removed',
      body: task.title,
    });
  });
  ctx.onIncidentsChanged();
}

function diffTask(before: IncidentTask, after: IncidentTask): Changes {
  const changes: Changes = {};
  const who = (u: IncidentTask['owner']) => (u ? u.name || u.email : null);
  if (before.title !== after.title) changes.title = { before: before.title, after: after.title };
  if (before.owner?.id !== after.owner?.id)
    changes.owner = { before: who(before.owner), after: who(after.owner) };
  if (before.dueAt !== after.dueAt) changes.dueAt = { before: before.dueAt, after: after.dueAt };
  if (before.doneAt !== after.doneAt)
    changes.done = { before: before.doneAt !== null, after: after.doneAt !== null };
  return changes;
}
