import type { Insertable, Updateable } from 'kysely';
import type { AlertEventsTable, AlertsTable } from '../schema.js';
import type { Executor } from '../store.js';
import { type AlertEventRecord, type AlertRecord, alertEventRows, alertRows } from './rows/alerts.js';
import { type IncidentRecord, incidentRows } from './rows/incidents.js';

export type { AlertEventRecord, AlertRecord, IncidentRecord };

/** A new alert's values, before encoding. */
export type NewAlertValues = Omit<AlertRecord, 'id'>;

/** Changes to an alert, before encoding. */
export type AlertChanges = Partial<NewAlertValues>;

/** The open (unresolved) alert of a service with this dedup key. */
export async function findOpenAlert(
  db: Executor,
  serviceId: number,
  dedupKey: string,
): Promise<AlertRecord | undefined> {
  const row = await db
    .selectFrom('alerts')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('dedup_key', '=', dedupKey)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return row && alertRows.decode(row);
}

/** The open alerts of a service with any of these dedup keys. */
export async function findOpenAlerts(
  db: Executor,
  serviceId: number,
  dedupKeys: readonly string[],
): Promise<AlertRecord[]> {
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('dedup_key', 'in', dedupKeys)
    .where('resolved_at', 'is', null)
    .execute();
  return rows.map(alertRows.decode);
}

/**
 * The open alerts (the columns that tell a re-send apart) of a service with any of these
 * dedup keys, read only while `credential`
 * (when given) is an enabled integration of the service with that key hash: a stale key
 * reads nothing.
 */
export async function findOpenAlertsForKey(
  db: Executor,
  serviceId: number,
  dedupKeys: readonly string[],
  credential: { integrationId: number; keyHash: string } | undefined,
) {
  // Only what telling a re-send apart needs: the heavy JSON columns stay on disk.
  let query = db
    .selectFrom('alerts')
    .select([
      'alerts.id',
      'alerts.dedup_key',
      'alerts.summary',
      'alerts.severity',
      'alerts.ends_at',
      'alerts.incident_id',
      'alerts.is_suppressed',
      'alerts.is_flapping',
    ])
    .where('alerts.service_id', '=', serviceId)
    .where('alerts.dedup_key', 'in', dedupKeys)
    .where('alerts.resolved_at', 'is', null);
  if (credential) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('integrations')
          .select('integrations.id')
          .where('integrations.id', '=', credential.integrationId)
          .where('integrations.service_id', '=', serviceId)
          .where('integrations.key_hash', '=', credential.keyHash)
          .where('integrations.disabled_at', 'is', null),
      ),
    );
  }
  return (await query.execute()).map(alertRows.decode);
}

/**
 * Insert a new open alert unless one with the same service and key is open; the partial
 * unique index decides, so concurrent writers cannot both insert. Undefined when it lost.
 * Only the id comes back: the rest of the alert is what was written.
 */
