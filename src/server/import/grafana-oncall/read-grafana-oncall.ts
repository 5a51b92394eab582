/** Read a Grafana OnCall organisation's set-up through its public REST API, as Beacon's import set-up. */
import type { ImportService, ImportSetup, ImportTeam } from '../../../core/schemas/import.js';
import type { GrafanaOnCallClient } from './grafana-oncall-client.js';
import {
  toImportIntegration,
  toImportPolicy,
  toImportSchedule,
  toImportUser,
} from './grafana-oncall-mapping.js';
import type {
  GoEscalationChain,
  GoEscalationPolicy,
  GoFinalShift,
  GoIntegration,
  GoSchedule,
  GoShift,
  GoTeam,
  GoUser,
} from './grafana-oncall-types.js';

/** What an import from Grafana OnCall read, and what it leaves behind with the reason. */
export interface GrafanaOnCallRead {
  setup: ImportSetup;
  notes: string[];
}

const DAY_MS = 86_400_000;
/** The service holding integrations of no team. */
export const NO_TEAM_SERVICE = 'no-team';
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function teamsOf(teams: readonly GoTeam[], users: readonly GoUser[]): ImportTeam[] {
  // OnCall lists a user's teams on the user; its teams carry no members.
  return teams.map((team) => ({
    sourceId: team.id,
    name: team.name,
    description: '',
    members: users
      .filter((user) => (user.teams ?? []).includes(team.id))
      .map((user) => ({ userSourceId: user.id, role: 'member' as const })),
  }));
}

async function readSchedules(client: GrafanaOnCallClient, window: { from: number; to: number }) {
  const schedules = await client.list<GoSchedule>('/api/v1/schedules/');
  const shifts = await client.list<GoShift>('/api/v1/on_call_shifts/');
  const result = [];
  for (const schedule of schedules) {
    const own = shifts.filter((s) => (schedule.shifts ?? []).includes(s.id) || s.schedule === schedule.id);
    const final = await client.list<GoFinalShift>(
      `/api/v1/schedules/${encodeURIComponent(schedule.id)}/final_shifts`,
      // Whole UTC days that hold the window.
      { start_date: dateOf(window.from), end_date: dateOf(window.to + DAY_MS) },
    );
    result.push(toImportSchedule(schedule, own, final, window));
  }
  return result;
}

/**
 * One service per team with integrations (and one for integrations of no team), holding them;
 * its policy is the escalation chain of their default routes when they share one.
 */
function servicesOf(
  integrations: readonly GoIntegration[],
  teams: readonly GoTeam[],
  chains: readonly GoEscalationChain[],
  notes: string[],
): ImportService[] {
  const byTeam = new Map<string, GoIntegration[]>();
  for (const integration of integrations) {
    const key = integration.team_id ?? NO_TEAM_SERVICE;
    byTeam.set(key, [...(byTeam.get(key) ?? []), integration]);
  }
  return [...byTeam].map(([teamId, owned]) => {
    const name =
      teamId === NO_TEAM_SERVICE ? 'No team' : (teams.find((t) => t.id === teamId)?.name ?? teamId);
    const chainIds = [...new Set(owned.flatMap((i) => i.default_route?.escalation_chain_id ?? []))];
    if (chainIds.length > 1) {
      const names = chainIds.map((id) => chains.find((c) => c.id === id)?.name ?? id).join(', ');
      notes.push(
        `service "${name}": its integrations escalate by different chains (${names}); set its policy in Beacon`,
      );
    }
    return {
      sourceId: teamId === NO_TEAM_SERVICE ? NO_TEAM_SERVICE : `team/${teamId}`,
      name,
      description: '',
      policySourceId: chainIds.length === 1 ? (chainIds[0] ?? null) : null,
      teamSourceId: teamId === NO_TEAM_SERVICE ? null : teamId,
      integrations: owned.map(toImportIntegration),
    };
  });
}

/** Everything an import from Grafana OnCall needs, read at `now`, with `weeks` of final shifts to compare. */
export async function readGrafanaOnCallSetup(
  client: GrafanaOnCallClient,
  window: { now: number; weeks?: number },
): Promise<GrafanaOnCallRead> {
  const notes: string[] = [];
  const users = await client.list<GoUser>('/api/v1/users/');
  const teams = await client.list<GoTeam>('/api/v1/teams/');
  const to = window.now + (window.weeks ?? 8) * 7 * DAY_MS;
  const schedules = await readSchedules(client, { from: window.now, to });
  const chains = await client.list<GoEscalationChain>('/api/v1/escalation_chains/');
  const steps = await client.list<GoEscalationPolicy>('/api/v1/escalation_policies/');
  const policies = chains.map((chain) => {
    const mapped = toImportPolicy(chain, steps);
    notes.push(...mapped.notes);
    return mapped.policy;
  });
  const integrations = await client.list<GoIntegration>('/api/v1/integrations/');
  return {
    setup: {
      source: 'grafana-oncall',
      users: users.map(toImportUser),
      teams: teamsOf(teams, users),
      schedules,
      escalationPolicies: policies,
      services: servicesOf(integrations, teams, chains, notes),
      maintenanceWindows: [],
    },
    notes,
  };
}
