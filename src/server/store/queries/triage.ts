import type { Insertable, Updateable } from 'kysely';
import type { TriageRuleSetVersionsTable, TriageRuleSetsTable } from '../schema.js';
import type { Executor } from '../store.js';
import type { MappedBy } from './rows/codec.js';
import { alertRows } from './rows/alerts.js';
import {
  type TriageRuleSetRecord,
  type TriageRuleSetVersionRecord,
  triageRuleSetRows,
} from './rows/triage.js';

export type { TriageRuleSetRecord, TriageRuleSetVersionRecord };

/** Every triage rule set in the order they run, with its service's name. */
export async function listTriageRuleSets(
  db: Executor,
): Promise<(TriageRuleSetRecord & { service_name: string | null })[]> {
  const rows = await db
    .selectFrom('triage_rule_sets')
    .leftJoin('services', 'services.id', 'triage_rule_sets.service_id')
    .selectAll('triage_rule_sets')
    .select('services.name as service_name')
    .orderBy('triage_rule_sets.position')
    .orderBy('triage_rule_sets.id')
    .execute();
  return rows.map(triageRuleSetRows.decode);
}

/** The enabled rule sets, in the order they run (what the pipeline evaluates). */
export async function enabledTriageRuleSets(db: Executor): Promise<TriageRuleSetRecord[]> {
  const rows = await db
    .selectFrom('triage_rule_sets')
    .selectAll()
    .where('is_enabled', '=', 1)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(triageRuleSetRows.decode);
}

/** One rule set. */
export async function findTriageRuleSet(db: Executor, id: number): Promise<TriageRuleSetRecord | undefined> {
  const row = await db.selectFrom('triage_rule_sets').selectAll().where('id', '=', id).executeTakeFirst();
  return row && triageRuleSetRows.decode(row);
}

/** The position after the last set. */
export async function nextTriagePosition(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('triage_rule_sets')
    .select((eb) => eb.fn.max('position').as('last'))
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 1 : row.last + 1;
}

/** Insert a rule set. */
export async function insertTriageRuleSet(
  tx: Executor,
  values: MappedBy<typeof triageRuleSetRows, Insertable<TriageRuleSetsTable>>,
): Promise<TriageRuleSetRecord> {
  const row = await tx
    .insertInto('triage_rule_sets')
    .values(triageRuleSetRows.encode<Insertable<TriageRuleSetsTable>>(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return triageRuleSetRows.decode(row);
}

/** Change a rule set if it is still at `version`; undefined when it is not (or is gone). */
export async function updateTriageRuleSetAtVersion(
  tx: Executor,
  id: number,
  version: number,
  changes: MappedBy<typeof triageRuleSetRows, Updateable<TriageRuleSetsTable>>,
): Promise<TriageRuleSetRecord | undefined> {
  const row = await tx
    .updateTable('triage_rule_sets')
    .set(triageRuleSetRows.encode<Updateable<TriageRuleSetsTable>>(changes))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  return row && triageRuleSetRows.decode(row);
}

/** Move one set to `position` (reordering does not make a new version of a set). */
export async function setTriagePosition(tx: Executor, id: number, position: number): Promise<void> {
  await tx.updateTable('triage_rule_sets').set({ position }).where('id', '=', id).execute();
}

/** Delete a rule set; true when it existed. */
export async function deleteTriageRuleSet(tx: Executor, id: number): Promise<boolean> {
  const result = await tx.deleteFrom('triage_rule_sets').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Keep a saved version of a set. */
export async function insertTriageVersion(
  tx: Executor,
  values: MappedBy<typeof triageRuleSetRows, Insertable<TriageRuleSetVersionsTable>>,
): Promise<void> {
  await tx
    .insertInto('triage_rule_set_versions')
    .values(triageRuleSetRows.encode<Insertable<TriageRuleSetVersionsTable>>(values))
    .execute();
}

/** A set's saved versions, newest first, with who saved each. */
export async function triageVersionsOf(
  db: Executor,
  ruleSetId: number,
): Promise<(TriageRuleSetVersionRecord & { saved_by_name: string | null })[]> {
  const rows = await db
    .selectFrom('triage_rule_set_versions')
    .leftJoin('users', 'users.id', 'triage_rule_set_versions.saved_by')
    .selectAll('triage_rule_set_versions')
    .select('users.name as saved_by_name')
    .where('rule_set_id', '=', ruleSetId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(triageRuleSetRows.decode);
}

/** The newest alerts, with what the triage rules look at (the dry run's sample). */
export async function recentAlertsForTriage(db: Executor, limit: number) {
  const rows = await db
    .selectFrom('alerts')
    .innerJoin('services', 'services.id', 'alerts.service_id')
    .leftJoin('integrations', 'integrations.id', 'alerts.integration_id')
    .select([
      'alerts.id',
      'alerts.dedup_key',
      'alerts.service_id',
      'services.name as service_name',
      'alerts.integration_id',
      'integrations.type as integration_type',
      'alerts.severity',
      'alerts.summary',
      'alerts.labels',
      'alerts.details',
      'alerts.created_at',
    ])
    .orderBy('alerts.created_at', 'desc')
    .orderBy('alerts.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => alertRows.decode(row));
}

/** The newest incidents a cluster of customer reports opened. */
export function recentReportIncidents(db: Executor, limit: number) {
  return db
    .selectFrom('incidents')
    .select(['incidents.id', 'incidents.number', 'incidents.title', 'incidents.created_at'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('reports')
          .select('reports.id')
          .whereRef('reports.incident_id', '=', 'incidents.id')
          // link_reason is JSON text written by the reports' row mapper: {"kind":"cluster",…}.
          .where('reports.link_reason', 'like', '{"kind":"cluster"%'),
      ),
    )
    .orderBy('incidents.created_at', 'desc')
    .orderBy('incidents.id', 'desc')
    .limit(limit)
    .execute();
}
