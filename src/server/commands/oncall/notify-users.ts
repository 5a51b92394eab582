import { ValidationError } from '../../../core/errors.js';
import { onCallAt } from '../../../core/oncall/index.js';
import type { EscalationTarget, PageItem, PagePayload } from '../../../core/schemas/oncall.js';
import {
  activeUsersByIds,
  contactMethodsOf,
  extendBundle,
  findBundle,
  insertIncidentPage,
  queueOutbox,
  rulesOf,
} from '../../store/queries/notifications.js';
import { findScheduleById, overridesOf } from '../../store/queries/schedules.js';
import { membersOf } from '../../store/queries/teams.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Executor } from '../../store/store.js';
import { coreScheduleOf } from './schedule-model.js';

/** How notifications are queued: the bundle window before a first send. */
export interface NotifyOptions {
  bundleMs: number;
}

/** Where one notification of a user goes. */
interface Delivery {
  ruleKey: string;
  contactMethodId: number | null;
  channel: string;
  address: string;
  delayMinutes: number;
}

/** The users `targets` stand for at `now`: users, whoever a schedule has on call, team members. */
export async function resolveTargets(
  db: Executor,
  targets: readonly EscalationTarget[],
  now: number,
): Promise<number[]> {
  const ids: number[] = [];
  for (const target of targets) {
    switch (target.type) {
      case 'user':
        ids.push(target.id);
        break;
      case 'schedule': {
        const userId = await onCallNow(db, target.id, now);
        if (userId !== null) ids.push(userId);
        break;
      }
      case 'team':
        ids.push(...(await membersOf(db, [target.id])).map((member) => member.id));
        break;
    }
  }
  return [...new Set(ids)];
}

/** Who a schedule has on call at `now` (null: nobody, or no such schedule). */
export async function onCallNow(db: Executor, scheduleId: number, now: number): Promise<number | null> {
  const row = await findScheduleById(db, scheduleId);
  if (!row) return null;
  try {
    return onCallAt(coreScheduleOf(row, await overridesOf(db, [scheduleId], now)), now).userId;
  } catch (error) {
    // A stored schedule the engine refuses pages nobody rather than stopping every escalation.
    if (error instanceof ValidationError) return null;
    throw error;
  }
}

/**
 * Queue a notification about `incident` to each active user, one outbox row per
 * notification rule (default: email to their account address at once). A pending row to the
 * same address due within the bundle window takes the incident instead of a new row, so a
 * burst becomes one message. Returns the names of the users notified.
 */
export async function notifyUsers(
  tx: Executor,
  page: { userIds: readonly number[]; incident: IncidentRecord; reason: string; key: string; now: number },
  options: NotifyOptions,
): Promise<string[]> {
  const users = await activeUsersByIds(tx, page.userIds);
  const rules = await rulesOf(
    tx,
    users.map((user) => user.id),
  );
  const methods = await contactMethodsOf(
    tx,
    users.map((user) => user.id),
  );
  for (const user of users) {
    const own = rules.filter((rule) => rule.user_id === user.id);
    const deliveries: Delivery[] =
      own.length === 0
        ? [
            {
              ruleKey: 'default',
              contactMethodId: null,
              channel: 'email',
              address: user.email,
              delayMinutes: 0,
            },
          ]
        : own.flatMap((rule) => {
            const method = methods.find((m) => m.id === rule.contact_method_id);
            return method
              ? [
                  {
                    ruleKey: `r${rule.id}`,
                    contactMethodId: method.id,
                    channel: method.type,
                    address: method.address,
                    delayMinutes: rule.delay_minutes,
                  },
                ]
              : [];
          });
    let outboxId: number | null = null;
    for (const delivery of deliveries) {
      const item: PageItem = {
        incidentId: page.incident.id,
        ref: `INC-${page.incident.number}`,
        title: page.incident.title,
        severity: page.incident.severity,
        priority: page.incident.priority,
        reason: page.reason,
        key: `${page.key}:u${user.id}:${delivery.ruleKey}`,
      };
      const queued = await enqueue(tx, user.id, delivery, item, page.now, options);
      outboxId ??= queued;
    }
    await insertIncidentPage(tx, {
      incident_id: page.incident.id,
      user_id: user.id,
      outbox_id: outboxId,
      reason: page.reason,
      paged_at: page.now,
    });
  }
  return users.map((user) => user.name);
}

async function enqueue(
  tx: Executor,
  userId: number,
  delivery: Delivery,
  item: PageItem,
  now: number,
  options: NotifyOptions,
): Promise<number | null> {
  const dueAt = now + delivery.delayMinutes * 60_000 + options.bundleMs;
  const bundle = await findBundle(tx, {
    userId,
    channel: delivery.channel,
    address: delivery.address,
    now,
    dueFrom: dueAt - options.bundleMs,
    dueTo: dueAt + options.bundleMs,
  });
  if (bundle) {
    const payload = bundle.payload;
    if (payload.items.some((existing) => existing.key === item.key)) return bundle.id;
    const extended: PagePayload = { items: [...payload.items, item] };
    const joined = await extendBundle(tx, bundle, extended, Math.min(bundle.next_attempt_at, dueAt));
    if (joined) return bundle.id;
  }
  const row = await queueOutbox(
    tx,
    {
      user_id: userId,
      contact_method_id: delivery.contactMethodId,
      channel: delivery.channel,
      address: delivery.address,
      kind: 'page',
      incident_id: item.incidentId,
      payload: { items: [item] },
      dedupe_key: item.key,
    },
    now,
    dueAt,
  );
  return row?.id ?? null;
}
