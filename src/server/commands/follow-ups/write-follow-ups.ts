import {
  ConflictError,
  InvalidTransitionError,
  NotFoundError,
  ValidationError,
} from '../../../core/errors.js';
import {
  type CreateFollowUpBody,
  type FollowUp,
  type FollowUpState,
  type UpdateFollowUpBody,
  canMoveFollowUp,
} from '../../../core/schemas/follow-ups.js';
import type { Actor } from '../../../core/schemas/timeline.js';
import {
  type FollowUpChanges,
  deleteFollowUp as deleteFollowUpRow,
  findFollowUpById,
  incidentIdsOfFollowUps,
  insertFollowUp,
  linkFollowUpIncidents,
  unlinkFollowUpIncidents,
  updateFollowUpAtVersion,
} from '../../store/queries/follow-ups.js';
import type { FollowUpRow } from '../../store/schema.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, type Caller, actorOf } from '../context.js';
import { loadIncident } from '../incident-guards.js';
import { appendTimeline } from '../timeline.js';
import { assertOwnerAndTeam, followUpCaption, incidentsOfRefs, parseDueAt } from './follow-up-fields.js';
import { viewFollowUp } from './follow-up-view.js';

/**
 * Create a follow-up action, linked to the incidents it names (and to `incidentRef`, when
 * created from an incident); each linked incident's timeline says so.
 */
export async function createFollowUp(
  ctx: AppContext,
  caller: Caller,
  body: CreateFollowUpBody,
  incidentRef?: string,
): Promise<FollowUp> {
  const now = ctx.clock.now();
  const followUp = await ctx.store.transaction(async (tx) => {
    const incidents = await incidentsOfRefs(tx, body.incidentRefs);
    if (incidentRef !== undefined) incidents.unshift(await loadIncident(tx, incidentRef));
    await assertOwnerAndTeam(tx, body.ownerId, body.teamId);
    const row = await insertFollowUp(tx, {
      title: body.title,
      description: body.description?.trim() ?? '',
      owner_id: body.ownerId ?? null,
      team_id: body.teamId ?? null,
      due_at: parseDueAt(body.dueAt) ?? null,
      priority: body.priority,
      state: 'open',
      external_url: body.externalUrl ?? null,
      created_by: caller.userId,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    const incidentIds = [...new Set(incidents.map((incident) => incident.id))];
    await linkFollowUpIncidents(tx, row.id, incidentIds);
    await noteOnIncidents(tx, incidentIds, actorOf(caller), now, 'follow_up_added', addedLine(row));
    return viewFollowUp(tx, row, now);
  });
  ctx.onIncidentsChanged();
  return followUp;
}

/**
 * Change a follow-up: its fields, a move of its state (open → in progress → done, or won't do
 * with a reason; done and won't do may be reopened), its linked incidents. Guarded by version.
 */
export async function updateFollowUp(
  ctx: AppContext,
  caller: Caller,
  id: number,
  body: UpdateFollowUpBody,
): Promise<FollowUp> {
  const now = ctx.clock.now();
  const followUp = await ctx.store.transaction(async (tx) => {
    const row = await loadFollowUp(tx, id);
    if (body.version !== undefined && body.version !== row.version) {
      throw new ConflictError(
        `follow-up FU-${row.id} is at version ${row.version}, not ${body.version}; reload and retry`,
        'version',
      );
    }
    await assertOwnerAndTeam(tx, body.ownerId, body.teamId);
    const changes = { ...fieldChanges(body), ...stateChanges(row, body, now) };
    const updated =
      Object.keys(changes).length === 0
        ? row
        : await updateFollowUpAtVersion(tx, row.id, row.version, { ...changes, updated_at: now });
    const actor = actorOf(caller);
    const linked = (await incidentIdsOfFollowUps(tx, [row.id])).get(row.id) ?? [];
    if (body.incidentRefs !== undefined) {
      const wanted = (await incidentsOfRefs(tx, body.incidentRefs)).map((incident) => incident.id);
      const added = wanted.filter((incidentId) => !linked.includes(incidentId));
      await unlinkFollowUpIncidents(
        tx,
        row.id,
        linked.filter((incidentId) => !wanted.includes(incidentId)),
      );
      await linkFollowUpIncidents(tx, row.id, added);
      await noteOnIncidents(tx, added, actor, now, 'follow_up_added', addedLine(updated));
      linked.splice(0, linked.length, ...wanted);
    }
    if (changes.state === 'done' || changes.state === 'wont_do') {
      await noteOnIncidents(tx, linked, actor, now, 'follow_up_done', doneLine(updated));
    }
    return viewFollowUp(tx, updated, now);
  });
  ctx.onIncidentsChanged();
  return followUp;
}

/** Delete a follow-up action (its links go with it; the incidents' timelines keep their lines). */
export async function deleteFollowUp(ctx: AppContext, id: number): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    await loadFollowUp(tx, id);
    await deleteFollowUpRow(tx, id);
  });
  ctx.onIncidentsChanged();
}

