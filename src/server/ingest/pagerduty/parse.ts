import { ALERT_SEVERITIES, type AlertEvent, type AlertLink } from '../../../core/alerts/alert-event.js';
import { isHttpUrl } from '../../../core/alerts/http-links.js';
import type { NewChangeEvent } from '../../commands/alerts/change-events.js';
import { type Parsed, isRecord, timeOf, truncate } from '../common.js';

/** PagerDuty integration keys ("routing keys") are 32 characters. */
export const ROUTING_KEY_LENGTH = 32;
const MAX_DEDUP_KEY = 255;
const MAX_SUMMARY = 1024;
const ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const;

/** A PagerDuty event read: the routing key it names and the event it carries. */
export interface PagerDutyAlert {
  routingKey: string;
  event: AlertEvent;
}

/** What a change event carries, before it is tied to an integration. */
export type PagerDutyChangeFields = Pick<NewChangeEvent, 'at' | 'summary' | 'source' | 'details' | 'links'>;

function missing(field: string): string {
  return `'${field}' is missing or blank`;
}

function blank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

function routingKeyErrors(value: unknown): string[] {
  if (blank(value)) return [missing('routing_key')];
  const key = value as string;
  const errors: string[] = [];
  if (key.length !== ROUTING_KEY_LENGTH)
    errors.push(`Length of 'routing_key' is incorrect (should be ${ROUTING_KEY_LENGTH} characters)`);
  if (!/^[A-Za-z0-9]*$/.test(key)) errors.push("'routing_key' cannot contain non-alphanumeric characters.");
  return errors;
}

/**
 * `links` and `images` of an event as Beacon links; errors for malformed entries. Targets
 * that are not http(s) URLs (`javascript:`, `data:` images…) are dropped, not shown.
 */
function readLinks(body: Record<string, unknown>, errors: string[]): AlertLink[] {
  const links: AlertLink[] = [];
  for (const field of ['links', 'images'] as const) {
    const list = body[field];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      errors.push(`'${field}' must be an array`);
      continue;
    }
    list.forEach((item: unknown, i) => {
      const href = isRecord(item) ? (field === 'links' ? item.href : (item.href ?? item.src)) : undefined;
      if (typeof href !== 'string' || href === '') {
        errors.push(missing(`${field}[${i}].${field === 'links' ? 'href' : 'src'}`));
        return;
      }
      if (!isHttpUrl(href)) return;
      const text = isRecord(item) ? (field === 'links' ? item.text : item.alt) : undefined;
      links.push({ href, text: typeof text === 'string' && text ? text : href });
    });
  }
  return links;
}

function customDetails(payload: Record<string, unknown>): Record<string, unknown> {
  const details = payload.custom_details;
  if (details === undefined || details === null) return {};
  return isRecord(details) ? details : { custom_details: details };
}

/**
 * Read a PagerDuty Events API v2 alert event, validated as PagerDuty documents it: routing
 * key, event action, dedup key (≤ 255; `newDedupKey()` when a trigger has none), and for a
 * trigger a payload with summary (longer than 1024 is cut), source and severity.
 */
