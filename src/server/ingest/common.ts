import { createHash } from 'node:crypto';
import type { AlertLink } from '../../core/alerts/alert-event.js';
import { isHttpUrl } from '../../core/alerts/http-links.js';
import type { EventOrigin } from '../commands/alerts/process-alert-events.js';
import type { AuthenticatedIntegration } from '../commands/integrations.js';

/** What a normaliser makes of a request: its value, or why the request is refused. */
export type Parsed<T, E = string[]> = { ok: true; value: T } | { ok: false; errors: E };

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** At most `max` characters (code points, so emoji are not cut in half). */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

/** A short stable hash of some text: 32 hex digits of its SHA-256. */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** The string values of an object; other values are written as JSON. */
export function stringValues(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
}

/**
 * Milliseconds of an RFC 3339 / ISO 8601 time; null when absent or Go's zero time
 * (0001-01-01T00:00:00Z, which Go tools send for "unset"); NaN when unreadable.
 */
export function timeOf(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') return Number.NaN;
  // Date.parse does not read "+0000" offsets (PagerDuty's own example uses them).
  const ms = Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  if (Number.isNaN(ms)) return Number.NaN;
  return new Date(ms).getUTCFullYear() <= 1 ? null : ms;
}

/** A link when `href` is an absolute http(s) URL, else nothing. */
export function linkIf(href: unknown, text: string): AlertLink[] {
  if (typeof href !== 'string' || !isHttpUrl(href)) return [];
  return [{ href, text }];
}

/** Where an integration's events come from, for the pipeline. */
export function originOf(integration: AuthenticatedIntegration): EventOrigin {
  return {
    serviceId: integration.serviceId,
    integrationId: integration.id,
    name: integration.name,
    keyHash: integration.keyHash,
    source: integration.type,
  };
}
