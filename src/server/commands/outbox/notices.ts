// Queueing side of the notification outbox for stakeholder updates and update reminders
// (claim and record: notifications.ts).

import type { PageItem } from '../../../core/schemas/oncall.js';
import type { UpdateNotice } from '../../../core/schemas/stakeholders.js';
import {
  activeUsersByIds,
  contactMethodsOf,
  queueOutbox,
  rulesOf,
} from '../../store/queries/notifications.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Executor } from '../../store/store.js';

/** One message about an update to queue: where it goes and what it says. */
export interface NoticeDelivery {
  userId: number | null;
  contactMethodId: number | null;
  channel: string;
  address: string;
  /** Unique per message: a retried command never queues the same message twice. */
  key: string;
}

/**
 * Queue a stakeholder update or reminder in the outbox (inside the caller's transaction),
 * due at once: the sender delivers it like a page but renders the notice instead.
 */
export async function queueNotice(
  tx: Executor,
  delivery: NoticeDelivery,
  incident: IncidentRecord,
  notice: UpdateNotice,
  now: number,
): Promise<void> {
  const item: PageItem = {
    incidentId: incident.id,
    ref: `INC-${incident.number}`,
    title: incident.title,
    severity: incident.severity,
    priority: incident.priority,
    reason: notice.kind === 'stakeholder_update' ? 'stakeholder update' : 'update reminder',
    key: delivery.key,
  };
  await queueOutbox(
    tx,
    {
      user_id: delivery.userId,
      contact_method_id: delivery.contactMethodId,
      channel: delivery.channel,
      address: delivery.address,
      kind: notice.kind,
      incident_id: incident.id,
      payload: { items: [item], notice },
      dedupe_key: delivery.key,
    },
    now,
  );
}

/**
 * Where a reminder to each user goes: the contact methods of their first notification rules
 * (those with the shortest delay, sent at once), or their account email when they have none.
 */
export async function firstDeliveriesOf(
  tx: Executor,
  userIds: readonly number[],
  keyPrefix: string,
): Promise<Array<NoticeDelivery & { name: string }>> {
  const users = await activeUsersByIds(tx, userIds);
  const ids = users.map((user) => user.id);
  const rules = await rulesOf(tx, ids);
  const methods = await contactMethodsOf(tx, ids);
  return users.flatMap((user): Array<NoticeDelivery & { name: string }> => {
    const own = rules.filter((rule) => rule.user_id === user.id);
    const first = Math.min(...own.map((rule) => rule.delay_minutes));
    const deliveries = own
      .filter((rule) => rule.delay_minutes === first)
      .flatMap((rule) => {
        const method = methods.find((m) => m.id === rule.contact_method_id);
        return method
          ? [
              {
                userId: user.id,
                contactMethodId: method.id,
                channel: method.type,
                address: method.address,
                key: `${keyPrefix}:u${user.id}:r${rule.id}`,
                name: user.name || user.email,
              },
            ]
          : [];
      });
    if (deliveries.length > 0) return deliveries;
    return [
      {
        userId: user.id,
        contactMethodId: null,
        channel: 'email',
        address: user.email,
        key: `${keyPrefix}:u${user.id}:default`,
        name: user.name || user.email,
      },
    ];
  });
}
