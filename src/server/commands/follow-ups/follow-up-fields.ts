import { ValidationError } from '../../../core/errors.js';
import { findIncidentByNumber, type IncidentRecord } from '../../store/queries/incidents.js';
import { findTeamById } from '../../store/queries/teams.js';
import type { FollowUpRow } from '../../store/schema.js';
import type { Executor } from '../../store/store.js';
import { assertActiveUser, parseIncidentRef } from '../incident-guards.js';
import { followUpRef } from './follow-up-view.js';

const DAY = 86_400_000;

/** A due date in ms: a timestamp as given, a calendar day as the end of that day (UTC). */
export function parseDueAt(value: string | null | undefined): number | null | undefined {
  if (value === undefined || value === null) return value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`) + DAY - 1;
  return Date.parse(value);
}

/** The incidents named by `refs` (each once), or a problem naming the first that does not exist. */
export async function incidentsOfRefs(
  db: Executor,
  refs: readonly string[] | undefined,
): Promise<IncidentRecord[]> {
  const found = new Map<number, IncidentRecord>();
  for (const ref of refs ?? []) {
    const number = parseIncidentRef(ref);
    const row = number === undefined ? undefined : await findIncidentByNumber(db, number);
    if (!row) throw new ValidationError('incidentRefs', `no incident ${ref}`);
    found.set(row.id, row);
  }
  return [...found.values()];
}

/** Throw 400 naming the field unless the owner is an active user and the team exists. */
export async function assertOwnerAndTeam(
  db: Executor,
  ownerId: number | null | undefined,
  teamId: number | null | undefined,
): Promise<void> {
  await assertActiveUser(db, ownerId, 'ownerId');
  if (teamId !== null && teamId !== undefined && !(await findTeamById(db, teamId))) {
    throw new ValidationError('teamId', `no team with id ${teamId}`);
  }
}

/** How a follow-up is named on an incident's timeline: `FU-3 "Add a disk alert"`. */
export function followUpCaption(row: FollowUpRow): string {
  return `${followUpRef(row.id)} "${row.title}"`;
}
