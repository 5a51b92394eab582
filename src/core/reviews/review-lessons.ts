import type { ReviewFacts } from './review-facts.js';
import { durationBetween, formatDuration } from './review-time.js';

const FAST_ACK = 5 * 60_000;
const SLOW_ACK = 15 * 60_000;
const SLOW_DETECTION = 10 * 60_000;
const SLOW_PUBLIC_UPDATE = 30 * 60_000;

/**
 * Starting points for "what went well" and "what went badly", read off the facts: how fast
 * people came, who noticed first, whether customers heard, pages that failed, reopening. The
 * people who were there confirm, reword or delete them.
 */
export function lessonsOf(facts: ReviewFacts): { wentWell: string[]; wentBadly: string[] } {
  const { incident, alerts, reports, updates, pages } = facts;
  const wentWell: string[] = [];
  const wentBadly: string[] = [];
  const tta = durationBetween(incident.detectedAt, incident.acknowledgedAt);
  if (tta !== null && tta <= FAST_ACK) wentWell.push(`Acknowledged ${formatDuration(tta)} after detection.`);
  if (tta !== null && tta > SLOW_ACK) wentBadly.push(`Acknowledgement took ${formatDuration(tta)}.`);
  const ttd = durationBetween(incident.startedAt, incident.detectedAt);
  if (ttd !== null && ttd > SLOW_DETECTION)
    wentBadly.push(`Detection took ${formatDuration(ttd)} after impact began.`);
  const firstAlert = Math.min(...alerts.map((a) => a.firstAt));
  if (alerts.length > 0 && (reports.firstAt === null || firstAlert < reports.firstAt)) {
    if (reports.count > 0) wentWell.push('Monitoring noticed the problem before any customer reported it.');
    else wentWell.push('Monitoring detected the problem.');
  }
  if (reports.firstAt !== null && (alerts.length === 0 || reports.firstAt <= firstAlert)) {
    wentBadly.push('Customers told us before our monitoring did.');
  }
  const publics = updates.filter((u) => u.kind === 'public').sort((a, b) => a.at - b.at);
  const firstPublic = publics[0];
  if (firstPublic) {
    const wait = firstPublic.at - incident.detectedAt;
    if (wait <= SLOW_PUBLIC_UPDATE)
      wentWell.push(`Customers heard from us ${formatDuration(Math.max(0, wait))} after detection.`);
    else wentBadly.push(`The first public update took ${formatDuration(wait)} after detection.`);
  } else if (reports.count > 0 || incident.severity === 'SEV1' || incident.severity === 'SEV2') {
    wentBadly.push('No public update was posted on the status page.');
  }
  const failed = pages.filter((p) => p.delivery === 'failed').length;
  if (failed > 0) wentBadly.push(`${String(failed)} page${failed === 1 ? '' : 's'} could not be delivered.`);
  const reopened = facts.timeline.filter((l) => l.kind === 'reopened').length;
  if (reopened > 0)
    wentBadly.push(`The incident was reopened ${String(reopened)} time${reopened === 1 ? '' : 's'}.`);
  const mitigation = durationBetween(incident.mitigatedAt, incident.resolvedAt);
  if (incident.mitigatedAt !== null && mitigation !== null && mitigation > 0 && facts.resolution.workaround)
    wentWell.push(`A workaround limited the impact ${formatDuration(mitigation)} before the fix.`);
  return { wentWell, wentBadly };
}
