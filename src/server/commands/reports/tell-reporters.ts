import type { PublicIncidentStatus } from '../../../core/status/snapshot.js';
import { reportsOfIncidents } from '../../store/queries/reports.js';
import { findStatusSettings } from '../../store/queries/status-page.js';
import type { Executor } from '../../store/store.js';
import { queueReporterMail } from './reporter-mail.js';

/** What reporters may be told about an incident their report is linked to. */
export type ReporterNews =
  { kind: 'update'; updateId: number; status: PublicIncidentStatus; message: string } | { kind: 'resolved' };

/**
 * Tell every customer whose report is linked to the incident, in the outbox of `tx`: each
 * public update when the page says `every_update`, and the fix once whatever the setting (a
 * `resolved` public update, or the incident resolved). Customers see only the customer-facing
 * message; each mail is queued once per report and update, and the fix once per report.
 */
export async function tellReporters(
  tx: Executor,
  incidentId: number,
  news: ReporterNews,
  now: number,
): Promise<void> {
  const reports = await reportsOfIncidents(tx, [incidentId]);
  if (reports.length === 0) return;
  const isFix = news.kind === 'resolved' || news.status === 'resolved';
  const update = news.kind === 'update' ? { status: news.status, message: news.message } : undefined;
  if (isFix) {
    for (const report of reports.filter((candidate) => candidate.told_at === null)) {
      await queueReporterMail(tx, report, 'resolved', now, { update, key: 'fixed' });
    }
    return;
  }
  if (news.kind !== 'update') return;
  const { reporter_notify } = await findStatusSettings(tx);
  if (reporter_notify !== 'every_update') return;
  for (const report of reports.filter((candidate) => candidate.told_at === null)) {
    await queueReporterMail(tx, report, 'update', now, { update, key: `update:${String(news.updateId)}` });
  }
}
