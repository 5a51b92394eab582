import type { Executor } from '../store.js';
import { type OutboxRecord, outboxRows } from './rows/notifications.js';

/** A message of an incident's paging history, with who it was for and by which method. */
export interface IncidentDeliveryRecord extends OutboxRecord {
  user_name: string | null;
  method_name: string | null;
}

/** The messages that told about an incident (bundled ones included), newest first. */
export async function listIncidentDeliveries(
  db: Executor,
  incidentId: number,
  limit: number,
): Promise<IncidentDeliveryRecord[]> {
  const rows = await db
    .selectFrom('outbox_incidents as oi')
    .innerJoin('outbox as o', 'o.id', 'oi.outbox_id')
    .leftJoin('users as u', 'u.id', 'o.user_id')
    .leftJoin('contact_methods as m', 'm.id', 'o.contact_method_id')
    .selectAll('o')
    .select(['u.name as user_name', 'm.name as method_name'])
    .where('oi.incident_id', '=', incidentId)
    .orderBy('o.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => {
    const { user_name, method_name, ...outbox } = row;
    return { ...outboxRows.decode(outbox), user_name, method_name };
  });
}

/** Dead messages about incidents that no admin dismissed yet: how many, and the newest. */
export async function undismissedDeadLetters(
  db: Executor,
): Promise<{ count: number; newest: OutboxRecord | undefined }> {
  const base = db
    .selectFrom('outbox')
    .where('status', '=', 'dead')
    .where('dismissed_at', 'is', null)
    .where('kind', '!=', 'test');
  const counted = await base
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .executeTakeFirst();
  const newest = await base.selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  return { count: Number(counted?.n ?? 0), newest: newest && outboxRows.decode(newest) };
}

/** Dismiss the banner of every dead letter up to `maxId`; how many were dismissed. */
export async function dismissDeadLetters(tx: Executor, maxId: number, now: number): Promise<number> {
  const result = await tx
    .updateTable('outbox')
    .set({ dismissed_at: now })
    .where('status', '=', 'dead')
    .where('dismissed_at', 'is', null)
    .where('id', '<=', maxId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Active users whose pages go by email: those with no rules (the default, an email to their
 * account address) and those with a rule for an email contact method.
 */
export async function usersRelyingOnEmail(
  db: Executor,
): Promise<Array<{ id: number; name: string; email: string }>> {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.name', 'u.email'])
    .where('u.disabled_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.not(
          eb.exists(
            eb.selectFrom('notification_rules as r').select('r.id').whereRef('r.user_id', '=', 'u.id'),
          ),
        ),
        eb.exists(
          eb
            .selectFrom('notification_rules as r')
            .innerJoin('contact_methods as m', 'm.id', 'r.contact_method_id')
            .select('r.id')
            .whereRef('r.user_id', '=', 'u.id')
            .where('m.type', '=', 'email'),
        ),
      ]),
    )
    .orderBy('u.id')
    .execute();
}

/** The newest test notification of a contact method. */
export async function latestTestOf(db: Executor, contactMethodId: number): Promise<OutboxRecord | undefined> {
  const row = await db
    .selectFrom('outbox')
    .selectAll()
    .where('contact_method_id', '=', contactMethodId)
    .where('kind', '=', 'test')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && outboxRows.decode(row);
}

/** Contact methods of the given types (chat webhooks), with their owner's email, by id. */
export function contactMethodsOfTypes(
  db: Executor,
  types: readonly string[],
): Promise<Array<{ id: number; type: string; name: string; address: string; owner: string }>> {
  return db
    .selectFrom('contact_methods as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.type', 'm.name', 'm.address', 'u.email as owner'])
    .where('m.type', 'in', [...types])
    .where('u.disabled_at', 'is', null)
    .orderBy('m.id')
    .execute();
}
