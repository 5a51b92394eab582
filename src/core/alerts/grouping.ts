import { textFingerprint } from './fingerprint.js';

/** How a service turns alerts into incidents. */
export const GROUPING_MODES = ['service', 'labels', 'alert'] as const;
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
  grouping: 'service',
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

/** The group an alert belongs to under `rules`: '' for the whole service. */
export function groupKeyOf(rules: AlertRules, dedupKey: string, labels: Record<string, string>): string {
  switch (rules.grouping) {
    case 'service':
      return '';
    case 'alert':
      return bounded(`alert:${dedupKey}`);
    case 'labels':
      return bounded(rules.groupBy.map((name) => `${name}=${labels[name] ?? ''}`).join(','));
  }
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
