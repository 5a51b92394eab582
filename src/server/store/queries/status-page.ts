import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  IncidentPublicUpdatesTable,
  IncidentPublicationsTable,
  PublicUpdateComponentsTable,
  StatusPageComponentsTable,
  StatusPageGroupsTable,
  StatusPageSettingsTable,
  StatusPageTemplatesTable,
} from '../schema.js';
import type { Executor } from '../store.js';
import type { MappedBy } from './rows/codec.js';
import {
  type StatusComponentRecord,
  type StatusSettingsRecord,
  statusComponentRows,
  statusSettingsRows,
} from './rows/status-page.js';

export type { StatusComponentRecord, StatusSettingsRecord };

// Settings: one row, id 1, written by migration 017.

/** The status page's settings. */
export async function findStatusSettings(db: Executor): Promise<StatusSettingsRecord> {
  const row = await db
    .selectFrom('status_page_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return statusSettingsRows.decode(row);
}

/** Change the settings (the version is bumped separately). */
export async function updateStatusSettings(
  tx: Executor,
  changes: MappedBy<typeof statusSettingsRows, Updateable<StatusPageSettingsTable>>,
): Promise<void> {
  const values = statusSettingsRows.encode<Updateable<StatusPageSettingsTable>>(changes);
  if (Object.keys(values).length === 0) return;
  await tx.updateTable('status_page_settings').set(values).where('id', '=', 1).execute();
}

/** Count one more change to what the public page shows. */
export async function bumpStatusVersion(tx: Executor, now: number): Promise<void> {
  await tx
    .updateTable('status_page_settings')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', 1)
    .execute();
}

/** The version counter alone (one row, one column). */
export async function findStatusVersion(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('status_page_settings')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row?.version ?? 0;
}

// Groups.

export type StatusGroupRow = Selectable<StatusPageGroupsTable>;

/** Every group, in page order. */
export function listStatusGroups(db: Executor): Promise<StatusGroupRow[]> {
  return db.selectFrom('status_page_groups').selectAll().orderBy('position').orderBy('id').execute();
}

export function findStatusGroup(db: Executor, id: number): Promise<StatusGroupRow | undefined> {
  return db.selectFrom('status_page_groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertStatusGroup(
  tx: Executor,
  row: Insertable<StatusPageGroupsTable>,
): Promise<StatusGroupRow> {
  return tx.insertInto('status_page_groups').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateStatusGroup(
  tx: Executor,
  id: number,
  changes: Updateable<StatusPageGroupsTable>,
): Promise<void> {
  await tx.updateTable('status_page_groups').set(changes).where('id', '=', id).execute();
}

/** Delete a group; its components stay, ungrouped. */
export async function deleteStatusGroup(tx: Executor, id: number, now: number): Promise<void> {
  await tx
    .updateTable('status_page_components')
    .set({ group_id: null, updated_at: now })
    .where('group_id', '=', id)
    .execute();
  await tx.deleteFrom('status_page_groups').where('id', '=', id).execute();
}

// Components.

/** Every component, in page order (by group position and its own). */
export async function listStatusComponents(db: Executor): Promise<StatusComponentRecord[]> {
  const rows = await db
    .selectFrom('status_page_components')
    .selectAll()
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(statusComponentRows.decode);
}

export async function findStatusComponent(
  db: Executor,
  id: number,
): Promise<StatusComponentRecord | undefined> {
  const row = await db
    .selectFrom('status_page_components')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && statusComponentRows.decode(row);
}

/** Which of `ids` are components. */
export async function existingComponentIds(db: Executor, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('status_page_components')
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.id));
}

type ComponentValues<T> = MappedBy<typeof statusComponentRows, T>;

export async function insertStatusComponent(
  tx: Executor,
  values: ComponentValues<Insertable<StatusPageComponentsTable>>,
): Promise<StatusComponentRecord> {
  const row = await tx
    .insertInto('status_page_components')
    .values(statusComponentRows.encode<Insertable<StatusPageComponentsTable>>(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return statusComponentRows.decode(row);
}

export async function updateStatusComponent(
  tx: Executor,
  id: number,
  changes: ComponentValues<Updateable<StatusPageComponentsTable>>,
): Promise<void> {
  await tx
    .updateTable('status_page_components')
    .set(statusComponentRows.encode<Updateable<StatusPageComponentsTable>>(changes))
    .where('id', '=', id)
    .execute();
}

export async function deleteStatusComponent(tx: Executor, id: number): Promise<void> {
  await tx.deleteFrom('status_page_components').where('id', '=', id).execute();
}

/** Every component ↔ service link. */
/**
 * The status-page components each incident concerns: those backed by its services, and those a
 * public update of it named.
 */
export async function componentIdsOfIncidents(
  db: Executor,
  incidentIds: readonly number[],
): Promise<Map<number, number[]>> {
  const found = new Map<number, number[]>();
  if (incidentIds.length === 0) return found;
  const [byService, byUpdate] = await Promise.all([
    db
      .selectFrom('incident_services')
      .innerJoin(
        'status_page_component_services',
        'status_page_component_services.service_id',
        'incident_services.service_id',
      )
      .select(['incident_services.incident_id', 'status_page_component_services.component_id'])
      .where('incident_services.incident_id', 'in', incidentIds)
      .execute(),
    db
      .selectFrom('incident_public_updates')
      .innerJoin(
        'public_update_components',
        'public_update_components.update_id',
        'incident_public_updates.id',
      )
      .select(['incident_public_updates.incident_id', 'public_update_components.component_id'])
      .where('incident_public_updates.incident_id', 'in', incidentIds)
      .execute(),
  ]);
  for (const row of [...byService, ...byUpdate]) {
    const ids = found.get(row.incident_id) ?? [];
    if (!ids.includes(row.component_id)) ids.push(row.component_id);
    found.set(row.incident_id, ids);
  }
  return found;
}

export function listComponentServices(db: Executor): Promise<{ component_id: number; service_id: number }[]> {
  return db
    .selectFrom('status_page_component_services')
    .select(['component_id', 'service_id'])
    .orderBy('component_id')
    .orderBy('service_id')
    .execute();
}

/** Replace the services behind a component. */
export async function setComponentServices(tx: Executor, componentId: number, serviceIds: readonly number[]) {
  await tx.deleteFrom('status_page_component_services').where('component_id', '=', componentId).execute();
  const unique = [...new Set(serviceIds)];
  if (unique.length === 0) return;
  await tx
    .insertInto('status_page_component_services')
    .values(unique.map((service_id) => ({ component_id: componentId, service_id })))
    .execute();
}

// Templates.

export type StatusTemplateRow = Selectable<StatusPageTemplatesTable>;

export function listStatusTemplates(db: Executor): Promise<StatusTemplateRow[]> {
  return db.selectFrom('status_page_templates').selectAll().orderBy('name').orderBy('id').execute();
}

export function findStatusTemplate(db: Executor, id: number): Promise<StatusTemplateRow | undefined> {
  return db.selectFrom('status_page_templates').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertStatusTemplate(
  tx: Executor,
  row: Insertable<StatusPageTemplatesTable>,
): Promise<StatusTemplateRow> {
  return tx.insertInto('status_page_templates').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateStatusTemplate(
  tx: Executor,
  id: number,
  changes: Updateable<StatusPageTemplatesTable>,
): Promise<void> {
  await tx.updateTable('status_page_templates').set(changes).where('id', '=', id).execute();
}

export async function deleteStatusTemplate(tx: Executor, id: number): Promise<void> {
  await tx.deleteFrom('status_page_templates').where('id', '=', id).execute();
}

// Publications and public updates of incidents.

export type PublicationRow = Selectable<IncidentPublicationsTable>;
export type PublicUpdateRow = Selectable<IncidentPublicUpdatesTable>;

export function findPublication(db: Executor, incidentId: number): Promise<PublicationRow | undefined> {
  return db
    .selectFrom('incident_publications')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
}

/** The publications of these incidents (those never published have none). */
export function publicationsOf(db: Executor, incidentIds: readonly number[]): Promise<PublicationRow[]> {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('incident_publications')
    .selectAll()
    .where('incident_id', 'in', [...new Set(incidentIds)])
    .execute();
}

export async function insertPublication(
  tx: Executor,
  row: Insertable<IncidentPublicationsTable>,
): Promise<void> {
  await tx.insertInto('incident_publications').values(row).execute();
}

export async function updatePublication(
  tx: Executor,
  incidentId: number,
  changes: Updateable<IncidentPublicationsTable>,
): Promise<void> {
  await tx.updateTable('incident_publications').set(changes).where('incident_id', '=', incidentId).execute();
}

/** Publications on the page: not publicly resolved, or resolved since `since`; newest first. */
export function listShownPublications(db: Executor, since: number) {
  return db
    .selectFrom('incident_publications as p')
    .innerJoin('incidents as i', 'i.id', 'p.incident_id')
    .selectAll('p')
    .select('i.started_at')
    .where((eb) => eb.or([eb('p.status', '<>', 'resolved'), eb('p.resolved_at', '>=', since)]))
    .orderBy('p.published_at', 'desc')
    .orderBy('p.incident_id', 'desc')
    .execute();
}

export function insertPublicUpdate(
  tx: Executor,
  row: Insertable<IncidentPublicUpdatesTable>,
): Promise<PublicUpdateRow> {
  return tx.insertInto('incident_public_updates').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatePublicUpdate(
  tx: Executor,
  id: number,
  changes: Updateable<IncidentPublicUpdatesTable>,
): Promise<void> {
  await tx.updateTable('incident_public_updates').set(changes).where('id', '=', id).execute();
}

export function findPublicUpdate(db: Executor, incidentId: number, id: number) {
  return db
    .selectFrom('incident_public_updates')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The public updates of some incidents, with author names; newest first. */
export function publicUpdatesOf(db: Executor, incidentIds: readonly number[]) {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('incident_public_updates as u')
    .leftJoin('users', 'users.id', 'u.author_id')
    .selectAll('u')
    .select(['users.name as author_name', 'users.email as author_email'])
    .where('u.incident_id', 'in', [...new Set(incidentIds)])
    .orderBy('u.posted_at', 'desc')
    .orderBy('u.id', 'desc')
    .execute();
}

export async function insertUpdateComponents(
  tx: Executor,
  rows: readonly Insertable<PublicUpdateComponentsTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('public_update_components')
    .values([...rows])
    .execute();
}

/** The components some updates named, with the components' names. */
export function updateComponentsOf(db: Executor, updateIds: readonly number[]) {
  if (updateIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('public_update_components as uc')
    .innerJoin('status_page_components as c', 'c.id', 'uc.component_id')
    .select(['uc.update_id', 'uc.component_id', 'uc.old_status', 'uc.new_status', 'c.name'])
    .where('uc.update_id', 'in', [...new Set(updateIds)])
    .orderBy('uc.update_id')
    .orderBy('c.position')
    .orderBy('c.id')
    .execute();
}

/** The maintenance window on a component's services running at `now` or starting before `until`, soonest first. */
export function maintenanceOfComponent(db: Executor, componentId: number, now: number, until: number) {
  return db
    .selectFrom('maintenance_windows')
    .innerJoin(
      'status_page_component_services',
      'status_page_component_services.service_id',
      'maintenance_windows.service_id',
    )
    .select(['maintenance_windows.id', 'maintenance_windows.reason', 'starts_at', 'ends_at'])
    .where('status_page_component_services.component_id', '=', componentId)
    .where('ends_at', '>', now)
    .where('starts_at', '<', until)
    .orderBy('starts_at')
    .limit(1)
    .executeTakeFirst();
}
