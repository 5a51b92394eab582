import type { DurationHistogram } from './duration-histogram.js';

/** The four response measures, each a pair of incident milestones. */
export const MEASURES = ['detect', 'acknowledge', 'mitigate', 'resolve'] as const;
export type Measure = (typeof MEASURES)[number];

/** One histogram per measure. */
export type MeasureHistograms = Record<Measure, DurationHistogram>;

/** Four empty histograms. */
export function emptyMeasureHistograms(): MeasureHistograms {
  return { detect: new Map(), acknowledge: new Map(), mitigate: new Map(), resolve: new Map() };
}

/** The milestones the measures are taken between (milliseconds; null when not reached). */
export interface IncidentMilestones {
  startedAt: number;
  detectedAt: number;
  acknowledgedAt: number | null;
  mitigatedAt: number | null;
  resolvedAt: number | null;
}

/**
 * Each measure of one incident, or null while its end milestone is not reached: detect is
 * started → detected (MTTD); acknowledge, mitigate and resolve run from detected (MTTA,
 * MTTM, MTTR). A milestone recorded before its start (an edited time) counts as zero.
 */
export function measuresOf(incident: IncidentMilestones): Record<Measure, number | null> {
  const since = (end: number | null) => (end === null ? null : Math.max(0, end - incident.detectedAt));
  return {
    detect: Math.max(0, incident.detectedAt - incident.startedAt),
    acknowledge: since(incident.acknowledgedAt),
    mitigate: since(incident.mitigatedAt),
    resolve: since(incident.resolvedAt),
  };
}

/** Statuses left out of every metric: not (or no longer) an incident of its own. */
export const EXCLUDED_STATUSES: readonly string[] = ['triage', 'declined', 'merged'];

/**
 * The severity and category of rollup rows that count every severity or every category: a
 * single space, which no severity and no (trimmed) category name can be.
 */
export const ANY = ' ';