/** One follow-up by id, or 404. */
export async function loadFollowUp(db: Executor, id: number): Promise<FollowUpRow> {
  const row = await findFollowUpById(db, id);
  if (!row) throw new NotFoundError(`follow-up FU-${id}`);
  return row;
}

function fieldChanges(body: UpdateFollowUpBody): FollowUpChanges {
  const changes: FollowUpChanges = {};
  if (body.title !== undefined) changes.title = body.title;
  if (body.description !== undefined) changes.description = body.description.trim();
  if (body.ownerId !== undefined) changes.owner_id = body.ownerId;
  if (body.teamId !== undefined) changes.team_id = body.teamId;
  if (body.priority !== undefined) changes.priority = body.priority;
  if (body.externalUrl !== undefined) changes.external_url = body.externalUrl;
  if (body.dueAt !== undefined) {
    changes.due_at = parseDueAt(body.dueAt) ?? null;
    // A new due date starts the reminders afresh.
    changes.reminded_at = null;
  }
  return changes;
}

function stateChanges(row: FollowUpRow, body: UpdateFollowUpBody, now: number): FollowUpChanges {
  const from = row.state as FollowUpState;
  const to = body.state;
  if (to === undefined || to === from) {
    if (body.wontDoReason !== undefined && from === 'wont_do') {
      if (!body.wontDoReason) throw new ValidationError('wontDoReason', "is required for won't do");
      return { wont_do_reason: body.wontDoReason };
    }
    return {};
  }
  if (!canMoveFollowUp(from, to)) {
    throw new InvalidTransitionError(`a follow-up cannot move from ${label(from)} to ${label(to)}`);
  }
  if (to === 'wont_do') {
    if (!body.wontDoReason) throw new ValidationError('wontDoReason', "is required for won't do");
    return { state: to, wont_do_reason: body.wontDoReason, done_at: now };
  }
  if (to === 'done') return { state: to, wont_do_reason: null, done_at: now };
  return { state: to, wont_do_reason: null, done_at: null };
}

function label(state: FollowUpState): string {
  return state === 'in_progress' ? 'in progress' : state === 'wont_do' ? "won't do" : state;
}

function addedLine(row: FollowUpRow): string {
  return `Follow-up ${followUpCaption(row)} added`;
}

function doneLine(row: FollowUpRow): string {
  return row.state === 'done'
    ? `Follow-up ${followUpCaption(row)} done`
    : `Follow-up ${followUpCaption(row)} will not be done: ${row.wont_do_reason ?? ''}`;
}

async function noteOnIncidents(
  tx: Executor,
  incidentIds: readonly number[],
  actor: Actor,
  at: number,
  kind: 'follow_up_added' | 'follow_up_done',
  body: string,
): Promise<void> {
  for (const incidentId of incidentIds) {
    await appendTimeline(tx, { incidentId, at, actor, kind, changes: null, body });
  }
}