export async function insertOpenAlert(
  tx: Executor,
  values: NewAlertValues,
): Promise<AlertRecord | undefined> {
  const row = await tx
    .insertInto('alerts')
    .values(alertRows.encode<Insertable<AlertsTable>>(values))
    .onConflict((oc) => oc.columns(['service_id', 'dedup_key']).where('resolved_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row && { ...values, id: row.id };
}

/** Change an alert; returns it. */
export async function updateAlert(tx: Executor, id: number, changes: AlertChanges): Promise<AlertRecord> {
  const row = await tx
    .updateTable('alerts')
    .set(alertRows.encode<Updateable<AlertsTable>>(changes))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return alertRows.decode(row);
}

/** The most recently resolved alert with this key (flap history carries over from it). */
export async function lastResolvedAlert(db: Executor, serviceId: number, dedupKey: string, since: number) {
  const row = await db
    .selectFrom('alerts')
    .select(['id', 'state_changes', 'incident_id', 'is_flapping'])
    .where('service_id', '=', serviceId)
    .where('dedup_key', '=', dedupKey)
    .where('resolved_at', '>', since)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && alertRows.decode(row);
}

/**
 * The most recently resolved alert of each of these keys (resolved after `since`), by key;
 * one query for a batch of new alerts instead of `lastResolvedAlert` per alert.
 */
export async function lastResolvedAlerts(
  db: Executor,
  serviceId: number,
  dedupKeys: readonly string[],
  since: number,
): Promise<Map<string, Pick<AlertRecord, 'id' | 'state_changes' | 'incident_id' | 'is_flapping'>>> {
  const latest = new Map<string, Pick<AlertRecord, 'id' | 'state_changes' | 'incident_id' | 'is_flapping'>>();
  if (dedupKeys.length === 0) return latest;
  const rows = await db
    .selectFrom('alerts')
    .select(['id', 'dedup_key', 'state_changes', 'incident_id', 'is_flapping'])
    .where('service_id', '=', serviceId)
    .where('dedup_key', 'in', dedupKeys)
    .where('resolved_at', '>', since)
    // No ORDER BY: sorting by id made SQLite walk every alert of the service by (service_id, id)
    // instead of looking up each key; the newest per key is picked here.
    .execute();
  for (const row of rows) {
    const { dedup_key, ...alert } = alertRows.decode(row);
    if ((latest.get(dedup_key)?.id ?? -1) < alert.id) latest.set(dedup_key, alert);
  }
  return latest;
}

/** Record an event in an alert's history. */
export async function appendAlertEvent(
  tx: Executor,
  event: { alertId: number; at: number; kind: string; message?: string | null; payload?: unknown },
): Promise<void> {
  await tx
    .insertInto('alert_events')
    .values(
      alertEventRows.encode<Insertable<AlertEventsTable>>({
        alert_id: event.alertId,
        at: event.at,
        kind: event.kind,
        message: event.message ?? null,
        payload: event.payload,
      }),
    )
    .execute();
}

/** Record events in alerts' histories, in this order, with one statement. */
export async function appendAlertEvents(
  tx: Executor,
  events: ReadonlyArray<{
    alertId: number;
    at: number;
    kind: string;
    message?: string | null;
    payload?: unknown;
  }>,
): Promise<void> {
  if (events.length === 0) return;
  await tx
    .insertInto('alert_events')
    .values(
      events.map((event) =>
        alertEventRows.encode<Insertable<AlertEventsTable>>({
          alert_id: event.alertId,
          at: event.at,
          kind: event.kind,
          message: event.message ?? null,
          payload: event.payload,
        }),
      ),
    )
    .execute();
}

/** How many alerts of an incident are still open (not resolved). */
export async function countOpenAlertsOf(db: Executor, incidentId: number): Promise<number> {
  const row = await db
    .selectFrom('alerts')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('incident_id', '=', incidentId)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** How many alerts an incident has had. */
export async function countAlertsOf(db: Executor, incidentId: number): Promise<number> {
  const row = await db
    .selectFrom('alerts')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Firing alerts of a group not yet in an incident, created since `since` (threshold rule). */
export async function pendingGroupAlerts(db: Executor, serviceId: number, groupKey: string, since: number) {
  const rows = await db
    .selectFrom('alerts')
    .select(['id', 'severity', 'summary', 'labels'])
    .where('service_id', '=', serviceId)
    .where('group_key', '=', groupKey)
    .where('incident_id', 'is', null)
    .where('resolved_at', 'is', null)
    .where('is_suppressed', '=', 0)
    .where('created_at', '>=', since)
    .orderBy('id')
    .execute();
  return rows.map(alertRows.decode);
}

/** Put alerts into an incident. */
export async function attachAlerts(
  tx: Executor,
  ids: readonly number[],
  incidentId: number,
  now: number,
): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .updateTable('alerts')
    .set({ incident_id: incidentId, updated_at: now })
    .where('id', 'in', ids)
    .execute();
}

/** Move the open alerts of incident `from` into `into` (a merge); returns how many moved. */
export async function moveOpenAlerts(tx: Executor, from: number, into: number, now: number): Promise<number> {
  const rows = await tx
    .updateTable('alerts')
    .set({ incident_id: into, updated_at: now })
    .where('incident_id', '=', from)
    .where('resolved_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

/** Open alerts whose `ends_at` has passed without a re-send (Alertmanager expiry). */
export async function expiredAlerts(db: Executor, now: number, limit: number): Promise<AlertRecord[]> {
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .where('resolved_at', 'is', null)
    .where('ends_at', 'is not', null)
    .where('ends_at', '<=', now)
    .orderBy('ends_at')
    .limit(limit)
    .execute();
  return rows.map(alertRows.decode);
}

/** Open suppressed alerts of a service (released when its maintenance ends). */
export async function suppressedOpenAlerts(db: Executor, serviceId: number): Promise<AlertRecord[]> {
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('resolved_at', 'is', null)
    .where('is_suppressed', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map(alertRows.decode);
}

/** The newest incident opened by a service's alert group. */
export async function latestGroupIncident(
  db: Executor,
  serviceId: number,
  groupKey: string,
): Promise<IncidentRecord | undefined> {
  const row = await db
    .selectFrom('incidents')
    .selectAll()
    .where('alert_service_id', '=', serviceId)
    .where('alert_group_key', '=', groupKey)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && incidentRows.decode(row);
}

/** The newest incident of each of these alert groups of a service, by group key. */
export async function latestGroupIncidents(
  db: Executor,
  serviceId: number,
  groupKeys: readonly string[],
): Promise<Map<string, IncidentRecord>> {
  const latest = new Map<string, IncidentRecord>();
  if (groupKeys.length === 0) return latest;
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('incidents')
        .select((inner) => inner.fn.max('id').as('id'))
        .where('alert_service_id', '=', serviceId)
        .where('alert_group_key', 'in', groupKeys)
        .groupBy('alert_group_key'),
    )
    .execute();
  for (const row of rows) {
    const incident = incidentRows.decode(row);
    if (incident.alert_group_key !== null) latest.set(incident.alert_group_key, incident);
  }
  return latest;
}

/** A page of alerts, newest first, with service names and incident numbers. */
export async function listAlerts(
  db: Executor,
  filter: { status?: string; serviceId?: number; incidentId?: number; beforeId?: number; limit: number },
) {
  let q = db
    .selectFrom('alerts')
    .innerJoin('services', 'services.id', 'alerts.service_id')
    .leftJoin('incidents', 'incidents.id', 'alerts.incident_id')
    .selectAll('alerts')
    .select(['services.name as service_name', 'incidents.number as incident_number']);
  if (filter.status === 'open') q = q.where('alerts.resolved_at', 'is', null);
  else if (filter.status) q = q.where('alerts.status', '=', filter.status);
  if (filter.serviceId !== undefined) q = q.where('alerts.service_id', '=', filter.serviceId);
  if (filter.incidentId !== undefined) q = q.where('alerts.incident_id', '=', filter.incidentId);
  if (filter.beforeId !== undefined) q = q.where('alerts.id', '<', filter.beforeId);
  const rows = await q
    .orderBy('alerts.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
  return rows.map(alertRows.decode);
}

/** An alert's history, oldest first. */
export async function alertHistory(db: Executor, alertId: number): Promise<AlertEventRecord[]> {
  const rows = await db
    .selectFrom('alert_events')
    .selectAll()
    .where('alert_id', '=', alertId)
    .orderBy('id')
    .execute();
  return rows.map(alertEventRows.decode);
}

/** One alert with its service name and incident number. */
export async function findAlertWithNames(db: Executor, id: number) {
  const row = await db
    .selectFrom('alerts')
    .innerJoin('services', 'services.id', 'alerts.service_id')
    .leftJoin('incidents', 'incidents.id', 'alerts.incident_id')
    .selectAll('alerts')
    .select(['services.name as service_name', 'incidents.number as incident_number'])
    .where('alerts.id', '=', id)
    .executeTakeFirst();
  return row && alertRows.decode(row);
}

/** The newest open alert of an incident (what is firing now), with how many are open in all. */
export async function newestOpenAlertOf(
  db: Executor,
  incidentId: number,
): Promise<{ alert: Pick<AlertRecord, 'id' | 'summary' | 'labels'>; openCount: number } | undefined> {
  const row = await db
    .selectFrom('alerts')
    .select(['id', 'summary', 'labels'])
    .where('incident_id', '=', incidentId)
    .where('resolved_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  return { alert: alertRows.decode(row), openCount: await countOpenAlertsOf(db, incidentId) };
}

/**
 * Resolve every open alert of an incident at `now` (its incident was resolved or closed):
 * their flap history starts afresh, so a firing that follows is a new alert that pages.
 * Returns the alerts resolved, oldest first.
 */
export async function resolveOpenAlertsOf(
  tx: Executor,
  incidentId: number,
  now: number,
): Promise<Array<Pick<AlertRecord, 'id' | 'summary' | 'labels'>>> {
  const rows = await tx
    .updateTable('alerts')
    .set((eb) => ({
      status: 'resolved',
      resolved_at: now,
      // Ended now, unless the sender had already said it ends earlier.
      ends_at: eb
        .case()
        .when(eb.and([eb('ends_at', 'is not', null), eb('ends_at', '<=', now)]))
        .then(eb.ref('ends_at'))
        .else(now)
        .end(),
      state_changes: alertRows.codecs.state_changes.encode([]),
      updated_at: now,
    }))
    .where('incident_id', '=', incidentId)
    .where('resolved_at', 'is', null)
    .returning(['id', 'summary', 'labels'])
    .execute();
  return rows.map(alertRows.decode).sort((a, b) => a.id - b.id);
}

/**
 * For each of these incidents, the open alerts with the service and dedup key of one of its
 * alerts: still open on it, or opened again since. Each with the incident it is in now.
 */
export async function stillFiringAlertsOf(db: Executor, incidentIds: readonly number[]) {
  if (incidentIds.length === 0) return [];
  const rows = await db
    .selectFrom('alerts as past')
    .innerJoin('alerts as now', (join) =>
      join
        .onRef('now.service_id', '=', 'past.service_id')
        .onRef('now.dedup_key', '=', 'past.dedup_key')
        .on('now.resolved_at', 'is', null),
    )
    .leftJoin('incidents', 'incidents.id', 'now.incident_id')
    .select([
      'past.incident_id as of_incident_id',
      'now.id',
      'now.summary',
      'now.labels',
      'now.severity',
      'now.starts_at',
      'now.incident_id',
      'incidents.number as incident_number',
    ])
    .distinct()
    .where('past.incident_id', 'in', incidentIds)
    .orderBy('now.id')
    .execute();
  return rows.map(alertRows.decode);
}
