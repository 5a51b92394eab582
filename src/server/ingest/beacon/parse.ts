import type { BeaconEventBody } from '../../../core/schemas/alerting.js';
import type { AlertEvent } from '../../../core/alerts/alert-event.js';
import { labelFingerprint } from '../../../core/alerts/fingerprint.js';
import { ValidationError } from '../../../core/errors.js';

/**
 * The alert event of a Beacon event body (already checked against its schema); a trigger
 * needs a summary and the other actions a dedup key, else ValidationError. Without a dedup
 * key the event is keyed by its labels, or by its summary when it has none.
 */
export function beaconEvent(body: BeaconEventBody): AlertEvent {
  if (body.action === 'trigger' && !body.summary)
    throw new ValidationError('summary', 'is required to trigger');
  if (body.action !== 'trigger' && !body.dedupKey)
    throw new ValidationError('dedupKey', `is required to ${body.action}`);
  const labels = body.labels ?? {};
  const dedupKey =
    body.dedupKey ??
    (Object.keys(labels).length > 0
      ? labelFingerprint(labels)
      : labelFingerprint({ summary: body.summary ?? '' }));
  return {
    action: body.action,
    dedupKey,
    summary: body.summary ?? dedupKey,
    severity: body.severity,
    source: body.source ?? null,
    labels,
    details: body.details ?? {},
    links: (body.links ?? []).map((l) => ({ href: l.href, text: l.text })),
    startsAt: body.startsAt ? Date.parse(body.startsAt) : null,
    endsAt: body.endsAt ? Date.parse(body.endsAt) : null,
    generatorUrl: null,
    payload: body,
  };
}
