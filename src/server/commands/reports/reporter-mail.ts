import { reportRef } from '../../../core/reports/intake-limits.js';
import type { ReporterMail } from '../../../core/schemas/reports.js';
import { queueOutbox } from '../../store/queries/notifications.js';
import { type ReportRecord, setReportAcknowledgement } from '../../store/queries/reports.js';
import type { Executor } from '../../store/store.js';

const EXCERPT_LENGTH = 160;

/**
 * Queue the mail that answers a new report (inside the intake's transaction): its reference
 * and that the team replies when it is fixed, or, when it matched an incident resolved a
 * moment ago, that the problem was fixed. It names no incident: nothing internal leaves.
 */
export async function queueReporterMail(
  tx: Executor,
  report: ReportRecord,
  kind: ReporterMail['kind'],
  now: number,
): Promise<void> {
  const mail: ReporterMail = {
    kind,
    reportRef: reportRef(report.number),
    name: report.name,
    excerpt: excerptOf(report.message),
  };
  const row = await queueOutbox(
    tx,
    {
      user_id: null,
      contact_method_id: null,
      channel: 'email',
      address: report.email,
      kind: kind === 'acknowledgement' ? 'report_acknowledgement' : 'report_resolved',
      incident_id: null,
      payload: { items: [], reporter: mail },
      dedupe_key: `report:${String(report.id)}:${kind}`,
    },
    now,
  );
  if (row) await setReportAcknowledgement(tx, report.id, row.id);
}

function excerptOf(message: string): string {
  const oneLine = message.replace(/\s+/g, ' ').trim();
  return oneLine.length <= EXCERPT_LENGTH ? oneLine : `${oneLine.slice(0, EXCERPT_LENGTH - 1)}…`;
}
