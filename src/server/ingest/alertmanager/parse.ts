import { type AlertEvent, type AlertLink, severityFromWord } from '../../../core/alerts/alert-event.js';
import { labelFingerprint } from '../../../core/alerts/fingerprint.js';
import { isRecord, linkIf, timeOf, truncate } from '../common.js';

/**
 * What both Alertmanager formats say alike about an alert: summary, severity, source,
 * labels, details and links.
 */
export function alertDescription(
  labels: Record<string, string>,
  annotations: Record<string, string>,
  generatorUrl: string | null,
) {
  return {
    summary: alertSummary(labels, annotations),
    severity: severityFromWord(labels.severity),
    source: labels.instance ?? labels.job ?? null,
    labels,
    details: annotations,
    links: alertLinks(generatorUrl, annotations),
  };
}

/** Alertmanager's default `resolve_timeout`: an alert sent without endsAt fires this long. */
export const RESOLVE_TIMEOUT_MS = 5 * 60_000;

// Labels that tell one instance of an alert from another, in the order they are shown.
const IDENTIFYING_LABELS = ['instance', 'job', 'service', 'namespace', 'pod', 'host', 'cluster'];

/** A one-line summary: the summary or description annotation, else alertname and a few labels. */
export function alertSummary(labels: Record<string, string>, annotations: Record<string, string>): string {
  const text = annotations.summary ?? annotations.description;
  if (text?.trim()) return truncate(text.trim(), 1024);
  const shown = IDENTIFYING_LABELS.filter((name) => labels[name])
    .slice(0, 3)
    .map((name) => `${name}=${labels[name] ?? ''}`);
  const name = labels.alertname ?? Object.values(labels)[0] ?? 'alert';
  return truncate(shown.length > 0 ? `${name} (${shown.join(', ')})` : name, 1024);
}

/** Links of an Alertmanager alert: where it came from and its runbook. */
export function alertLinks(generatorUrl: string | null, annotations: Record<string, string>): AlertLink[] {
  return [...linkIf(generatorUrl, 'Source'), ...linkIf(annotations.runbook_url, 'Runbook')];
}

/** A label set: an object of strings, with empty values dropped as Alertmanager does. */
export function readLabelSet(value: unknown, field: string): Record<string, string> | string {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return `${field} must be an object of strings`;
  const labels: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v !== 'string') return `${field}.${name} must be a string`;
    if (name === '') return `${field} has an empty name`;
    if (v !== '') labels[name] = v;
  }
  return labels;
}

/** The alerts of a request that were accepted, and the reasons others were not. */
export interface PostableAlertsResult {
  events: AlertEvent[];
  errors: string[];
}

/**
 * Read Alertmanager API v2 `postableAlerts` as Alertmanager does: startsAt defaults to now
 * (or endsAt), endsAt to now + resolve_timeout; an endsAt not after now resolves. Invalid
 * alerts are reported and the valid ones kept, like Alertmanager's POST /api/v2/alerts.
 */
export function postableAlertsToEvents(body: unknown, now: number): PostableAlertsResult {
  if (!Array.isArray(body)) return { events: [], errors: ['the body must be a JSON array of alerts'] };
  const events: AlertEvent[] = [];
  const errors: string[] = [];
  body.forEach((alert: unknown, i) => {
    const event = postableAlertToEvent(alert, now);
    if (typeof event === 'string') errors.push(`alert ${i}: ${event}`);
    else events.push(event);
  });
  return { events, errors };
}

function postableAlertToEvent(alert: unknown, now: number): AlertEvent | string {
  if (!isRecord(alert)) return 'must be an object';
  if (alert.labels === undefined) return 'labels in body is required';
  const labels = readLabelSet(alert.labels, 'labels');
  if (typeof labels === 'string') return labels;
  if (Object.keys(labels).length === 0) return 'at least one label pair required';
  const annotations = readLabelSet(alert.annotations, 'annotations');
  if (typeof annotations === 'string') return annotations;
  const givenStart = timeOf(alert.startsAt);
  const givenEnd = timeOf(alert.endsAt);
  if (Number.isNaN(givenStart)) return 'startsAt must be an RFC 3339 date-time';
  if (Number.isNaN(givenEnd)) return 'endsAt must be an RFC 3339 date-time';
  if (alert.generatorURL !== undefined && typeof alert.generatorURL !== 'string')
    return 'generatorURL must be a string';
  const startsAt = givenStart ?? givenEnd ?? now;
  const endsAt = givenEnd ?? now + RESOLVE_TIMEOUT_MS;
  if (endsAt < startsAt) return 'start time must be before end time';
  const generatorUrl =
    typeof alert.generatorURL === 'string' && alert.generatorURL ? alert.generatorURL : null;
  return {
    action: endsAt <= now ? 'resolve' : 'trigger',
    dedupKey: labelFingerprint(labels),
    ...alertDescription(labels, annotations, generatorUrl),
    startsAt,
    endsAt,
    generatorUrl,
    payload: alert,
  };
}
