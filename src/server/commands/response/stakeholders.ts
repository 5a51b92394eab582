import { ConflictError, NotFoundError, ValidationError } from '../../../core/errors.js';
import type {
  AddStakeholderBody,
  DefaultStakeholder,
  Stakeholder,
  StakeholderList,
  UpdateRecipient,
} from '../../../core/schemas/stakeholders.js';
import { serviceIdsOf } from '../../store/queries/incidents.js';
import { activeUsersByIds } from '../../store/queries/notifications.js';
import {
  type StakeholderRecord,
  activeMembersOf,
  deleteStakeholder,
  deleteStakeholderByKey,
  insertStakeholder,
  memberCounts,
  stakeholdersOf,
  teamsByIds,
} from '../../store/queries/stakeholders.js';
import { findTeamById } from '../../store/queries/teams.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Executor } from '../../store/store.js';
import { appendTimeline } from '../timeline.js';
import { type AppContext, type Caller, actorOf, iso } from '../context.js';
import { assertActiveUser, loadIncident } from '../incident-guards.js';
import { getSettings } from '../settings.js';
import { matchingDefaultRules } from './stakeholder-defaults.js';

/** Most entries one incident's stakeholder list holds. */
const MAX_STAKEHOLDERS = 500;

/** The stakeholder list of an incident, the defaults that apply and whether `caller` subscribed. */
export async function getStakeholders(
  ctx: AppContext,
  caller: Caller,
  ref: string,
): Promise<StakeholderList> {
  const row = await loadIncident(ctx.store.db, ref);
  return viewStakeholders(ctx.store.db, row, caller);
}

async function viewStakeholders(db: Executor, row: IncidentRecord, caller: Caller): Promise<StakeholderList> {
  const records = await stakeholdersOf(db, row.id);
  const counts = await memberCounts(
    db,
    records.flatMap((r) => (r.team_id === null ? [] : [r.team_id])),
  );
  const defaults = await defaultStakeholders(db, row);
  return {
    items: records.map((record) => viewStakeholder(record, counts)),
    defaults,
    recipientCount: (await stakeholderRecipients(db, row)).length,
    isSubscribed: records.some((r) => r.user_id === caller.userId),
  };
}

function viewStakeholder(r: StakeholderRecord, counts: Map<number, number>): Stakeholder {
  return {
    id: r.id,
    type: r.type as Stakeholder['type'],
    user: r.user_id === null ? null : { id: r.user_id, name: r.user_name ?? '', email: r.user_email ?? '' },
    team:
      r.team_id === null
        ? null
        : { id: r.team_id, name: r.team_name ?? '', memberCount: counts.get(r.team_id) ?? 0 },
    email: r.email,
    source: r.source as Stakeholder['source'],
    addedBy:
      r.added_by === null ? null : { id: r.added_by, name: r.adder_name ?? '', email: r.adder_email ?? '' },
    addedAt: iso(r.created_at),
  };
}

/** Add a user, a team or an email address to an incident's stakeholders (409 when listed). */
export async function addStakeholder(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  body: AddStakeholderBody,
): Promise<Stakeholder> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const row = await loadIncident(tx, ref);
    const target = await targetOf(tx, body);
    if ((await stakeholdersOf(tx, row.id)).length >= MAX_STAKEHOLDERS) {
      throw new ValidationError(target.field, `an incident has at most ${MAX_STAKEHOLDERS} stakeholders`);
    }
    const inserted = await insertStakeholder(tx, {
      incident_id: row.id,
      type: target.type,
      target_key: target.key,
      user_id: body.userId ?? null,
      team_id: body.teamId ?? null,
      email: body.email ?? null,
      source: 'added',
      added_by: caller.userId,
      created_at: now,
    });
    if (!inserted)
      throw new ConflictError(`${target.label} is already a stakeholder of INC-${row.number}`, target.field);
    await noteStakeholders(tx, row.id, caller, now, `Added ${target.label} to the stakeholders`, {
      after: target.label,
    });
    const record = (await stakeholdersOf(tx, row.id)).find((r) => r.id === inserted.id);
    if (!record) throw new NotFoundError(`stakeholder ${inserted.id}`);
    return viewStakeholder(record, await memberCounts(tx, body.teamId ? [body.teamId] : []));
  });
}

