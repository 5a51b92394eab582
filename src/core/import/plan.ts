/**
 * The import plan: for every item of a source's set-up, whether the apply creates it, updates
 * the Beacon record it matches, or skips it (and why). Pure: the same set-up and state always
 * give the same plan, which is what the apply then carries out.
 */
import type {
  ImportKind,
  ImportPlanItem,
  ImportPolicy,
  ImportService,
  ImportSetup,
  ImportSource,
} from '../schemas/import.js';
import { fingerprint } from './fingerprint.js';
import { toBeaconSchedule } from './schedule-mapping.js';

/** A plan line with the fingerprint the apply records. */
export interface PlannedItem extends ImportPlanItem {
  fingerprint: string;
  /** For a team: the Beacon users the apply takes out of it. */
  removeUserIds?: number[];
}

/** What Beacon holds already: earlier imports' links and records by natural key (lower case). */
export interface ImportState {
  now: number;
  /** By `linkKey(kind, sourceId)`. */
  links: ReadonlyMap<string, { beaconId: number; fingerprint: string }>;
  usersByEmail: ReadonlyMap<string, number>;
  teamsByName: ReadonlyMap<string, number>;
  schedulesByName: ReadonlyMap<string, number>;
  policiesByName: ReadonlyMap<string, number>;
  servicesByName: ReadonlyMap<string, number>;
  /** The user ids of each Beacon team's members, by team id. */
  teamMembers: ReadonlyMap<number, readonly number[]>;
}

/** The key of a link in `ImportState.links`. */
export function linkKey(kind: ImportKind, sourceId: string): string {
  return `${kind}:${sourceId}`;
}

/** Kinds whose Beacon records have unique names (users: emails). */
const NAMED: ReadonlySet<ImportKind> = new Set(['user', 'team', 'schedule', 'escalation_policy', 'service']);

/** Kinds the apply changes when the source changed; the others are written once. */
const UPDATABLE: ReadonlySet<ImportKind> = new Set(['team', 'schedule', 'escalation_policy', 'service']);

/** The fingerprint of the parts of an item an import writes. */
export function itemFingerprint(kind: ImportKind, item: object): string {
  if (kind === 'schedule') {
    const { rendered: _rendered, overrides: _overrides, ...rest } = item as Record<string, unknown>;
    return fingerprint(rest);
  }
  if (kind === 'service') {
    const { integrations: _integrations, ...rest } = item as Record<string, unknown>;
    return fingerprint(rest);
  }
  return fingerprint(item);
}

class Planner {
  readonly items: PlannedItem[] = [];
  /** Source ids of each kind that exist in Beacon once the plan is applied. */
  private readonly present = new Map<ImportKind, Set<string>>();
  /** The source id imported under each kind's name (or email). */
  private readonly names = new Map<string, string>();

  constructor(private readonly state: ImportState) {}

  has(kind: ImportKind, sourceId: string): boolean {
    return this.present.get(kind)?.has(sourceId) ?? false;
  }

  skip(kind: ImportKind, sourceId: string, name: string, reason: string, notes: string[] = []): void {
    this.items.push({ kind, sourceId, name, action: 'skip', reason, notes, beaconId: null, fingerprint: '' });
  }

