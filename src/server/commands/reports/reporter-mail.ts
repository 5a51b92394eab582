import { reportRef } from '../../../core/reports/intake-limits.js';
import type { ReporterMail } from '../../../core/schemas/reports.js';
import { queueOutbox } from '../../store/queries/notifications.js';
import { type ReportRecord, markReportsTold, setReportAcknowledgement } from '../../store/queries/reports.js';
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
  news: { update?: ReporterMail['update']; key?: string } = {},
): Promise<void> {
  const mail: ReporterMail = {
    kind,
    reportRef: reportRef(report.number),
    name: report.name,
    excerpt: excerptOf(report.message),
    ...(news.update ? { update: news.update } : {}),
  };
  const row = await queueOutbox(
    tx,
    {
      user_id: null,
      contact_method_id: null,
      channel: 'email',
      address: report.email,
      kind: `report_${kind}`,
      incident_id: null,
      payload: { items: [], reporter: mail },
      dedupe_key: `report:${String(report.id)}:${news.key ?? kind}`,
    },
    now,
  );
  if (!row) return;
  // The intake's answer is the report's acknowledgement; a fix told is told once.
  if (news.key === undefined) await setReportAcknowledgement(tx, report.id, row.id);
  if (kind === 'resolved') await markReportsTold(tx, [report.id], now);
}

function excerptOf(message: string): string {
  const oneLine = message.replace(/\s+/g, ' ').trim();
  return oneLine.length <= EXCERPT_LENGTH ? oneLine : `${oneLine.slice(0, EXCERPT_LENGTH - 1)}…`;
}
