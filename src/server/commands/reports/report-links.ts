import { ConflictError, NotFoundError, ValidationError } from '../../../core/errors.js';
import { SEVERITY_LEVELS } from '../../../core/priority.js';
import { reportNumberOf, reportRef } from '../../../core/reports/intake-limits.js';
import type { Incident } from '../../../core/schemas/incident.js';
import type { Report, ReportLinkReason, ReportsIncidentBody } from '../../../core/schemas/reports.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import {
  type ReportRecord,
  findReportById,
  findReportByNumber,
  findReportsByNumbers,
  incidentSummariesOf,
  setReportLinks,
} from '../../store/queries/reports.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, type Caller, actorOf } from '../context.js';
import { loadIncident } from '../incident-guards.js';
import { insertIncidentRecord } from '../incident-records.js';
import { incidentRef, viewIncident } from '../incident-view.js';
import { appendTimeline } from '../timeline.js';
import { viewReport } from './report-view.js';

/** Load a report by its reference (`R-1042` or `1042`) or throw 404. */
export async function loadReport(db: Executor, ref: string): Promise<ReportRecord> {
  const number = reportNumberOf(ref);
  const row = number === null ? undefined : await findReportByNumber(db, number);
  if (!row) throw new NotFoundError(`report ${ref}`);
  return row;
}

/**
 * Link a report to an incident by hand, or move it there from the one it was linked to; both
 * incidents' timelines say so, and the link's reason names the person.
 */
export async function linkReport(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  incidentRefText: string,
): Promise<Report> {
  const now = ctx.clock.now();
  const report = await ctx.store.transaction(async (tx) => {
    const row = await loadReport(tx, ref);
    const target = await loadIncident(tx, incidentRefText);
    if (target.status === 'merged') {
      throw new ValidationError(
        'incidentRef',
        `${incidentRef(target.number)} was merged into another incident`,
      );
    }
    if (row.incident_id === target.id) {
      throw new ConflictError(
        `${reportRef(row.number)} is already linked to ${incidentRef(target.number)}`,
        'incidentRef',
      );
    }
    await setReportLinks(tx, [row.id], {
      incident_id: target.id,
      link_reason: manualReason(caller),
      linked_at: now,
    });
    await noteLinkedByHand(tx, caller, row, target, now, { isNewIncident: false });
    return viewReport(tx, (await findReportById(tx, row.id)) ?? row);
  });
  ctx.onIncidentsChanged();
  return report;
}

/** Unlink a report from its incident (its timeline says so); 409 when it is linked to none. */
export async function unlinkReport(ctx: AppContext, caller: Caller, ref: string): Promise<Report> {
  const now = ctx.clock.now();
  const report = await ctx.store.transaction(async (tx) => {
    const row = await loadReport(tx, ref);
    const previous = await previousIncidentRef(tx, row);
    if (!previous) throw new ConflictError(`${reportRef(row.number)} is not linked to an incident`, 'ref');
    await setReportLinks(tx, [row.id], { incident_id: null, link_reason: null, linked_at: null });
    await noteUnlinked(
      tx,
      previous.id,
      `Customer report ${reportRef(row.number)} unlinked by ${caller.name}`,
      caller,
      now,
    );
    return viewReport(tx, (await findReportById(tx, row.id)) ?? row);
  });
  ctx.onIncidentsChanged();
  return report;
}

/**
 * Open an incident, in triage, from a selection of reports (moving those linked elsewhere):
 * its summary lists their references, and nobody is paged until a responder accepts it.
 */
export async function createIncidentFromReports(
  ctx: AppContext,
  caller: Caller,
  body: ReportsIncidentBody,
): Promise<Incident> {
  const now = ctx.clock.now();
  const numbers = [...new Set(body.reportRefs.map((ref) => reportNumberOf(ref) ?? 0))];
  const incident = await ctx.store.transaction(async (tx) => {
    const reports = await findReportsByNumbers(tx, numbers);
    const missing = numbers.filter((number) => !reports.some((report) => report.number === number));
    if (missing.length > 0) {
      throw new ValidationError('reportRefs', `no report ${missing.map((n) => reportRef(n)).join(', ')}`);
    }
    const refs = reports.map((report) => reportRef(report.number));
    const row = await insertIncidentRecord(
      tx,
      {
        title: body.title,
        summary: `Opened from customer reports ${refs.join(', ')}.`,
        status: 'triage',
        severity: 'SEV3',
        impact: SEVERITY_LEVELS.SEV3.impact,
        urgency: SEVERITY_LEVELS.SEV3.urgency,
        category: null,
        commanderId: null,
        tags: ['customer-reports'],
        serviceIds: [],
        startedAt: Math.min(...reports.map((report) => report.received_at)),
        detectedAt: now,
        createdBy: caller.userId,
      },
      actorOf(caller),
      now,
    );
    await linkSelection(tx, caller, reports, row, now);
    return viewIncident(tx, row);
  });
  ctx.onIncidentsChanged();
  return incident;
}

async function linkSelection(
  tx: Executor,
  caller: Caller,
  reports: readonly ReportRecord[],
  incident: IncidentRecord,
  now: number,
): Promise<void> {
  for (const report of reports)
    await noteLinkedByHand(tx, caller, report, incident, now, { isNewIncident: true });
  await setReportLinks(
    tx,
    reports.map((report) => report.id),
    { incident_id: incident.id, link_reason: manualReason(caller), linked_at: now },
  );
}

function manualReason(caller: Caller): ReportLinkReason {
  return { kind: 'manual', user: { id: caller.userId, name: caller.name, email: caller.email } };
}

/**
 * The timelines of a report linked by hand: the incident it left says where it went, the one
 * it joins says it came (from where, unless that incident was just opened from it).
 */
async function noteLinkedByHand(
  tx: Executor,
  caller: Caller,
  report: ReportRecord,
  target: IncidentRecord,
  now: number,
  options: { isNewIncident: boolean },
): Promise<void> {
  const previous = await previousIncidentRef(tx, report);
  const label = reportRef(report.number);
  if (previous) {
    await noteUnlinked(
      tx,
      previous.id,
      `Customer report ${label} moved to ${incidentRef(target.number)} by ${caller.name}`,
      caller,
      now,
    );
  }
  await appendTimeline(tx, {
    incidentId: target.id,
    at: now,
    actor: actorOf(caller),
    kind: 'report_linked',
    changes: null,
    body:
      previous && !options.isNewIncident
        ? `Customer report ${label} moved here from ${previous.ref} by ${caller.name}`
        : `Customer report ${label} linked by ${caller.name}`,
  });
}

async function previousIncidentRef(tx: Executor, row: ReportRecord) {
  if (row.incident_id === null) return undefined;
  const [incident] = await incidentSummariesOf(tx, [row.incident_id]);
  return incident && { id: incident.id, ref: incidentRef(incident.number) };
}

async function noteUnlinked(
  tx: Executor,
  incidentId: number,
  body: string,
  caller: Caller,
  now: number,
): Promise<void> {
  await appendTimeline(tx, {
    incidentId,
    at: now,
    actor: actorOf(caller),
    kind: 'report_unlinked',
    changes: null,
    body,
  });
}
