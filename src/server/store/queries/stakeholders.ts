import type { Insertable } from 'kysely';
import type { IncidentStakeholderRow, IncidentStakeholdersTable, IncidentUpdatesTable } from '../schema.js';
import type { Executor } from '../store.js';
import type { MappedBy } from './rows/codec.js';
import { type IncidentUpdateRecord, updateRows } from './rows/stakeholders.js';

export type { IncidentUpdateRecord };

/** A stakeholder entry with the names of the user, team and adder it refers to. */
export interface StakeholderRecord extends IncidentStakeholderRow {
  user_name: string | null;
  user_email: string | null;
  team_name: string | null;
  adder_name: string | null;
  adder_email: string | null;
}

/** An incident's stakeholder entries in the order they were added. */
export function stakeholdersOf(db: Executor, incidentId: number): Promise<StakeholderRecord[]> {
  return db
    .selectFrom('incident_stakeholders as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('teams as t', 't.id', 's.team_id')
    .leftJoin('users as a', 'a.id', 's.added_by')
    .selectAll('s')
    .select([
      'u.name as user_name',
      'u.email as user_email',
      't.name as team_name',
      'a.name as adder_name',
      'a.email as adder_email',
    ])
    .where('s.incident_id', '=', incidentId)
    .orderBy('s.id')
    .execute();
}

/** Add a stakeholder unless the incident has the same target already; the new row or undefined. */
export function insertStakeholder(
  tx: Executor,
  row: Insertable<IncidentStakeholdersTable>,
): Promise<IncidentStakeholderRow | undefined> {
  return tx
    .insertInto('incident_stakeholders')
    .values(row)
    .onConflict((oc) => oc.columns(['incident_id', 'target_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Remove one stakeholder entry of an incident; false when there was none. */
export async function deleteStakeholder(tx: Executor, incidentId: number, id: number): Promise<boolean> {
  const result = await tx
    .deleteFrom('incident_stakeholders')
    .where('incident_id', '=', incidentId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Remove the entry of one target (`user:12`…) from an incident; false when there was none. */
export async function deleteStakeholderByKey(
  tx: Executor,
  incidentId: number,
  targetKey: string,
): Promise<boolean> {
  const result = await tx
    .deleteFrom('incident_stakeholders')
    .where('incident_id', '=', incidentId)
    .where('target_key', '=', targetKey)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Active (not disabled) members of the given teams, with their account addresses. */
export function activeMembersOf(db: Executor, teamIds: readonly number[]) {
  if (teamIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('team_members')
    .innerJoin('users', 'users.id', 'team_members.user_id')
    .select(['team_members.team_id', 'users.id', 'users.name', 'users.email'])
    .where('team_members.team_id', 'in', [...new Set(teamIds)])
    .where('users.disabled_at', 'is', null)
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
}

/** Member counts of the given teams (active users only). */
export async function memberCounts(db: Executor, teamIds: readonly number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const member of await activeMembersOf(db, teamIds)) {
    counts.set(member.team_id, (counts.get(member.team_id) ?? 0) + 1);
  }
  return counts;
}

/** Teams by id, for names. */
export function teamsByIds(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('teams')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** Record a posted update. */
export async function insertIncidentUpdate(
  tx: Executor,
  values: MappedBy<typeof updateRows, Insertable<IncidentUpdatesTable>>,
): Promise<IncidentUpdateRecord> {
  const row = await tx
    .insertInto('incident_updates')
    .values(updateRows.encode<Insertable<IncidentUpdatesTable>>(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return updateRows.decode(row);
}

/** An incident's posted updates, newest first, with their authors' names. */
export async function updatesOf(db: Executor, incidentId: number, limit: number) {
  const rows = await db
    .selectFrom('incident_updates as p')
    .leftJoin('users as u', 'u.id', 'p.author_id')
    .selectAll('p')
    .select(['u.name as author_name', 'u.email as author_email'])
    .where('p.incident_id', '=', incidentId)
    .orderBy('p.posted_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(updateRows.decode);
}
