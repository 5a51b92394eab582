import type { Insertable, Updateable } from 'kysely';
import type { TeamsTable } from '../schema.js';
import type { Executor } from '../store.js';

/** Every team by name. */
export function listTeams(db: Executor) {
  return db.selectFrom('teams').selectAll().orderBy('name').execute();
}

/** One team. */
export function findTeamById(db: Executor, id: number) {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Insert a team. */
export function insertTeam(tx: Executor, row: Insertable<TeamsTable>) {
  return tx.insertInto('teams').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Change a team. */
export function updateTeam(tx: Executor, id: number, changes: Updateable<TeamsTable>) {
  return tx.updateTable('teams').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Delete a team (its services keep existing without an owner). */
export async function deleteTeam(tx: Executor, id: number): Promise<void> {
  await tx.deleteFrom('teams').where('id', '=', id).execute();
}

/** Members of the given teams with their user details. */
export function membersOf(db: Executor, teamIds: readonly number[]) {
  if (teamIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('team_members')
    .innerJoin('users', 'users.id', 'team_members.user_id')
    .select(['team_members.team_id', 'team_members.role', 'users.id', 'users.name', 'users.email'])
    .where('team_members.team_id', 'in', teamIds)
    .orderBy('users.name')
    .execute();
}

/** Add a member or change their role. */
export async function upsertMember(
  tx: Executor,
  teamId: number,
  userId: number,
  role: string,
): Promise<void> {
  await tx
    .insertInto('team_members')
    .values({ team_id: teamId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet({ role }))
    .execute();
}

/** Remove a member; true when they were one. */
export async function removeMember(tx: Executor, teamId: number, userId: number): Promise<boolean> {
  const result = await tx
    .deleteFrom('team_members')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
