import { labelRegexError, matchesLabelRegex } from '../../../core/alerts/label-regex.js';
import type { OpenServiceAlert } from '../../commands/alerts/read-inbound-alerts.js';
import { type Parsed, stringValues } from '../common.js';

/** One label matcher of Alertmanager's `filter` parameter: `name=value`, `!=`, `=~`, `!~`. */
export interface LabelMatcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

const MATCHER = /^\s*([^\s=!~"]+)\s*(=~|!~|!=|=)\s*(.*?)\s*$/;

/** Split `a="x",b=~"y"` (optionally inside braces) on the commas outside quotes. */
function splitMatchers(text: string): string[] {
  const inner = text.trim().replace(/^\{(.*)\}$/s, '$1');
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i] ?? '';
    if (c === '\\' && inQuotes) {
      current += c + (inner[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inQuotes = !inQuotes;
    if (c === ',' && !inQuotes) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts.filter((p) => p.trim() !== '');
}

function unquote(value: string): string {
  if (!/^".*"$/s.test(value)) return value;
  try {
    return JSON.parse(value) as string;
  } catch {
    return value.slice(1, -1);
  }
}

/** Read the `filter` query values (each one matcher or a `{…}` list of them). */
export function parseMatchers(filters: readonly string[]): Parsed<LabelMatcher[]> {
  const matchers: LabelMatcher[] = [];
  for (const filter of filters) {
    for (const part of splitMatchers(filter)) {
      const m = MATCHER.exec(part);
      if (!m?.[1] || !m[2]) return { ok: false, errors: [`bad matcher format: ${part}`] };
      const matcher = { name: m[1], op: m[2] as LabelMatcher['op'], value: unquote(m[3] ?? '') };
      if (matcher.op === '=~' || matcher.op === '!~') {
        const error = labelRegexError(matcher.value);
        if (error) return { ok: false, errors: [`bad regular expression in matcher: ${part}: ${error}`] };
      }
      matchers.push(matcher);
    }
  }
  return { ok: true, value: matchers };
}

/**
 * Whether a label set passes every matcher (a missing label matches as ""), as Alertmanager;
 * regular expressions run on RE2, in time linear in the label's length.
 */
export function matchesAll(labels: Record<string, string>, matchers: readonly LabelMatcher[]): boolean {
  return matchers.every(({ name, op, value }) => {
    const actual = labels[name] ?? '';
    switch (op) {
      case '=':
        return actual === value;
      case '!=':
        return actual !== value;
      case '=~':
        return matchesLabelRegex(value, actual, { isDotAll: true });
      case '!~':
        return !matchesLabelRegex(value, actual, { isDotAll: true });
    }
  });
}

/** The receiver Beacon shows for every alert it holds. */
export const RECEIVER_NAME = 'beacon';

// Go's zero time: what Alertmanager clients read as "no end".
const NO_END = '0001-01-01T00:00:00.000Z';

/** An open Beacon alert as Alertmanager's `gettableAlert`; maintenance shows as silenced. */
export function toGettableAlert(alert: OpenServiceAlert) {
  return {
    labels: alert.labels,
    annotations: stringValues(alert.details),
    startsAt: new Date(alert.startsAt).toISOString(),
    endsAt: alert.endsAt === null ? NO_END : new Date(alert.endsAt).toISOString(),
    updatedAt: new Date(alert.updatedAt).toISOString(),
    generatorURL: alert.generatorUrl ?? '',
    fingerprint: alert.dedupKey,
    receivers: [{ name: RECEIVER_NAME }],
    status: {
      state: alert.isSuppressed ? ('suppressed' as const) : ('active' as const),
      silencedBy: [] as string[],
      inhibitedBy: [] as string[],
      mutedBy: [] as string[],
    },
  };
}

/** The query of `GET /api/v2/alerts` that Beacon honours. */
export interface AlertQuery {
  active: boolean;
  silenced: boolean;
  receiver: string | undefined;
  matchers: LabelMatcher[];
}

/** Keep the alerts a query asks for: by state (active / silenced), receiver and matchers. */
export function selectAlerts(alerts: readonly OpenServiceAlert[], query: AlertQuery) {
  if (query.receiver && !matchesLabelRegex(query.receiver, RECEIVER_NAME)) return [];
  return alerts
    .filter((a) => (a.isSuppressed ? query.silenced : query.active))
    .filter((a) => matchesAll(a.labels, query.matchers))
    .map(toGettableAlert);
}

function flag(value: unknown, fallback: boolean): boolean | undefined {
  const last: unknown = Array.isArray(value) ? value.at(-1) : value;
  if (last === undefined || last === '') return fallback;
  if (last === 'true' || last === '1') return true;
  if (last === 'false' || last === '0') return false;
  return undefined;
}

/** Read the query string of `GET /api/v2/alerts` (`active`, `silenced`, `receiver`, `filter`). */
export function parseAlertQuery(query: Record<string, unknown>): Parsed<AlertQuery> {
  const active = flag(query.active, true);
  const silenced = flag(query.silenced, true);
  if (active === undefined || silenced === undefined)
    return { ok: false, errors: ['active and silenced must be true or false'] };
  const filters = ([] as unknown[]).concat(query.filter ?? []).filter((f) => typeof f === 'string');
  const matchers = parseMatchers(filters);
  if (!matchers.ok) return matchers;
  const receiver = typeof query.receiver === 'string' && query.receiver ? query.receiver : undefined;
  const receiverError = receiver === undefined ? null : labelRegexError(receiver);
  if (receiverError)
    return { ok: false, errors: [`bad receiver regular expression: ${receiver}: ${receiverError}`] };
  return { ok: true, value: { active, silenced, receiver, matchers: matchers.value } };
}
