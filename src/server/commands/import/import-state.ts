import { type ImportState, linkKey } from '../../../core/import/plan.js';
import type { ImportKind, ImportSource } from '../../../core/schemas/import.js';
import { listPolicies } from '../../store/queries/escalation.js';
import { listImportLinks } from '../../store/queries/import-links.js';
import { listSchedules } from '../../store/queries/schedules.js';
import { listServices } from '../../store/queries/services.js';
import { listTeams, membersOf } from '../../store/queries/teams.js';
import { listUsers } from '../../store/queries/users.js';
import type { AppContext } from '../context.js';

function byName(rows: readonly { id: number; name: string }[]): Map<string, number> {
  return new Map(rows.map((row) => [row.name.trim().toLowerCase(), row.id]));
}

/** What Beacon holds that an import from `source` plans against. */
export async function loadImportState(ctx: AppContext, source: ImportSource): Promise<ImportState> {
  const db = ctx.store.db;
  const links = await listImportLinks(db, source);
  const teams = await listTeams(db);
  const teamMembers = new Map<number, number[]>();
  for (const member of await membersOf(
    db,
    teams.map((team) => team.id),
  )) {
    teamMembers.set(member.team_id, [...(teamMembers.get(member.team_id) ?? []), member.id]);
  }
  return {
    now: ctx.clock.now(),
    links: new Map(
      links.map((link) => [
        linkKey(link.source_kind as ImportKind, link.source_id),
        { beaconId: link.beacon_id, fingerprint: link.fingerprint },
      ]),
    ),
    usersByEmail: new Map((await listUsers(db)).map((user) => [user.email.toLowerCase(), user.id])),
    teamsByName: byName(teams),
    schedulesByName: byName(await listSchedules(db)),
    policiesByName: byName(await listPolicies(db)),
    servicesByName: byName(await listServices(db)),
    teamMembers,
  };
}
