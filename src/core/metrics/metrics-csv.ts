import type { ReliabilityMetrics } from '../schemas/metrics.js';
import { MEASURES } from './measures.js';

/**
 * Metrics as one long CSV table (`section,key,metric,value`), which every spreadsheet can
 * pivot: durations in seconds, rates as fractions, one row per figure.
 */
export function metricsCsv(metrics: ReliabilityMetrics): string {
  const rows: Array<[string, string, string, number | string | null]> = [
    ['period', '', 'from', metrics.period.from],
    ['period', '', 'to', metrics.period.to],
    ['summary', '', 'incidents', metrics.incidents],
  ];
  for (const measure of MEASURES) {
    const summary = metrics.durations[measure];
    rows.push(['duration', measure, 'count', summary.count]);
    rows.push(['duration', measure, 'median_seconds', seconds(summary.medianMs)]);
    rows.push(['duration', measure, 'p90_seconds', seconds(summary.p90Ms)]);
  }
  for (const item of metrics.bySeverity) rows.push(['severity', item.severity, 'incidents', item.incidents]);
  for (const item of metrics.byCategory)
    rows.push(['category', item.category ?? '', 'incidents', item.incidents]);
  for (const item of metrics.byService) rows.push(['service', item.name, 'incidents', item.incidents]);
  for (const item of metrics.byTeam) rows.push(['team', item.name, 'incidents', item.incidents]);
  for (const week of metrics.weekly) {
    rows.push(['week', week.weekStart, 'incidents', week.incidents]);
    for (const measure of MEASURES)
      rows.push(['week', week.weekStart, `median_${measure}_seconds`, seconds(week.medians[measure])]);
  }
  for (const person of metrics.oncall) {
    rows.push(['oncall', person.user.email, 'pages', person.pages]);
    rows.push(['oncall', person.user.email, 'out_of_hours_pages', person.outOfHoursPages]);
    rows.push(['oncall', person.user.email, 'sleep_interruptions', person.sleepInterruptions]);
  }
  const followUps = metrics.followUps;
  if (followUps) {
    rows.push(['follow_ups', '', 'total', followUps.total]);
    rows.push(['follow_ups', '', 'done', followUps.done]);
    rows.push(['follow_ups', '', 'completion_rate', followUps.completionRate]);
    rows.push(['follow_ups', '', 'overdue', followUps.overdue]);
    rows.push(['follow_ups', '', 'overdue_rate', followUps.overdueRate]);
    const { open, inProgress, done, wontDo } = followUps.byState;
    for (const [state, count] of [
      ['open', open],
      ['in_progress', inProgress],
      ['done', done],
      ['wont_do', wontDo],
    ] as const)
      rows.push(['follow_ups', state, 'count', count]);
  }
  const lines = [['section', 'key', 'metric', 'value'], ...rows].map((row) => row.map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function seconds(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms) / 1000;
}

/**
 * One CSV field: quoted when it holds a comma, quote or line break; text a spreadsheet would
 * run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading apostrophe.
 */
export function cell(value: number | string | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
