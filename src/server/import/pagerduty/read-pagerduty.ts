/** Read a PagerDuty account's on-call set-up through the REST API, as Beacon's import set-up. */
import type { ImportSetup, ImportTeam } from '../../../core/schemas/import.js';
import type { PagerDutyClient } from './pagerduty-client.js';
import { toImportPolicy, toImportSchedule, toImportService, toImportUser } from './pagerduty-mapping.js';
import type {
  PdEscalationPolicy,
  PdMaintenanceWindow,
  PdOverride,
  PdSchedule,
  PdService,
  PdTeam,
  PdTeamMember,
  PdUser,
} from './pagerduty-types.js';

const DAY_MS = 86_400_000;

/** How far ahead schedules are compared and overrides read. */
export interface ReadWindow {
  now: number;
  /** Weeks of PagerDuty's final schedule to read (compared with Beacon's). */
  weeks?: number;
}

async function readTeams(client: PagerDutyClient): Promise<ImportTeam[]> {
  const teams = await client.list<PdTeam>('/teams', 'teams');
  const result: ImportTeam[] = [];
  for (const team of teams) {
    const members = await client.list<PdTeamMember>(
      `/teams/${encodeURIComponent(team.id)}/members`,
      'members',
    );
    result.push({
      sourceId: team.id,
      name: team.name,
      description: team.description ?? '',
      members: members.map((member) => ({
        userSourceId: member.user.id,
        role: member.role === 'manager' ? ('lead' as const) : ('member' as const),
      })),
    });
  }
  return result;
}

async function readSchedules(client: PagerDutyClient, window: ReadWindow) {
  const from = new Date(window.now).toISOString();
  const to = new Date(window.now + (window.weeks ?? 8) * 7 * DAY_MS).toISOString();
  const overridesUntil = new Date(window.now + 366 * DAY_MS).toISOString();
  const listed = await client.list<PdSchedule>('/schedules', 'schedules');
  const schedules = [];
  for (const { id } of listed) {
    const path = `/schedules/${encodeURIComponent(id)}`;
    const { schedule } = await client.get<{ schedule: PdSchedule }>(path, { since: from, until: to });
    const { overrides } = await client.get<{ overrides: PdOverride[] }>(`${path}/overrides`, {
      since: from,
      until: overridesUntil,
    });
    schedules.push(toImportSchedule(schedule, overrides, { from, to }));
  }
  return schedules;
}

/** Everything an import from PagerDuty needs, read at `window.now`. */
export async function readPagerDutySetup(client: PagerDutyClient, window: ReadWindow): Promise<ImportSetup> {
  const users = await client.list<PdUser>('/users', 'users', { 'include[]': ['contact_methods'] });
  const teams = await readTeams(client);
  const schedules = await readSchedules(client, window);
  const policies = await client.list<PdEscalationPolicy>('/escalation_policies', 'escalation_policies');
  const services = await client.list<PdService>('/services', 'services', { 'include[]': ['integrations'] });
  const windows = await client.list<PdMaintenanceWindow>('/maintenance_windows', 'maintenance_windows', {
    filter: 'open',
  });
  return {
    source: 'pagerduty',
    users: users.map(toImportUser),
    teams,
    schedules,
    escalationPolicies: policies.map(toImportPolicy),
    services: services.map(toImportService),
    maintenanceWindows: windows.map((w) => ({
      sourceId: w.id,
      description: w.description ?? '',
      start: w.start_time,
      end: w.end_time,
      serviceSourceIds: w.services.map((service) => service.id),
    })),
  };
}
