import type { IncidentStatus } from '../../../core/incident-status.js';
import { reportRef } from '../../../core/reports/intake-limits.js';
import type { AcknowledgementState, Report, ReportSource } from '../../../core/schemas/reports.js';
import { type ReportRecord, incidentSummariesOf, outboxStatesOf } from '../../store/queries/reports.js';
import type { Executor } from '../../store/store.js';
import { iso } from '../context.js';
import { incidentRef } from '../incident-view.js';

/** Turn report rows into API reports, with their incidents and acknowledgement states. */
export async function viewReports(db: Executor, rows: readonly ReportRecord[]): Promise<Report[]> {
  const incidentIds = [
    ...new Set(rows.flatMap((row) => (row.incident_id === null ? [] : [row.incident_id]))),
  ];
  const incidents = new Map((await incidentSummariesOf(db, incidentIds)).map((row) => [row.id, row]));
  const states = await outboxStatesOf(
    db,
    rows.flatMap((row) => (row.ack_outbox_id === null ? [] : [row.ack_outbox_id])),
  );
  return rows.map((row) => {
    const incident = row.incident_id === null ? undefined : incidents.get(row.incident_id);
    return {
      id: row.id,
      ref: reportRef(row.number),
      name: row.name,
      email: row.email,
      message: row.message,
      componentId: row.component_id,
      metadata: row.metadata,
      source: row.source as ReportSource,
      language: row.language,
      receivedAt: iso(row.received_at),
      incident: incident
        ? {
            id: incident.id,
            ref: incidentRef(incident.number),
            title: incident.title,
            status: incident.status as IncidentStatus,
          }
        : null,
      linkReason: incident ? row.link_reason : null,
      linkedAt: incident ? iso(row.linked_at) : null,
      acknowledgement: acknowledgementOf(row, states),
      toldAt: iso(row.told_at),
    };
  });
}

/** Turn one report row into an API report. */
export async function viewReport(db: Executor, row: ReportRecord): Promise<Report> {
  const [report] = await viewReports(db, [row]);
  if (!report) throw new Error('a viewed report vanished');
  return report;
}

function acknowledgementOf(row: ReportRecord, states: Map<number, string>): AcknowledgementState {
  if (row.ack_outbox_id === null) return 'none';
  // A message no longer in the outbox was sent and pruned.
  const status = states.get(row.ack_outbox_id) ?? 'sent';
  if (status === 'sent') return 'sent';
  if (status === 'dead' || status === 'cancelled') return 'failed';
  return 'queued';
}
