import { reportRef } from '../../../core/reports/intake-limits.js';
import type {
  AffectedCustomerList,
  Report,
  ReportListQuery,
  ReportPage,
} from '../../../core/schemas/reports.js';
import { listReports, reportsOfIncidents } from '../../store/queries/reports.js';
import type { AppContext } from '../context.js';
import { iso } from '../context.js';
import { loadIncident } from '../incident-guards.js';
import { loadReport } from './report-links.js';
import { viewReport, viewReports } from './report-view.js';

/** One page of reports, newest first, filtered as the query asks. */
export async function getReports(ctx: AppContext, query: ReportListQuery): Promise<ReportPage> {
  const db = ctx.store.db;
  const incident = query.incident === undefined ? undefined : await loadIncident(db, query.incident);
  const { rows, nextCursor } = await listReports(db, {
    ...(query.unlinked === undefined ? {} : { isUnlinked: query.unlinked === 'true' }),
    ...(incident ? { incidentId: incident.id } : {}),
    ...(query.source ? { source: query.source } : {}),
    ...(query.q ? { q: query.q } : {}),
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return { items: await viewReports(db, rows), nextCursor };
}

/** One report by its reference. */
export async function getReport(ctx: AppContext, ref: string): Promise<Report> {
  return viewReport(ctx.store.db, await loadReport(ctx.store.db, ref));
}

/** The affected customers of an incident: its linked reports, oldest first, and who was told. */
export async function getAffectedCustomers(ctx: AppContext, ref: string): Promise<AffectedCustomerList> {
  const incident = await loadIncident(ctx.store.db, ref);
  const rows = await reportsOfIncidents(ctx.store.db, [incident.id]);
  return {
    items: rows.map((row) => ({
      reportRef: reportRef(row.number),
      name: row.name,
      email: row.email,
      receivedAt: iso(row.received_at),
      linkReason: row.link_reason,
      told: row.told_at !== null,
    })),
    count: rows.length,
    customerCount: new Set(rows.map((row) => row.email.toLowerCase())).size,
  };
}
