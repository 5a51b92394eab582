import type { AlertEvent, AlertSeverity } from '../../../core/alerts/alert-event.js';
import { type Parsed, isRecord, stringValues, textHash, truncate } from '../common.js';

/** Opsgenie priorities and the alert severity each becomes. */
export const PRIORITY_SEVERITY: Record<string, AlertSeverity> = {
  P1: 'critical',
  P2: 'error',
  P3: 'warning',
  P4: 'info',
  P5: 'info',
};

// Field limits from Opsgenie's Alert API; longer values are cut, as Opsgenie does.
const LIMITS = {
  message: 130,
  alias: 512,
  description: 15_000,
  entity: 512,
  source: 100,
  user: 100,
  note: 25_000,
};
const MAX_TAGS = 20;
const MAX_TAG = 50;

/** Opsgenie's validation errors: field name → message. */
export type OpsgenieErrors = Record<string, string>;

function optionalText(body: Record<string, unknown>, field: keyof typeof LIMITS, errors: OpsgenieErrors) {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    errors[field] = 'should be a string';
    return undefined;
  }
  return value.trim() === '' ? undefined : truncate(value, LIMITS[field]);
}

function readTags(value: unknown, errors: OpsgenieErrors): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string')) {
    errors.tags = 'should be an array of strings';
    return [];
  }
  return (value as string[])
    .filter((t) => t.trim() !== '')
    .slice(0, MAX_TAGS)
    .map((t) => truncate(t, MAX_TAG));
}

/**
 * Read an Opsgenie "create alert" request. The alias is the dedup key (a hash of the message
 * when absent); the priority (default P3) sets the severity; `fallbackSource` stands in for
 * a missing source, as Opsgenie uses the caller's IP address.
 */
export function opsgenieCreateEvent(
  body: unknown,
  fallbackSource: string,
): Parsed<AlertEvent, OpsgenieErrors> {
  if (!isRecord(body)) return { ok: false, errors: { body: 'should be a JSON object' } };
  const errors: OpsgenieErrors = {};
  const message = optionalText(body, 'message', errors);
  if (message === undefined && !errors.message) errors.message = 'Message can not be empty.';
  const alias = optionalText(body, 'alias', errors);
  const description = optionalText(body, 'description', errors);
  const entity = optionalText(body, 'entity', errors);
  const source = optionalText(body, 'source', errors);
  const user = optionalText(body, 'user', errors);
  const note = optionalText(body, 'note', errors);
  const tags = readTags(body.tags, errors);
  const priority = body.priority ?? 'P3';
  if (typeof priority !== 'string' || !(priority in PRIORITY_SEVERITY))
    errors.priority = 'should be one of [ P1, P2, P3, P4, P5 ]';
  if (body.details !== undefined && body.details !== null && !isRecord(body.details))
    errors.details = 'should be an object';
  if (Object.keys(errors).length > 0 || message === undefined) return { ok: false, errors };
  const details = isRecord(body.details) ? stringValues(body.details) : {};
  return {
    ok: true,
    value: {
      action: 'trigger',
      dedupKey: alias ?? textHash(message),
      summary: message,
      severity: PRIORITY_SEVERITY[priority as string] ?? 'warning',
      source: source ?? fallbackSource,
      labels: entity ? { entity } : {},
      details: {
        ...details,
        ...(description ? { description } : {}),
        ...(tags.length > 0 ? { tags } : {}),
        ...(entity ? { entity } : {}),
        ...(note ? { note } : {}),
        ...(user ? { user } : {}),
        priority,
      },
      links: [],
      startsAt: null,
      endsAt: null,
      generatorUrl: null,
      payload: body,
    },
  };
}

/** An acknowledge or close of the alert with this dedup key; the body (user, source, note) is kept. */
export function opsgenieActionEvent(
  action: 'acknowledge' | 'resolve',
  dedupKey: string,
  body: unknown,
): AlertEvent {
  return {
    action,
    dedupKey,
    summary: dedupKey,
    severity: 'info',
    source: isRecord(body) && typeof body.source === 'string' && body.source ? body.source : null,
    labels: {},
    details: {},
    links: [],
    startsAt: null,
    endsAt: null,
    generatorUrl: null,
    payload: isRecord(body) ? body : {},
  };
}
