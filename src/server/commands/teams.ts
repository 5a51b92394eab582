import type { Team, TeamBody, TeamMemberBody, TeamPatch } from '../../core/schemas/catalog.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { listServices } from '../store/queries/services.js';
import {
  deleteTeam,
  findTeamById,
  insertTeam,
  listTeams,
  membersOf,
  removeMember,
  updateTeam as updateTeamRow,
  upsertMember,
} from '../store/queries/teams.js';
import type { TeamRow } from '../store/schema.js';
import type { Executor } from '../store/store.js';
import { auditChange } from './audit-change.js';
import { type AppContext, type Caller, iso } from './context.js';
import { assertActiveUser } from './incident-guards.js';

async function viewTeams(db: Executor, rows: readonly TeamRow[]): Promise<Team[]> {
  const members = await membersOf(
    db,
    rows.map((r) => r.id),
  );
  const services = await listServices(db);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    members: members
      .filter((m) => m.team_id === row.id)
      .map((m) => ({
        user: { id: m.id, name: m.name, email: m.email },
        role: m.role === 'lead' ? 'lead' : 'member',
      })),
    services: services.filter((s) => s.owner_team_id === row.id).map((s) => ({ id: s.id, name: s.name })),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  }));
}

/** Every team with members and owned services. */
export async function getTeams(ctx: AppContext): Promise<Team[]> {
  return viewTeams(ctx.store.db, await listTeams(ctx.store.db));
}

/** One team, or 404. */
export async function getTeam(ctx: AppContext, id: number): Promise<Team> {
  const row = await findTeamById(ctx.store.db, id);
  if (!row) throw new NotFoundError(`team ${id}`);
  const [team] = await viewTeams(ctx.store.db, [row]);
  return team as Team;
}

function uniqueName<T>(work: Promise<T>, name: string): Promise<T> {
  return work.catch((error: unknown) => {
    if (/unique|duplicate/i.test(String(error)))
      throw new ConflictError(`a team named "${name}" exists`, 'name');
    throw error;
  });
}

/** Create a team. */
export async function createTeam(ctx: AppContext, body: TeamBody, caller?: Caller): Promise<Team> {
  const now = ctx.clock.now();
  const row = await uniqueName(
    ctx.store.transaction(async (tx) => {
      const team = await insertTeam(tx, {
        name: body.name,
        description: body.description ?? '',
        created_at: now,
        updated_at: now,
      });
      await auditChange(tx, caller, now, 'team.create', team.id, { after: body });
      return team;
    }),
    body.name,
  );
  return getTeam(ctx, row.id);
}

/** Rename or describe a team. */
export async function updateTeam(
  ctx: AppContext,
  id: number,
  patch: TeamPatch,
  caller?: Caller,
): Promise<Team> {
  const now = ctx.clock.now();
  const row = await uniqueName(
    ctx.store.transaction(async (tx) => {
      const updated = await updateTeamRow(tx, id, { ...patch, updated_at: now });
      if (updated) await auditChange(tx, caller, now, 'team.update', id, { changes: patch });
      return updated;
    }),
    patch.name ?? '',
  );
  if (!row) throw new NotFoundError(`team ${id}`);
  return getTeam(ctx, id);
}

/** Delete a team. */
export async function removeTeam(ctx: AppContext, id: number, caller?: Caller): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const row = await findTeamById(tx, id);
    if (!row) throw new NotFoundError(`team ${id}`);
    await deleteTeam(tx, id);
    await auditChange(tx, caller, ctx.clock.now(), 'team.delete', id, { name: row.name });
  });
}

/** Add a member to a team or change their role. */
export async function setTeamMember(
  ctx: AppContext,
  teamId: number,
  body: TeamMemberBody,
  caller?: Caller,
): Promise<Team> {
  await ctx.store.transaction(async (tx) => {
    if (!(await findTeamById(tx, teamId))) throw new NotFoundError(`team ${teamId}`);
    await assertActiveUser(tx, body.userId, 'userId');
    await upsertMember(tx, teamId, body.userId, body.role);
    await auditChange(tx, caller, ctx.clock.now(), 'team.member_set', teamId, { ...body });
  });
  return getTeam(ctx, teamId);
}

/** Remove a member from a team. */
export async function removeTeamMember(
  ctx: AppContext,
  teamId: number,
  userId: number,
  caller?: Caller,
): Promise<Team> {
  await ctx.store.transaction(async (tx) => {
    if (!(await removeMember(tx, teamId, userId)))
      throw new NotFoundError(`member ${userId} of team ${teamId}`);
    await auditChange(tx, caller, ctx.clock.now(), 'team.member_remove', teamId, { userId });
  });
  return getTeam(ctx, teamId);
}