export function pagerDutyAlertEvent(body: unknown, newDedupKey: () => string): Parsed<PagerDutyAlert> {
  if (!isRecord(body)) return { ok: false, errors: ['Event object must be a JSON object'] };
  const errors = routingKeyErrors(body.routing_key);
  const action = body.event_action;
  if (blank(action)) errors.push(missing('event_action'));
  else if (!ACTIONS.includes(action as (typeof ACTIONS)[number]))
    errors.push(`'event_action' is invalid (must be one of ${ACTIONS.join(', ')})`);
  const dedup = body.dedup_key;
  if (dedup !== undefined && dedup !== null && typeof dedup !== 'string')
    errors.push("'dedup_key' must be a string");
  else if (typeof dedup === 'string' && dedup.length > MAX_DEDUP_KEY)
    errors.push(`'dedup_key' is too long (must be at most ${MAX_DEDUP_KEY} characters)`);
  else if (action !== 'trigger' && blank(dedup) && ACTIONS.includes(action as (typeof ACTIONS)[number]))
    errors.push(missing('dedup_key'));
  const links = readLinks(body, errors);
  const payload = isRecord(body.payload) ? body.payload : undefined;
  if (action === 'trigger') errors.push(...triggerPayloadErrors(body.payload));
  if (errors.length > 0) return { ok: false, errors };
  const dedupKey = typeof dedup === 'string' && dedup.trim() !== '' ? dedup : newDedupKey();
  const event: AlertEvent = {
    action: action as AlertEvent['action'],
    dedupKey,
    summary:
      payload && typeof payload.summary === 'string' ? truncate(payload.summary, MAX_SUMMARY) : dedupKey,
    severity: payload && isSeverity(payload.severity) ? payload.severity : 'error',
    source: payload && typeof payload.source === 'string' ? payload.source : null,
    labels: payload ? pdLabels(payload) : {},
    details: payload ? customDetails(payload) : {},
    links: [
      ...links,
      ...(typeof body.client_url === 'string' && body.client_url
        ? [
            {
              href: body.client_url,
              text: typeof body.client === 'string' && body.client ? body.client : 'Client',
            },
          ]
        : []),
    ],
    startsAt: payload ? timeOf(payload.timestamp) : null,
    endsAt: null,
    generatorUrl: typeof body.client_url === 'string' && body.client_url ? body.client_url : null,
    payload: { ...body, routing_key: '[REDACTED]' },
  };
  return { ok: true, value: { routingKey: body.routing_key as string, event } };
}

function isSeverity(value: unknown): value is AlertEvent['severity'] {
  return ALERT_SEVERITIES.includes(value as AlertEvent['severity']);
}

function triggerPayloadErrors(value: unknown): string[] {
  if (!isRecord(value)) return [missing('payload')];
  const errors: string[] = [];
  if (blank(value.summary)) errors.push(missing('payload.summary'));
  if (blank(value.source)) errors.push(missing('payload.source'));
  if (blank(value.severity)) errors.push(missing('payload.severity'));
  else if (!isSeverity(value.severity))
    errors.push(`'payload.severity' is invalid (must be one of ${ALERT_SEVERITIES.join(', ')})`);
  if (Number.isNaN(timeOf(value.timestamp))) errors.push("'payload.timestamp' is invalid (must be ISO 8601)");
  return errors;
}

/** component, group and class become labels, so grouping rules can use them. */
function pdLabels(payload: Record<string, unknown>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const name of ['component', 'group', 'class']) {
    const value = payload[name];
    if (typeof value === 'string' && value) labels[name] = value;
  }
  return labels;
}

/** Read a PagerDuty change event (`POST /v2/change/enqueue`). */
export function pagerDutyChangeEvent(
  body: unknown,
): Parsed<{ routingKey: string; change: PagerDutyChangeFields }> {
  if (!isRecord(body)) return { ok: false, errors: ['Event object must be a JSON object'] };
  const errors = routingKeyErrors(body.routing_key);
  const payload = body.payload;
  if (!isRecord(payload)) errors.push(missing('payload'));
  else {
    if (blank(payload.summary)) errors.push(missing('payload.summary'));
    if (payload.source !== undefined && typeof payload.source !== 'string')
      errors.push("'payload.source' must be a string");
    if (Number.isNaN(timeOf(payload.timestamp)))
      errors.push("'payload.timestamp' is invalid (must be ISO 8601)");
  }
  const links = readLinks({ links: body.links }, errors);
  if (errors.length > 0 || !isRecord(payload)) return { ok: false, errors };
  return {
    ok: true,
    value: {
      routingKey: body.routing_key as string,
      change: {
        at: timeOf(payload.timestamp),
        summary: truncate(payload.summary as string, MAX_SUMMARY),
        source: typeof payload.source === 'string' && payload.source ? payload.source : null,
        details: customDetails(payload),
        links,
      },
    },
  };
}
