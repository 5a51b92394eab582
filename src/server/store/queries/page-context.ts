// What a page tells about each of its incidents beyond the outbox payload: services, the
// newest alert, who else was paged, who acknowledged. Read when a message is sent.

import type { Executor } from '../store.js';
import { type AlertRecord, alertRows } from './rows/alerts.js';
import { outboxRows } from './rows/notifications.js';

/** Service names per incident id. */
export async function serviceNamesOf(db: Executor, incidentIds: readonly number[]) {
  const names = new Map<number, string[]>();
  if (incidentIds.length === 0) return names;
  const rows = await db
    .selectFrom('incident_services')
    .innerJoin('services', 'services.id', 'incident_services.service_id')
    .select(['incident_services.incident_id', 'services.name'])
    .where('incident_services.incident_id', 'in', incidentIds)
    .orderBy('services.name')
    .execute();
  for (const row of rows) names.set(row.incident_id, [...(names.get(row.incident_id) ?? []), row.name]);
  return names;
}

/** The newest alert of each incident (open ones first). */
export async function newestAlertsOf(db: Executor, incidentIds: readonly number[]) {
  const alerts = new Map<number, AlertRecord>();
  for (const incidentId of incidentIds) {
    const row = await db
      .selectFrom('alerts')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy((eb) => eb.case().when('resolved_at', 'is', null).then(0).else(1).end())
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row) alerts.set(incidentId, alertRows.decode(row));
  }
  return alerts;
}

/**
 * The people with a page (sent, or on its way) about each incident, by name. A bundle names
 * only its first incident in `incident_id`, so the payload is searched too and then checked.
 */
export async function pagedUsersOf(db: Executor, incidentIds: readonly number[]) {
  const paged = new Map<number, Array<{ userId: number; name: string }>>();
  if (incidentIds.length === 0) return paged;
  const rows = await db
    .selectFrom('outbox')
    .innerJoin('users', 'users.id', 'outbox.user_id')
    .select(['outbox.payload', 'outbox.user_id', 'users.name'])
    .where('outbox.kind', '=', 'page')
    .where('outbox.status', 'in', ['pending', 'sending', 'sent'])
    .where((eb) =>
      eb.or([
        eb('outbox.incident_id', 'in', incidentIds),
        ...incidentIds.flatMap((id) => [
          eb('outbox.payload', 'like', `%"incidentId":${id},%`),
          eb('outbox.payload', 'like', `%"incidentId":${id}}%`),
        ]),
      ]),
    )
    .orderBy('outbox.id')
    .execute();
  for (const row of rows) {
    const { payload } = outboxRows.decode({ payload: row.payload });
    for (const item of payload.items) {
      if (!incidentIds.includes(item.incidentId) || row.user_id === null) continue;
      const list = paged.get(item.incidentId) ?? [];
      if (!list.some((user) => user.userId === row.user_id))
        list.push({ userId: row.user_id, name: row.name });
      paged.set(item.incidentId, list);
    }
  }
  return paged;
}

/** Who acknowledged each incident: the actor of its status change at its acknowledgement time. */
export async function acknowledgersOf(
  db: Executor,
  incidents: readonly { id: number; acknowledged_at: number }[],
): Promise<Map<number, string | null>> {
  const names = new Map<number, string | null>();
  if (incidents.length === 0) return names;
  const rows = await db
    .selectFrom('timeline_entries')
    .select(['incident_id', 'at', 'actor_name'])
    .where(
      'incident_id',
      'in',
      incidents.map((incident) => incident.id),
    )
    .where('kind', 'in', ['acknowledged', 'status_changed', 'resolved', 'declared'])
    .orderBy('id')
    .execute();
  for (const incident of incidents) {
    const row = rows.find(
      (entry) => entry.incident_id === incident.id && entry.at === incident.acknowledged_at,
    );
    names.set(incident.id, row?.actor_name ?? null);
  }
  return names;
}
