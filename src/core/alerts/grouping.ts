import { textFingerprint } from './fingerprint.js';

/**
 * How a service turns alerts into incidents. `alertname` (the default): the source's own
 * group where it sends one, else one incident per kind of alert (see `alertNameOf`).
 */
export const GROUPING_MODES = ['alertname', 'service', 'labels', 'alert'] as const;
export type GroupingMode = (typeof GROUPING_MODES)[number];

export const AUTO_RESOLVE_TARGETS = ['resolved', 'monitoring', 'off'] as const;
export type AutoResolveTarget = (typeof AUTO_RESOLVE_TARGETS)[number];

/** A service's alert rules (grouping, thresholds, auto-resolve, flap damping). */
export interface AlertRules {
  grouping: GroupingMode;
  /** Label names whose values form the group (grouping `labels`). */
  groupBy: string[];
  /** An incident takes new alerts for this long after it opened; then a new one starts. */
  groupWindowMinutes: number;
  /** A resolved incident takes its group's alerts again (reopening) for this long. */
  reopenWindowMinutes: number;
  /** Open an incident only once this many alerts arrived within `thresholdMinutes` (1 = at once). */
  thresholdCount: number;
  thresholdMinutes: number;
  autoResolve: AutoResolveTarget;
  /** An alert changing state more than this many times in `flapWindowMinutes` is flapping. */
  flapChanges: number;
  flapWindowMinutes: number;
}

/** Rules a new service starts with. */
export const DEFAULT_ALERT_RULES: AlertRules = {
  grouping: 'alertname',
  groupBy: [],
  groupWindowMinutes: 24 * 60,
  reopenWindowMinutes: 30,
  thresholdCount: 1,
  thresholdMinutes: 5,
  autoResolve: 'resolved',
  flapChanges: 6,
  flapWindowMinutes: 30,
};

/**
 * The longest group key kept as written. A longer one keeps its first characters and a hash
 * of the whole, so that it fits an index entry on every database (PostgreSQL refuses entries
 * over about 2.7 KB) and equal keys still map to equal groups.
 */
export const MAX_GROUP_KEY_LENGTH = 256;

/** What grouping reads of an alert. */
export interface GroupedAlert {
  dedupKey: string;
  labels: Record<string, string>;
  /** The group the source put the alert in (Alertmanager's groupKey), if it sends one. */
  sourceGroupKey?: string | null | undefined;
}

/**
 * The kind of problem an alert reports, as its source names it: the `alertname` label
 * (Prometheus, Alertmanager, Grafana), else the `class` label (PagerDuty's payload.class);
 * null when the source names none.
 */
export function alertNameOf(labels: Record<string, string>): string | null {
  return labels.alertname?.trim() || labels.class?.trim() || null;
}

/** The group an alert belongs to under `rules`: '' for the whole service. */
export function groupKeyOf(rules: AlertRules, alert: GroupedAlert): string {
  switch (rules.grouping) {
    case 'alertname': {
      // The source's own group first: it is what the sender already bundles together.
      if (alert.sourceGroupKey) return bounded(`group:${alert.sourceGroupKey}`);
      const name = alertNameOf(alert.labels);
      // An alert with no name is related to nothing else we can tell: it gets its own incident.
      return bounded(name === null ? `alert:${alert.dedupKey}` : `alertname=${name}`);
    }
    case 'service':
      return '';
    case 'alert':
      return bounded(`alert:${alert.dedupKey}`);
    case 'labels':
      return bounded(rules.groupBy.map((name) => `${name}=${alert.labels[name] ?? ''}`).join(','));
  }
}

/** How an alert is named on timelines and pages: `DiskFull: Disk full on db-1`, or its summary. */
export function alertCaption(alert: { labels: Record<string, string>; summary: string }): string {
  const name = alertNameOf(alert.labels);
  if (name === null || alert.summary.startsWith(name)) return alert.summary;
  return `${name}: ${alert.summary}`;
}

function bounded(key: string): string {
  if (key.length <= MAX_GROUP_KEY_LENGTH) return key;
  const hash = textFingerprint(key);
  let cut = MAX_GROUP_KEY_LENGTH - hash.length - 1;
  // Never end the prefix between the two halves of a surrogate pair.
  const last = key.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${key.slice(0, cut)}#${hash}`;
}

/**
 * Flap damping: keep the state changes inside the window, add this one, and say whether
 * the alert now changes state too often.
 */
export function recordStateChange(
  history: readonly number[],
  at: number,
  rules: Pick<AlertRules, 'flapChanges' | 'flapWindowMinutes'>,
): { history: number[]; isFlapping: boolean } {
  const since = at - rules.flapWindowMinutes * 60_000;
  const kept = [...history.filter((t) => t > since), at].slice(-(rules.flapChanges + 1));
  return { history: kept, isFlapping: kept.length > rules.flapChanges };
}
