import { analyzeText } from '../reports/text-analysis.js';

/** An incident as similarity reads it: its words, services, alerts and category. */
export interface IncidentForSimilarity {
  id: number;
  number: number;
  title: string;
  summary: string;
  rootCause: string | null;
  resolution: string | null;
  category: string | null;
  serviceIds: readonly number[];
  /** Labels of the incident's alerts (one record per alert). */
  alertLabels: ReadonlyArray<Readonly<Record<string, string>>>;
  startedAt: number;
}

/** What the index keeps of an incident: weighted text terms and its structured features. */
export interface IncidentFeatures {
  /** Text term → weight (stems, concepts, strong tokens), the title counted twice. */
  terms: Map<string, number>;
  /** Text term → the word as the incident wrote it, for explanations. */
  surface: Map<string, string>;
  serviceIds: number[];
  /** `alertname` values, as written. */
  alertnames: string[];
  /** Other telling labels as `key=value` (job, namespace, deployment…). */
  labels: string[];
  category: string | null;
}

/** Labels that say which thing broke; instance-level ones (pod, instance, ip) change every time. */
const TELLING_LABELS = [
  'job',
  'service',
  'namespace',
  'deployment',
  'app',
  'component',
  'cluster',
  'queue',
  'database',
  'check',
  'endpoint',
  'region',
];
/** Text terms kept per incident: the strongest, so a long write-up does not drown its point. */
export const MAX_TEXT_TERMS = 40;

/** An incident's features: the text analysed once, alert labels reduced to what recurs. */
export function incidentFeatures(incident: IncidentForSimilarity): IncidentFeatures {
  const terms = new Map<string, number>();
  const surface = new Map<string, string>();
  const fields: Array<[string | null, number]> = [
    [incident.title, 2],
    [incident.summary, 1],
    [incident.rootCause, 1],
    [incident.resolution, 0.6],
  ];
  for (const [text, weight] of fields) {
    if (!text) continue;
    const analysed = analyzeText(text);
    for (const [term, value] of analysed.terms) {
      terms.set(term, (terms.get(term) ?? 0) + value * weight);
      if (!surface.has(term)) surface.set(term, analysed.surface.get(term) ?? term);
    }
  }
  const kept = new Map([...terms].sort((a, b) => b[1] - a[1]).slice(0, MAX_TEXT_TERMS));
  const alertnames = new Set<string>();
  const labels = new Set<string>();
  for (const set of incident.alertLabels) {
    const name = set['alertname'];
    if (name) alertnames.add(name);
    for (const key of TELLING_LABELS) {
      const value = set[key];
      if (value) labels.add(`${key}=${value}`);
    }
  }
  return {
    terms: kept,
    surface,
    serviceIds: [...new Set(incident.serviceIds)],
    alertnames: [...alertnames].slice(0, 10),
    labels: [...labels].slice(0, 20),
    category: incident.category,
  };
}
