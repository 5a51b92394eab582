/** Read an Opsgenie account's on-call set-up through the REST API, as Beacon's import set-up. */
import type {
  ImportIntegration,
  ImportMaintenance,
  ImportService,
  ImportSetup,
  ImportTeam,
} from '../../../core/schemas/import.js';
import type { OpsgenieClient } from './opsgenie-client.js';
import { toImportPolicy, toImportSchedule, toImportUser } from './opsgenie-mapping.js';
import type {
  OgEscalation,
  OgIntegration,
  OgMaintenance,
  OgOverride,
  OgSchedule,
  OgService,
  OgTeam,
  OgTimeline,
  OgUser,
} from './opsgenie-types.js';

/** What an import from Opsgenie read, and what it leaves behind with the reason. */
export interface OpsgenieRead {
  setup: ImportSetup;
  /** Integrations and maintenance Beacon has no place for, and what it does differently. */
  notes: string[];
}

/** Opsgenie integrations whose senders post Opsgenie's Alert API (`POST /v2/alerts`, `GenieKey`). */
const ALERT_API_TYPES = new Set(['API', 'Prometheus', 'Grafana', 'Datadog', 'Zabbix']);

const id = (value: string) => encodeURIComponent(value);

async function readTeams(client: OpsgenieClient): Promise<ImportTeam[]> {
  const teams = await client.list<OgTeam>('/v2/teams');
  const result: ImportTeam[] = [];
  for (const listed of teams) {
    const team = await client.get<OgTeam>(`/v2/teams/${id(listed.id)}`, { identifierType: 'id' });
    result.push({
      sourceId: team.id,
      name: team.name,
      description: team.description ?? '',
      members: (team.members ?? []).map((member) => ({
        userSourceId: member.user.id,
        role: member.role === 'admin' ? ('lead' as const) : ('member' as const),
      })),
    });
  }
  return result;
}

async function readSchedules(client: OpsgenieClient, now: number, weeks: number) {
  const schedules = await client.list<OgSchedule>('/v2/schedules', { expand: 'rotation' });
  const result = [];
  for (const schedule of schedules) {
    const path = `/v2/schedules/${id(schedule.id)}`;
    const overrides = await client.list<OgOverride>(`${path}/overrides`, { scheduleIdentifierType: 'id' });
    const timeline = await client.get<OgTimeline>(`${path}/timeline`, {
      identifierType: 'id',
      interval: String(weeks),
      intervalUnit: 'weeks',
      date: new Date(now).toISOString(),
    });
    result.push(toImportSchedule(schedule, overrides, timeline));
  }
  return result;
}

function toIntegration(integration: OgIntegration, apiUrl: string): ImportIntegration {
  const base = { sourceId: integration.id, name: integration.name, sourceType: integration.type };
  if (ALERT_API_TYPES.has(integration.type)) {
    return {
      ...base,
      beaconType: 'opsgenie',
      oldKey: integration.apiKey ?? null,
      oldAddress: `${apiUrl}/v2/alerts`,
    };
  }
  if (integration.type === 'Email') {
    return { ...base, beaconType: 'email', oldKey: null, oldAddress: integration.emailAddress ?? null };
  }
  return { ...base, beaconType: null, oldKey: integration.apiKey ?? null, oldAddress: null };
}

/**
 * Opsgenie's services belong to teams and its integrations to teams, not services: each team's
 * integrations go to the team's first service, and the service takes the team's escalation
 * when the team has exactly one.
 */
