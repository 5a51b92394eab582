import type { FollowUp, FollowUpPriority, FollowUpState } from '../../../core/schemas/follow-ups.js';
import { isOpenFollowUp } from '../../../core/schemas/follow-ups.js';
import { incidentIdsOfFollowUps } from '../../store/queries/follow-ups.js';
import { findIncidentsByIds } from '../../store/queries/incidents.js';
import { listTeams } from '../../store/queries/teams.js';
import { findUsersByIds } from '../../store/queries/users.js';
import type { FollowUpRow } from '../../store/schema.js';
import type { Executor } from '../../store/store.js';
import { iso } from '../context.js';
import { incidentRef } from '../incident-view.js';

/** `FU-12` for follow-up 12. */
export function followUpRef(id: number): string {
  return `FU-${id}`;
}

/** Whether a follow-up is still to do and past its due date at `now`. */
export function isOverdue(row: FollowUpRow, now: number): boolean {
  return isOpenFollowUp(row.state as FollowUpState) && row.due_at !== null && row.due_at < now;
}

/** Follow-up rows as the API returns them, with owners, teams and linked incidents loaded. */
export async function viewFollowUps(
  db: Executor,
  rows: readonly FollowUpRow[],
  now: number,
): Promise<FollowUp[]> {
  const links = await incidentIdsOfFollowUps(
    db,
    rows.map((row) => row.id),
  );
  const userIds = rows.flatMap((row) => [row.owner_id, row.created_by]).filter((id) => id !== null);
  const [users, teams, incidents] = await Promise.all([
    findUsersByIds(db, userIds),
    rows.some((row) => row.team_id !== null) ? listTeams(db) : Promise.resolve([]),
    findIncidentsByIds(db, [...links.values()].flat()),
  ]);
  const userById = new Map(users.map((user) => [user.id, user]));
  const teamById = new Map(teams.map((team) => [team.id, { id: team.id, name: team.name }]));
  return rows.map((row) => ({
    id: row.id,
    ref: followUpRef(row.id),
    title: row.title,
    description: row.description,
    owner: row.owner_id === null ? null : (userById.get(row.owner_id) ?? null),
    team: row.team_id === null ? null : (teamById.get(row.team_id) ?? null),
    dueAt: iso(row.due_at),
    priority: row.priority as FollowUpPriority,
    state: row.state as FollowUpState,
    wontDoReason: row.wont_do_reason,
    externalUrl: row.external_url,
    incidents: (links.get(row.id) ?? []).flatMap((id) => {
      const incident = incidents.get(id);
      return incident
        ? [{ id, ref: incidentRef(incident.number), title: incident.title, status: incident.status }]
        : [];
    }),
    isOverdue: isOverdue(row, now),
    createdBy: row.created_by === null ? null : (userById.get(row.created_by) ?? null),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    doneAt: iso(row.done_at),
    version: row.version,
  }));
}

/** One follow-up as the API returns it. */
export async function viewFollowUp(db: Executor, row: FollowUpRow, now: number): Promise<FollowUp> {
  const [view] = await viewFollowUps(db, [row], now);
  if (!view) throw new Error('follow-up view is empty');
  return view;
}
