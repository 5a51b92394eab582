/** What every inbound format is normalised into before the one alert pipeline. */
export const ALERT_ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

export const ALERT_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATUSES = ['firing', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** A link shown with an alert. */
export interface AlertLink {
  href: string;
  text: string;
}

/** One event about one alert, whatever format it arrived in. */
export interface AlertEvent {
  action: AlertAction;
  /** Identity of the alert within its service: repeated events with it are the same alert. */
  dedupKey: string;
  summary: string;
  severity: AlertSeverity;
  source: string | null;
  labels: Record<string, string>;
  details: Record<string, unknown>;
  links: AlertLink[];
  /** When the problem began (ms); null means now. */
  startsAt: number | null;
  /** When the alert ends unless re-sent (Alertmanager's endsAt, ms); null means no expiry. */
  endsAt: number | null;
  generatorUrl: string | null;
  /** The event as received, kept for the alert page. */
  payload: unknown;
  /** The group the source put the alert in (Alertmanager's groupKey); grouping `alertname` uses it. */
  sourceGroupKey?: string | null;
}

const SEVERITY_WORDS: Record<string, AlertSeverity> = {
  critical: 'critical',
  crit: 'critical',
  page: 'critical',
  fatal: 'critical',
  emergency: 'critical',
  high: 'error',
  error: 'error',
  err: 'error',
  major: 'error',
  warning: 'warning',
  warn: 'warning',
  medium: 'warning',
  minor: 'warning',
  info: 'info',
  low: 'info',
  informational: 'info',
  none: 'info',
};

/** Read a severity word as used by monitoring tools (critical, warning, page…); default warning. */
export function severityFromWord(word: string | undefined | null): AlertSeverity {
  return SEVERITY_WORDS[(word ?? '').trim().toLowerCase()] ?? 'warning';
}

const RANK: Record<AlertSeverity, number> = { critical: 0, error: 1, warning: 2, info: 3 };

/** The more severe of two alert severities. */
export function worseSeverity(a: AlertSeverity, b: AlertSeverity): AlertSeverity {
  return RANK[a] <= RANK[b] ? a : b;
}

/** Incident severity an alert severity opens: critical → SEV1 … info → SEV4. */
export function incidentSeverityOf(severity: AlertSeverity): 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' {
  const map = { critical: 'SEV1', error: 'SEV2', warning: 'SEV3', info: 'SEV4' } as const;
  return map[severity];
}