async function readServices(client: OpsgenieClient, escalations: readonly OgEscalation[], notes: string[]) {
  const services = await client.list<OgService>('/v2/services', {}, true);
  const listed = await client.list<OgIntegration>('/v2/integrations');
  const byTeam = new Map<string, ImportIntegration[]>();
  const serviceOfIntegration = new Map<string, string>();
  for (const { id: integrationId } of listed) {
    const integration = await client.get<OgIntegration>(`/v2/integrations/${id(integrationId)}`);
    const teamId = integration.ownerTeam?.id ?? integration.teamId;
    const service = services.find((s) => s.teamId === teamId);
    if (teamId === undefined || service === undefined) {
      notes.push(
        `integration "${integration.name}" is not imported: ${teamId === undefined ? 'it belongs to no team' : `its team ${teamId} has no service`}`,
      );
      continue;
    }
    if (services.filter((s) => s.teamId === teamId).length > 1) {
      notes.push(
        `integration "${integration.name}" goes to "${service.name}", the first service of its team`,
      );
    }
    byTeam.set(teamId, [...(byTeam.get(teamId) ?? []), toIntegration(integration, client.apiUrl)]);
    serviceOfIntegration.set(integration.id, service.id);
  }
  const result: ImportService[] = services.map((service) => {
    const owned = escalations.filter((e) => e.ownerTeam?.id === service.teamId);
    if (owned.length > 1) {
      notes.push(
        `service "${service.name}": its team has ${owned.length} escalations; set its policy in Beacon`,
      );
    }
    const isFirst = services.find((s) => s.teamId === service.teamId) === service;
    return {
      sourceId: service.id,
      name: service.name,
      description: service.description ?? '',
      policySourceId: owned.length === 1 ? (owned[0]?.id ?? null) : null,
      teamSourceId: service.teamId,
      integrations: isFirst ? (byTeam.get(service.teamId) ?? []) : [],
    };
  });
  return { services: result, serviceOfIntegration };
}

async function readMaintenance(
  client: OpsgenieClient,
  services: readonly ImportService[],
  serviceOfIntegration: ReadonlyMap<string, string>,
  notes: string[],
): Promise<ImportMaintenance[]> {
  const listed = await client.list<OgMaintenance>('/v2/maintenance', { type: 'non-expired' });
  const result: ImportMaintenance[] = [];
  for (const { id: maintenanceId } of listed) {
    const maintenance = await client.get<OgMaintenance>(`/v2/maintenance/${id(maintenanceId)}`);
    const { startDate, endDate } = maintenance.time;
    if (startDate === undefined || endDate === undefined) {
      notes.push(
        `maintenance "${maintenance.description ?? maintenance.id}" has no end; Beacon's windows end`,
      );
      continue;
    }
    const serviceIds = new Set<string>();
    for (const { entity } of maintenance.rules ?? []) {
      if (entity.type === 'integration') {
        const service = serviceOfIntegration.get(entity.id);
        if (service !== undefined) serviceIds.add(service);
      } else {
        // Opsgenie's alert and notification policies have no counterpart in Beacon.
        notes.push(
          `maintenance "${maintenance.description ?? maintenance.id}" also pauses ${entity.type} ${entity.id}; Beacon pauses services only`,
        );
      }
    }
    result.push({
      sourceId: maintenance.id,
      description: maintenance.description ?? '',
      start: startDate,
      end: endDate,
      serviceSourceIds: [...serviceIds],
    });
  }
  return result;
}

/** Everything an import from Opsgenie needs, read at `now`, with `weeks` of its timeline to compare. */
export async function readOpsgenieSetup(
  client: OpsgenieClient,
  window: { now: number; weeks?: number },
): Promise<OpsgenieRead> {
  const notes: string[] = [];
  const users = await client.list<OgUser>('/v2/users', { expand: 'contact' }, true);
  const teams = await readTeams(client);
  const schedules = await readSchedules(client, window.now, window.weeks ?? 8);
  const escalations = await client.list<OgEscalation>('/v2/escalations');
  const policies = escalations.map((escalation) => {
    const mapped = toImportPolicy(escalation);
    notes.push(...mapped.notes);
    return mapped.policy;
  });
  const { services, serviceOfIntegration } = await readServices(client, escalations, notes);
  const maintenanceWindows = await readMaintenance(client, services, serviceOfIntegration, notes);
  return {
    setup: {
      source: 'opsgenie',
      users: users.map(toImportUser),
      teams,
      schedules,
      escalationPolicies: policies,
      services,
      maintenanceWindows,
    },
    notes,
  };
}