  /** Create, update or leave an importable item, by its link or a same-named record. */
  decide(
    kind: ImportKind,
    sourceId: string,
    name: string,
    fp: string,
    match: number | undefined,
    notes: string[] = [],
  ): void {
    const link = this.state.links.get(linkKey(kind, sourceId));
    if (NAMED.has(kind)) {
      // Beacon's names (and emails) are unique: two source items by one name would be one record.
      const key = `${kind}:${name.trim().toLowerCase()}`;
      const first = this.names.get(key);
      if (first !== undefined) {
        return this.skip(kind, sourceId, name, `${first} has the same name and is imported instead`);
      }
      this.names.set(key, sourceId);
    }
    let set = this.present.get(kind);
    if (!set) this.present.set(kind, (set = new Set()));
    set.add(sourceId);
    const base = { kind, sourceId, name, notes, fingerprint: fp };
    if (link && (link.fingerprint === fp || !UPDATABLE.has(kind))) {
      const reason = link.fingerprint === fp ? 'unchanged since the last import' : 'already imported';
      this.items.push({ ...base, action: 'skip', reason, beaconId: link.beaconId });
    } else if (link) {
      this.items.push({
        ...base,
        action: 'update',
        reason: 'changed since the last import',
        beaconId: link.beaconId,
      });
    } else if (match !== undefined) {
      const reason =
        kind === 'user'
          ? 'links the existing user with this email (their account is not changed)'
          : `takes over the existing ${kind.replace('_', ' ')} with this name`;
      this.items.push({ ...base, action: 'update', reason, beaconId: match });
    } else {
      this.items.push({ ...base, action: 'create', reason: null, beaconId: null });
    }
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Plan the import of `setup` into a Beacon holding `state`. */
export function planImport(setup: ImportSetup, state: ImportState): PlannedItem[] {
  const planner = new Planner(state);
  const lower = (text: string) => text.trim().toLowerCase();
  for (const user of setup.users) {
    if (!EMAIL.test(user.email))
      planner.skip('user', user.sourceId, user.name, 'has no email address to invite');
    else
      planner.decide(
        'user',
        user.sourceId,
        user.email,
        itemFingerprint('user', user),
        state.usersByEmail.get(lower(user.email)),
      );
  }
  for (const team of setup.teams) {
    const missing = team.members.filter((member) => !planner.has('user', member.userSourceId));
    const notes = missing.map((member) => `member ${member.userSourceId} is not imported`);
    planner.decide(
      'team',
      team.sourceId,
      team.name,
      itemFingerprint('team', team),
      state.teamsByName.get(lower(team.name)),
      notes,
    );
    planRemovedMembers(planner.items.at(-1), team.members, setup.source, state);
  }
  planSchedules(planner, setup, state);
  for (const policy of setup.escalationPolicies) planPolicy(planner, policy, state);
  for (const service of setup.services) planService(planner, service, state);
  planMaintenance(planner, setup, state.now);
  planGone(planner, setup.source, state);
  return planner.items;
}

/**
 * Members of an imported team that an earlier import put there (linked users) and the source
 * team no longer has are taken out of it: the team line becomes an `update` saying who.
 */
function planRemovedMembers(
  item: PlannedItem | undefined,
  members: readonly { userSourceId: string }[],
  source: ImportSource,
  state: ImportState,
): void {
  if (item?.kind !== 'team' || item.beaconId === null || item.fingerprint === '') return;
  const kept = new Set(members.map((member) => member.userSourceId));
  const linkedUsers = new Map<number, string>();
  for (const [key, link] of state.links) {
    if (key.startsWith('user:')) linkedUsers.set(link.beaconId, key.slice('user:'.length));
  }
  const removed = (state.teamMembers.get(item.beaconId) ?? []).filter((userId) => {
    const sourceId = linkedUsers.get(userId);
    return sourceId !== undefined && !kept.has(sourceId);
  });
  if (removed.length === 0) return;
  const who = removed.map((userId) => linkedUsers.get(userId)).join(', ');
  item.action = 'update';
  item.reason = `removes ${who}, no longer in the ${SOURCE_NAMES[source]} team`;
  item.removeUserIds = removed;
}

/** How the plan names each source to people. */
const SOURCE_NAMES: Record<ImportSource, string> = {
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
  'grafana-oncall': 'Grafana OnCall',
};

/**
 * An item an earlier import made that the source no longer has is listed, never deleted: the
 * Beacon record may have gathered incidents, pages and edits since.
 */
function planGone(planner: Planner, source: ImportSource, state: ImportState): void {
  const listed = new Set(planner.items.map((item) => linkKey(item.kind, item.sourceId)));
  for (const [key, link] of state.links) {
    if (listed.has(key)) continue;
    const kind = key.slice(0, key.indexOf(':')) as ImportKind;
    const sourceId = key.slice(key.indexOf(':') + 1);
    planner.items.push({
      kind,
      sourceId,
      name: sourceId,
      action: 'skip',
      reason: `no longer in ${SOURCE_NAMES[source]}; left in Beacon`,
      notes: [],
      beaconId: link.beaconId,
      fingerprint: link.fingerprint,
    });
  }
}

function planSchedules(planner: Planner, setup: ImportSetup, state: ImportState): void {
  const index = new Map(setup.users.map((user, position) => [user.sourceId, position + 1]));
  const userIdOf = (sourceId: string) => (planner.has('user', sourceId) ? index.get(sourceId) : undefined);
  for (const schedule of setup.schedules) {
    const mapped = toBeaconSchedule(schedule, userIdOf, state.now);
    if ('skip' in mapped) {
      planner.skip('schedule', schedule.sourceId, schedule.name, mapped.skip);
      for (const override of schedule.overrides) {
        planner.skip(
          'override',
          override.sourceId,
          `${schedule.name} ${override.start}`,
          'its schedule is not imported',
        );
      }
      continue;
    }
    const fp = itemFingerprint('schedule', schedule);
    planner.decide(
      'schedule',
      schedule.sourceId,
      schedule.name,
      fp,
      state.schedulesByName.get(schedule.name.trim().toLowerCase()),
      mapped.notes,
    );
    for (const override of schedule.overrides) {
      const name = `${schedule.name} ${override.start}`;
      if (!planner.has('schedule', schedule.sourceId)) {
        planner.skip('override', override.sourceId, name, 'its schedule is not imported');
      } else if (Date.parse(override.end) <= state.now)
        planner.skip('override', override.sourceId, name, 'is over');
      else if (!planner.has('user', override.userSourceId))
        planner.skip('override', override.sourceId, name, `user ${override.userSourceId} is not imported`);
      else
        planner.decide('override', override.sourceId, name, itemFingerprint('override', override), undefined);
    }
  }
}

/** Beacon's bounds on a policy (`EscalationPolicyBody`). */
const MAX_STEPS = 20;
const MAX_TARGETS = 20;
const MAX_REPEATS = 9;

/** Why a policy cannot be imported, or the notes on what Beacon does differently. */
export function policyFit(
  policy: ImportPolicy,
  has: (kind: ImportKind, sourceId: string) => boolean,
): { skip: string } | { notes: string[] } {
  const first = policy.unsupported[0];
  if (first !== undefined) return { skip: first };
  if (policy.steps.length === 0) return { skip: 'has no escalation rules' };
  if (policy.steps.length > MAX_STEPS)
    return { skip: `has ${policy.steps.length} rules; Beacon takes ${MAX_STEPS}` };
  const notes: string[] = [];
  for (const [position, step] of policy.steps.entries()) {
    if (step.targets.length === 0) return { skip: `rule ${position + 1} has no targets` };
    if (step.targets.length > MAX_TARGETS)
      return { skip: `rule ${position + 1} has more than ${MAX_TARGETS} targets` };
    for (const target of step.targets) {
      const kind = target.kind === 'user' ? 'user' : target.kind === 'schedule' ? 'schedule' : 'team';
      if (!has(kind, target.sourceId))
        return {
          skip: `rule ${position + 1} pages ${target.kind} ${target.sourceId}, which is not imported`,
        };
    }
    if (step.delayMinutes < 1 || step.delayMinutes > 1440) {
      notes.push(
        `rule ${position + 1} waits ${step.delayMinutes} minutes; Beacon waits ${Math.min(1440, Math.max(1, step.delayMinutes))}`,
      );
    }
  }
  if (policy.repeatCount > MAX_REPEATS)
    notes.push(`repeats ${policy.repeatCount} times; Beacon repeats ${MAX_REPEATS}`);
  return { notes };
}

function planPolicy(planner: Planner, policy: ImportPolicy, state: ImportState): void {
  const fit = policyFit(policy, (kind, id) => planner.has(kind, id));
  if ('skip' in fit) return planner.skip('escalation_policy', policy.sourceId, policy.name, fit.skip);
  const match = state.policiesByName.get(policy.name.trim().toLowerCase());
  planner.decide(
    'escalation_policy',
    policy.sourceId,
    policy.name,
    itemFingerprint('escalation_policy', policy),
    match,
    fit.notes,
  );
}

function planService(planner: Planner, service: ImportService, state: ImportState): void {
  const notes: string[] = [];
  if (service.policySourceId === null) notes.push('has no escalation policy: its alerts page nobody');
  else if (!planner.has('escalation_policy', service.policySourceId)) {
    notes.push(`escalation policy ${service.policySourceId} is not imported: its alerts page nobody`);
  }
  if (service.teamSourceId !== null && !planner.has('team', service.teamSourceId)) {
    notes.push(`team ${service.teamSourceId} is not imported: the service has no owner`);
  }
  const match = state.servicesByName.get(service.name.trim().toLowerCase());
  planner.decide(
    'service',
    service.sourceId,
    service.name,
    itemFingerprint('service', service),
    match,
    notes,
  );
  for (const integration of service.integrations) {
    const name = `${service.name} / ${integration.name}`;
    if (!planner.has('service', service.sourceId)) {
      planner.skip('integration', integration.sourceId, name, 'its service is not imported');
    } else if (integration.beaconType === null) {
      planner.skip(
        'integration',
        integration.sourceId,
        name,
        `Beacon takes no alerts in the format of ${integration.sourceType}`,
      );
    } else {
      const fp = itemFingerprint('integration', {
        name: integration.name,
        beaconType: integration.beaconType,
      });
      planner.decide('integration', integration.sourceId, name, fp, undefined);
    }
  }
}

/** The source id of one service's part of a maintenance window (Beacon's windows have one service). */
export function maintenanceSourceId(windowId: string, serviceSourceId: string): string {
  return `${windowId}/${serviceSourceId}`;
}

function planMaintenance(planner: Planner, setup: ImportSetup, now: number): void {
  for (const window of setup.maintenanceWindows) {
    for (const serviceId of window.serviceSourceIds) {
      const sourceId = maintenanceSourceId(window.sourceId, serviceId);
      const name = `${window.description || window.sourceId} (${serviceId})`;
      if (Date.parse(window.end) <= now) planner.skip('maintenance', sourceId, name, 'is over');
      else if (!planner.has('service', serviceId))
        planner.skip('maintenance', sourceId, name, `service ${serviceId} is not imported`);
      else {
        const fp = itemFingerprint('maintenance', {
          start: window.start,
          end: window.end,
          description: window.description,
        });
        planner.decide('maintenance', sourceId, name, fp, undefined);
      }
    }
  }
}