async function targetOf(db: Executor, body: AddStakeholderBody) {
  if (body.userId !== undefined) {
    const user = await assertActiveUser(db, body.userId, 'userId');
    return { type: 'user', key: `user:${body.userId}`, field: 'userId', label: user?.name ?? 'this user' };
  }
  if (body.teamId !== undefined) {
    const team = await findTeamById(db, body.teamId);
    if (!team) throw new ValidationError('teamId', `no team with id ${body.teamId}`);
    return { type: 'team', key: `team:${body.teamId}`, field: 'teamId', label: `team ${team.name}` };
  }
  if (body.email !== undefined) {
    return { type: 'email', key: `email:${body.email}`, field: 'email', label: body.email };
  }
  throw new ValidationError('userId', 'give exactly one of userId, teamId or email');
}

/** Remove one entry from an incident's stakeholders. */
export async function removeStakeholder(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  id: number,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await loadIncident(tx, ref);
    const record = (await stakeholdersOf(tx, row.id)).find((r) => r.id === id);
    if (!record || !(await deleteStakeholder(tx, row.id, id))) {
      throw new NotFoundError(`stakeholder ${id} of INC-${row.number}`);
    }
    const label = labelOf(record);
    await noteStakeholders(tx, row.id, caller, now, `Removed ${label} from the stakeholders`, {
      before: label,
    });
  });
}

/** How an entry is named on the timeline. */
function labelOf(record: StakeholderRecord): string {
  if (record.type === 'team') return `team ${record.team_name ?? record.team_id ?? ''}`;
  if (record.type === 'user') return record.user_name || record.user_email || `user ${record.user_id ?? ''}`;
  return record.email ?? 'an address';
}

/** Put a change of the stakeholder list on the incident's timeline. */
async function noteStakeholders(
  tx: Executor,
  incidentId: number,
  caller: Caller,
  now: number,
  body: string,
  change: { before?: string; after?: string },
): Promise<void> {
  await appendTimeline(tx, {
    incidentId,
    at: now,
    actor: actorOf(caller),
    kind: 'stakeholders_changed',
    changes: { stakeholders: { before: change.before ?? null, after: change.after ?? null } },
    body,
  });
}

/** Put the caller on an incident's stakeholder list (nothing changes when they are on it). */
export async function subscribe(ctx: AppContext, caller: Caller, ref: string): Promise<StakeholderList> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const row = await loadIncident(tx, ref);
    const inserted = await insertStakeholder(tx, {
      incident_id: row.id,
      type: 'user',
      target_key: `user:${caller.userId}`,
      user_id: caller.userId,
      team_id: null,
      email: null,
      source: 'subscribed',
      added_by: caller.userId,
      created_at: now,
    });
    if (inserted) {
      await noteStakeholders(tx, row.id, caller, now, `${caller.name} subscribed to stakeholder updates`, {
        after: caller.name,
      });
    }
    return viewStakeholders(tx, row, caller);
  });
}

/** Take the caller off an incident's stakeholder list (their teams and defaults still apply). */
export async function unsubscribe(ctx: AppContext, caller: Caller, ref: string): Promise<StakeholderList> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const row = await loadIncident(tx, ref);
    if (await deleteStakeholderByKey(tx, row.id, `user:${caller.userId}`)) {
      await noteStakeholders(
        tx,
        row.id,
        caller,
        now,
        `${caller.name} unsubscribed from stakeholder updates`,
        {
          before: caller.name,
        },
      );
    }
    return viewStakeholders(tx, row, caller);
  });
}

