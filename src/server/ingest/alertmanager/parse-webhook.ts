import type { AlertEvent } from '../../../core/alerts/alert-event.js';
import { labelFingerprint } from '../../../core/alerts/fingerprint.js';
import { alertDescription, readLabelSet } from './parse.js';
import { type Parsed, isRecord, timeOf } from '../common.js';

/**
 * Read an Alertmanager webhook notification (version "4"; Grafana's webhook sends the same
 * shape as version "1"): each entry of `alerts[]` becomes an event, firing → trigger and
 * resolved → resolve, keyed by its fingerprint. Unknown fields are ignored; nothing is
 * accepted unless every alert is readable.
 */
export function webhookToEvents(body: unknown): Parsed<AlertEvent[]> {
  if (!isRecord(body)) return { ok: false, errors: ['the body must be a JSON object'] };
  if (!Array.isArray(body.alerts)) return { ok: false, errors: ['alerts must be an array'] };
  const groupStatus = body.status;
  const sourceGroupKey = sourceGroupKeyOf(body);
  const events: AlertEvent[] = [];
  const errors: string[] = [];
  body.alerts.forEach((alert: unknown, i) => {
    const event = webhookAlertToEvent(alert, groupStatus);
    if (typeof event === 'string') errors.push(`alerts[${i}]: ${event}`);
    else events.push(sourceGroupKey === null ? event : { ...event, sourceGroupKey });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: events };
}

/**
 * The notification's `groupKey`, when its route groups by at least one label. A route
 * without `group_by` puts every alert in one group (`{}:{}`): that says nothing about which
 * alerts belong together, so such alerts are grouped by their alertname instead.
 */
function sourceGroupKeyOf(body: Record<string, unknown>): string | null {
  const { groupKey, groupLabels } = body;
  if (typeof groupKey !== 'string' || groupKey === '') return null;
  if (!isRecord(groupLabels) || Object.keys(groupLabels).length === 0) return null;
  return groupKey;
}

function webhookAlertToEvent(alert: unknown, groupStatus: unknown): AlertEvent | string {
  if (!isRecord(alert)) return 'must be an object';
  const labels = readLabelSet(alert.labels, 'labels');
  if (typeof labels === 'string') return labels;
  if (Object.keys(labels).length === 0) return 'labels must have at least one label';
  const annotations = readLabelSet(alert.annotations, 'annotations');
  if (typeof annotations === 'string') return annotations;
  const status = alert.status ?? groupStatus;
  if (status !== 'firing' && status !== 'resolved') return 'status must be "firing" or "resolved"';
  const startsAt = timeOf(alert.startsAt);
  if (Number.isNaN(startsAt)) return 'startsAt must be an RFC 3339 date-time';
  const fingerprint =
    typeof alert.fingerprint === 'string' && alert.fingerprint ? alert.fingerprint : labelFingerprint(labels);
  const generatorUrl =
    typeof alert.generatorURL === 'string' && alert.generatorURL ? alert.generatorURL : null;
  return {
    action: status === 'firing' ? 'trigger' : 'resolve',
    dedupKey: fingerprint,
    ...alertDescription(labels, annotations, generatorUrl),
    startsAt,
    // Alertmanager re-sends only every repeat_interval and sends "resolved" itself: no expiry.
    endsAt: null,
    generatorUrl,
    payload: alert,
  };
}
