import type { UserRef } from '../../../core/schemas/common.js';
import { RESPONSE_ROLES, type IncidentRoles, type ResponseRole } from '../../../core/schemas/response.js';
import type { Actor } from '../../../core/schemas/timeline.js';
import { updateIncidentAtVersion } from '../../store/queries/incidents.js';
import { handOverRoleTasks, rolesOf, setRoleHolder } from '../../store/queries/response.js';
import { appendTimeline } from '../timeline.js';
import { findUsersByIds } from '../../store/queries/users.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, type Caller, actorOf } from '../context.js';
import { assertActiveUser, loadIncident } from '../incident-guards.js';

/** Who holds each role: the commander is the incident's own `commander_id`, the rest are rows. */
export async function roleHolders(db: Executor, row: IncidentRecord): Promise<Map<ResponseRole, number>> {
  const holders = new Map<ResponseRole, number>();
  if (row.commander_id !== null) holders.set('commander', row.commander_id);
  for (const r of await rolesOf(db, row.id)) {
    if (r.role !== 'commander') holders.set(r.role as ResponseRole, r.user_id);
  }
  return holders;
}

/** The roles of an incident, each with its holder or null. */
export async function getRoles(ctx: AppContext, ref: string): Promise<IncidentRoles> {
  const row = await loadIncident(ctx.store.db, ref);
  return viewRoles(ctx.store.db, row);
}

async function viewRoles(db: Executor, row: IncidentRecord): Promise<IncidentRoles> {
  const holders = await roleHolders(db, row);
  const users = new Map((await findUsersByIds(db, [...holders.values()])).map((u) => [u.id, u]));
  return {
    items: RESPONSE_ROLES.map((role) => {
      const id = holders.get(role);
      return { role, user: id === undefined ? null : (users.get(id) ?? null) };
    }),
  };
}

/**
 * Give a role to a user (or clear it): the commander also changes the incident's commander;
 * the role's open tasks that nobody owns go to the new holder. All on the timeline.
 */
export async function assignRole(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  role: ResponseRole,
  userId: number | null,
): Promise<IncidentRoles> {
  const now = ctx.clock.now();
  const actor = actorOf(caller);
  const roles = await ctx.store.transaction(async (tx) => {
    let row = await loadIncident(tx, ref);
    const before = (await roleHolders(tx, row)).get(role) ?? null;
    if (before === userId) return viewRoles(tx, row);
    await assertActiveUser(tx, userId, 'userId');
    if (role === 'commander') {
      row = await updateIncidentAtVersion(tx, row.id, row.version, { commander_id: userId, updated_at: now });
    } else {
      await setRoleHolder(tx, row.id, role, userId, now);
    }
    const names = await nameMap(tx, [before, userId]);
    await appendTimeline(tx, {
      incidentId: row.id,
      at: now,
      actor,
      kind: 'role_assigned',
      changes: { [role]: { before: nameOf(names, before), after: nameOf(names, userId) } },
    });
    if (userId !== null) await giveRoleTasks(tx, row, role, userId, actor, now);
    return viewRoles(tx, row);
  });
  ctx.onIncidentsChanged();
  return roles;
}

/** Hand a role's open, unowned tasks to its new holder, noting it on the timeline. */
export async function giveRoleTasks(
  tx: Executor,
  row: IncidentRecord,
  role: ResponseRole,
  userId: number,
  actor: Actor,
  now: number,
): Promise<void> {
  const tasks = await handOverRoleTasks(tx, row.id, role, userId);
  if (tasks.length === 0) return;
  const names = await nameMap(tx, [userId]);
  await appendTimeline(tx, {
    incidentId: row.id,
    at: now,
    actor,
    kind: 'task_updated',
    changes: { owner: { before: null, after: nameOf(names, userId) } },
    body: tasks.map((t) => t.title).join('\n'),
  });
}

async function nameMap(db: Executor, ids: ReadonlyArray<number | null>): Promise<Map<number, UserRef>> {
  const users = await findUsersByIds(
    db,
    ids.filter((id): id is number => id !== null),
  );
  return new Map(users.map((u) => [u.id, u]));
}

function nameOf(names: Map<number, UserRef>, id: number | null): string | null {
  if (id === null) return null;
  const user = names.get(id);
  return user ? user.name || user.email : `#${id}`;
}