/** Stakeholders the workspace settings give this incident now (by severity and services). */
async function defaultStakeholders(db: Executor, row: IncidentRecord): Promise<DefaultStakeholder[]> {
  const rules = await defaultRulesFor(db, row);
  const users = new Map(
    (
      await activeUsersByIds(
        db,
        rules.flatMap((r) => r.rule.userIds),
      )
    ).map((u) => [u.id, u]),
  );
  const teamIds = rules.flatMap((r) => r.rule.teamIds);
  const teams = new Map((await teamsByIds(db, teamIds)).map((t) => [t.id, t]));
  const counts = await memberCounts(db, teamIds);
  return rules.flatMap(({ rule, index }) => [
    ...rule.userIds.flatMap((id) => {
      const user = users.get(id);
      return user ? [{ type: 'user' as const, user, team: null, email: null, rule: index }] : [];
    }),
    ...rule.teamIds.flatMap((id) => {
      const team = teams.get(id);
      return team
        ? [
            {
              type: 'team' as const,
              user: null,
              team: { ...team, memberCount: counts.get(id) ?? 0 },
              email: null,
              rule: index,
            },
          ]
        : [];
    }),
    ...rule.emails.map((email) => ({ type: 'email' as const, user: null, team: null, email, rule: index })),
  ]);
}

async function defaultRulesFor(db: Executor, row: IncidentRecord) {
  const { stakeholderDefaults } = await getSettings(db);
  if (stakeholderDefaults.length === 0) return [];
  const serviceIds = (await serviceIdsOf(db, [row.id])).get(row.id) ?? [];
  return matchingDefaultRules(stakeholderDefaults, { severity: row.severity, serviceIds });
}

/** An address a stakeholder update goes to, with the user it belongs to (null: external). */
export type RecipientAddress = UpdateRecipient & { userId: number | null };

/**
 * Everyone a stakeholder update of this incident goes to, once per address: listed users,
 * every active member of listed teams, listed addresses, then the settings' defaults.
 * Disabled users get nothing.
 */
export async function stakeholderRecipients(db: Executor, row: IncidentRecord): Promise<RecipientAddress[]> {
  const records = await stakeholdersOf(db, row.id);
  const rules = await defaultRulesFor(db, row);
  const recipients = new Map<string, RecipientAddress>();
  const add = (email: string, name: string | null, via: string, userId: number | null) => {
    const key = email.toLowerCase();
    if (!recipients.has(key)) recipients.set(key, { email: key, name, via, userId });
  };
  const userIds = [
    ...records.flatMap((r) => (r.user_id === null ? [] : [r.user_id])),
    ...rules.flatMap((r) => r.rule.userIds),
  ];
  const users = new Map((await activeUsersByIds(db, userIds)).map((u) => [u.id, u]));
  const teamIds = [
    ...records.flatMap((r) => (r.team_id === null ? [] : [r.team_id])),
    ...rules.flatMap((r) => r.rule.teamIds),
  ];
  const members = await activeMembersOf(db, teamIds);
  const teams = new Map((await teamsByIds(db, teamIds)).map((t) => [t.id, t.name]));
  const addUser = (id: number, via: string) => {
    const user = users.get(id);
    if (user) add(user.email, user.name || null, via, user.id);
  };
  const addTeam = (id: number, via: string) => {
    for (const m of members.filter((member) => member.team_id === id))
      add(m.email, m.name || null, via, m.id);
  };
  for (const r of records) {
    if (r.user_id !== null) addUser(r.user_id, r.source === 'subscribed' ? 'subscribed' : 'user');
    if (r.team_id !== null) addTeam(r.team_id, `team ${teams.get(r.team_id) ?? r.team_id}`);
    if (r.email !== null) add(r.email, null, 'email', null);
  }
  for (const { rule } of rules) {
    for (const id of rule.userIds) addUser(id, 'default');
    for (const id of rule.teamIds) addTeam(id, `team ${teams.get(id) ?? id} (default)`);
    for (const email of rule.emails) add(email, null, 'default', null);
  }
  return [...recipients.values()];
}
