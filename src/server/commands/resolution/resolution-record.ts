import { ValidationError } from '../../../core/errors.js';
import type { Severity } from '../../../core/priority.js';
import type {
  ResolutionFields,
  ResolutionRecord,
  ResolutionSettings,
  UpdateResolutionBody,
} from '../../../core/schemas/resolution.js';
import type { Actor } from '../../../core/schemas/timeline.js';
import { countOpenFollowUpsOfIncidents } from '../../store/queries/follow-ups.js';
import {
  type IncidentChanges,
  type IncidentRecord,
  updateIncidentAtVersion,
} from '../../store/queries/incidents.js';
import { countReportsOfIncidents, findAutoCloseBlock } from '../../store/queries/resolution.js';
import type { Executor } from '../../store/store.js';
import { closeRequirementGaps, resolveRequirementGaps } from '../closure-requirements.js';
import { type AppContext, type Caller, actorOf, iso } from '../context.js';
import { assertVersion, loadIncident } from '../incident-guards.js';
import { incidentRef } from '../incident-view.js';
import { appendTimeline } from '../timeline.js';
import { getResolutionSettings } from './resolution-settings.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

type TextField = Exclude<keyof ResolutionFields, 'customersAffected' | 'impactEndedAt'>;

/** The incident column of each text field of the record. */
const TEXT_COLUMNS: Record<TextField, keyof IncidentChanges> = {
  resolutionSummary: 'resolution_summary',
  rootCauseCategory: 'root_cause_category',
  rootCause: 'root_cause',
  contributingFactors: 'contributing_factors',
  fix: 'fix',
  workaround: 'workaround',
  customerImpact: 'customer_impact',
};

/** An incident's resolution record, with what its next step still needs. */
export async function getResolution(ctx: AppContext, ref: string): Promise<ResolutionRecord> {
  const db = ctx.store.db;
  const row = await loadIncident(db, ref);
  return viewResolution(db, row);
}

/**
 * Change fields of an incident's resolution record, guarded by the incident's version; one
 * timeline line lists what changed. A request that changes nothing writes nothing.
 */
export async function updateResolution(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  body: UpdateResolutionBody,
): Promise<ResolutionRecord> {
  const now = ctx.clock.now();
  const record = await ctx.store.transaction(async (tx) => {
    const row = await loadIncident(tx, ref);
    assertVersion(row, body.version);
    const updated = await writeResolution(tx, row, body, actorOf(caller), now);
    return viewResolution(tx, updated);
  });
  ctx.onIncidentsChanged();
  return record;
}

/**
 * Write the given resolution fields to `row` inside `tx` (resolving and closing use this for
 * the fields they carry) with a `resolution_updated` timeline line; returns the row as stored.
 */
export async function writeResolution(
  tx: Executor,
  row: IncidentRecord,
  fields: ResolutionFields,
  actor: Actor,
  now: number,
): Promise<IncidentRecord> {
  const settings = await getResolutionSettings(tx);
  const { set, changes } = resolutionChanges(row, fields, settings);
  if (Object.keys(changes).length === 0) return row;
  const updated = await updateIncidentAtVersion(tx, row.id, row.version, { ...set, updated_at: now });
  await appendTimeline(tx, {
    incidentId: row.id,
    at: now,
    actor,
    kind: 'resolution_updated',
    changes,
    body: null,
  });
  return updated;
}

/** The column values and timeline changes that `fields` make to `row`; empty text clears. */
function resolutionChanges(row: IncidentRecord, fields: ResolutionFields, settings: ResolutionSettings) {
  const set: IncidentChanges = {};
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [field, column] of Object.entries(TEXT_COLUMNS) as Array<[TextField, keyof IncidentChanges]>) {
    const given = fields[field];
    if (given === undefined) continue;
    const after = given === null || given.trim() === '' ? null : given.trim();
    const before = row[column as keyof IncidentRecord];
    if (after === before) continue;
    if (field === 'rootCauseCategory' && after !== null && !settings.rootCauseCategories.includes(after)) {
      throw new ValidationError(
        'rootCauseCategory',
        `must be one of: ${settings.rootCauseCategories.join(', ')}`,
      );
    }
    Object.assign(set, { [column]: after });
    changes[field] = { before, after };
  }
  if (fields.customersAffected !== undefined && fields.customersAffected !== row.customers_affected) {
    set.customers_affected = fields.customersAffected;
    changes.customersAffected = { before: row.customers_affected, after: fields.customersAffected };
  }
  if (fields.impactEndedAt !== undefined) {
    const after = fields.impactEndedAt === null ? null : Date.parse(fields.impactEndedAt);
    if (after !== null && after < row.started_at) {
      throw new ValidationError('impactEndedAt', 'must not be before the impact started');
    }
    if (after !== row.impact_ended_at) {
      set.impact_ended_at = after;
      changes.impactEndedAt = { before: iso(row.impact_ended_at), after: iso(after) };
    }
  }
  return { set, changes };
}

/** The resolution record of `row` as the API returns it. */
export async function viewResolution(db: Executor, row: IncidentRecord): Promise<ResolutionRecord> {
  const settings = await getResolutionSettings(db);
  const [reports, openFollowUps, block] = await Promise.all([
    countReportsOfIncidents(db, [row.id]),
    countOpenFollowUpsOfIncidents(db, [row.id]),
    findAutoCloseBlock(db, row.id),
  ]);
  const impactEnd = row.impact_ended_at ?? row.mitigated_at ?? row.resolved_at;
  const required = settings.requirements[row.severity as Severity];
  const isResolved = row.status === 'resolved';
  const isBlockCurrent = block !== undefined && block.checked_at > row.updated_at;
  return {
    incidentRef: incidentRef(row.number),
    severity: row.severity,
    status: row.status,
    resolutionSummary: row.resolution_summary,
    rootCauseCategory: row.root_cause_category,
    rootCause: row.root_cause,
    contributingFactors: row.contributing_factors,
    fix: row.fix,
    workaround: row.workaround,
    customerImpact: row.customer_impact,
    customersAffected: row.customers_affected,
    impactEndedAt: iso(row.impact_ended_at),
    impactMinutes: impactEnd === null ? null : Math.max(0, Math.round((impactEnd - row.started_at) / MINUTE)),
    reportsLinked: reports.get(row.id) ?? 0,
    openFollowUps: openFollowUps.get(row.id) ?? 0,
    required,
    missingToResolve: await resolveRequirementGaps(db, row, settings),
    missingToClose: await closeRequirementGaps(db, row, settings),
    autoClose:
      isResolved && settings.autoCloseDays > 0 && row.resolved_at !== null
        ? {
            dueAt: iso(row.resolved_at + settings.autoCloseDays * DAY),
            // A reason found before the incident last changed is stale: it is checked again.
            blockedReason: isBlockCurrent ? (block?.blocked_reason ?? null) : null,
            checkedAt: isBlockCurrent ? iso(block?.checked_at ?? null) : null,
          }
        : null,
    version: row.version,
  };
}
