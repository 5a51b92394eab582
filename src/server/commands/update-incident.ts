import type { Incident, UpdateIncidentBody } from '../../core/schemas/incident.js';
import { type Level, type Severity, levelsAfterSeverityChange, priorityOf } from '../../core/priority.js';
import { ValidationError } from '../../core/errors.js';
import { serviceIdsOf, setIncidentServices, updateIncidentAtVersion } from '../store/queries/incidents.js';
import { appendTimeline } from './timeline.js';
import { findServicesByIds } from '../store/queries/services.js';
import { findUsersByIds } from '../store/queries/users.js';
import type { IncidentRecord } from '../store/queries/incidents.js';
import type { Executor } from '../store/store.js';
import { type AppContext, type Caller, actorOf, iso } from './context.js';
import { assertActiveUser, assertServicesExist, assertVersion, loadIncident } from './incident-guards.js';
import { viewIncident } from './incident-view.js';
import { attachMatchingPlans } from './response/attach-plans.js';
import { giveRoleTasks } from './response/roles.js';
import { assertCategory } from './settings.js';

type Changes = Record<string, { before: unknown; after: unknown }>;

const PLAIN_FIELDS = [
  ['title', 'title'],
  ['summary', 'summary'],
  ['severity', 'severity'],
  ['impact', 'impact'],
  ['urgency', 'urgency'],
  ['category', 'category'],
  ['resolutionSummary', 'resolution_summary'],
  ['rootCause', 'root_cause'],
] as const;

const TIME_FIELDS = [
  ['startedAt', 'started_at'],
  ['detectedAt', 'detected_at'],
  ['mitigatedAt', 'mitigated_at'],
] as const;

/** Edit an incident's fields; every changed field goes on the timeline with before and after. */
export async function updateIncident(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  body: UpdateIncidentBody,
): Promise<Incident> {
  const now = ctx.clock.now();
  const incident = await ctx.store.transaction(async (tx) => {
    const row = await loadIncident(tx, ref);
    assertVersion(row, body.version);
    await assertCategory(tx, body.category);
    const { set, changes } = diffFields(row, body, now);
    await diffCommander(tx, row, body, set, changes);
    await diffServices(tx, row, body.serviceIds, changes);
    if (body.tags !== undefined) {
      const after = [...new Set(body.tags)];
      const before = row.tags;
      if (!isSameList(before, after)) {
        set.tags = after;
        changes.tags = { before, after };
      }
    }
    if (Object.keys(changes).length === 0) return viewIncident(tx, row);
    const updated = await updateIncidentAtVersion(tx, row.id, row.version, { ...set, updated_at: now });
    await appendTimeline(tx, {
      incidentId: row.id,
      at: now,
      actor: actorOf(caller),
      kind: 'updated',
      changes,
    });
    if (changes.severity || changes.category || changes.services)
      await attachMatchingPlans(tx, updated, actorOf(caller), now);
    if (changes.commander && updated.commander_id !== null)
      await giveRoleTasks(tx, updated, 'commander', updated.commander_id, actorOf(caller), now);
    return viewIncident(tx, updated);
  });
  ctx.onIncidentsChanged();
  return incident;
}

function isSameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function diffFields(row: IncidentRecord, body: UpdateIncidentBody, now: number) {
  const set: Partial<IncidentRecord> = {};
  const changes: Changes = {};
  for (const [key, column] of PLAIN_FIELDS) {
    const value = body[key];
    if (value !== undefined && value !== row[column]) {
      changes[key] = { before: row[column], after: value };
      Object.assign(set, { [column]: value });
    }
  }
  // A new severity carries impact and urgency along while they are its old proposal.
  if (changes.severity && body.impact === undefined && body.urgency === undefined) {
    const levels = levelsAfterSeverityChange(row.severity as Severity, body.severity as Severity, {
      impact: row.impact as Level,
      urgency: row.urgency as Level,
    });
    for (const key of ['impact', 'urgency'] as const) {
      if (levels[key] === row[key]) continue;
      changes[key] = { before: row[key], after: levels[key] };
      set[key] = levels[key];
    }
  }
  for (const [key, column] of TIME_FIELDS) {
    const value = body[key];
    if (value === undefined) continue;
    const ms = value === null ? null : Date.parse(value);
    if (ms !== null && ms > now) throw new ValidationError(key, 'must not be in the future');
    if (ms !== row[column]) {
      changes[key] = { before: iso(row[column]), after: iso(ms) };
      Object.assign(set, { [column]: ms });
    }
  }
  const impact = (set.impact ?? row.impact) as Level;
  const urgency = (set.urgency ?? row.urgency) as Level;
  const priority = priorityOf(impact, urgency);
  if (priority !== row.priority) {
    set.priority = priority;
    changes.priority = { before: row.priority, after: priority };
  }
  return { set, changes };
}

async function diffCommander(
  tx: Executor,
  row: IncidentRecord,
  body: UpdateIncidentBody,
  set: Partial<IncidentRecord>,
  changes: Changes,
): Promise<void> {
  if (body.commanderId === undefined || body.commanderId === row.commander_id) return;
  await assertActiveUser(tx, body.commanderId, 'commanderId');
  const ids = [row.commander_id, body.commanderId].filter((id): id is number => id !== null);
  const names = new Map((await findUsersByIds(tx, ids)).map((u) => [u.id, u.name]));
  changes.commander = {
    before: row.commander_id === null ? null : (names.get(row.commander_id) ?? null),
    after: body.commanderId === null ? null : (names.get(body.commanderId) ?? null),
  };
  set.commander_id = body.commanderId;
}

async function diffServices(
  tx: Executor,
  row: IncidentRecord,
  serviceIds: readonly number[] | undefined,
  changes: Changes,
): Promise<void> {
  if (serviceIds === undefined) return;
  await assertServicesExist(tx, serviceIds);
  const before = ((await serviceIdsOf(tx, [row.id])).get(row.id) ?? []).sort((a, b) => a - b);
  const after = [...new Set(serviceIds)].sort((a, b) => a - b);
  if (before.join(',') === after.join(',')) return;
  const names = new Map((await findServicesByIds(tx, [...before, ...after])).map((s) => [s.id, s.name]));
  changes.services = {
    before: before.map((id) => names.get(id)),
    after: after.map((id) => names.get(id)),
  };
  await setIncidentServices(tx, row.id, after);
}
