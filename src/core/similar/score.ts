import type { IncidentFeatures } from './incident-features.js';

/** The kinds of feature an incident is compared on. */
export type FeatureKind = 'text' | 'service' | 'alertname' | 'label' | 'category';

const PREFIX: Record<Exclude<FeatureKind, 'text'>, string> = {
  service: '@s:',
  alertname: '@a:',
  label: '@l:',
  category: '@c:',
};

/** The index key of a structured feature (`@s:12`); text terms are their own keys. */
export function featureKey(kind: Exclude<FeatureKind, 'text'>, value: string): string {
  return `${PREFIX[kind]}${value}`;
}

/** The kind of an index key ('@' never starts a text term: text analysis drops punctuation). */
export function kindOfKey(key: string): FeatureKind {
  if (!key.startsWith('@')) return 'text';
  const letter = key.charAt(1);
  if (letter === 's') return 'service';
  if (letter === 'a') return 'alertname';
  return letter === 'l' ? 'label' : 'category';
}

/** How much each part counts in a score (parts the asking incident lacks are left out). */
export const SCORE_WEIGHTS: Record<FeatureKind, number> = {
  text: 0.6,
  service: 0.15,
  alertname: 0.15,
  label: 0.05,
  category: 0.05,
};

/** One similar incident, with what made it so. */
export interface SimilarMatch {
  incidentId: number;
  /** 0..1. */
  score: number;
  /** IDF-weighted cosine of the words, 0..1. */
  text: number;
  /** Shared words as the asking incident wrote them, strongest first. */
  sharedTerms: string[];
  sharedServiceIds: number[];
  sharedAlertnames: string[];
  /** Shared alert labels besides alertname, as `key=value`. */
  sharedLabels: string[];
  sameCategory: boolean;
}

/** The asking incident's text as an IDF-weighted vector. */
export interface QueryVector {
  text: ReadonlyMap<string, number>;
  norm: number;
}

/** A candidate's features as the index holds them, with current IDFs. */
export interface Candidate {
  incidentId: number;
  features: ReadonlyArray<{ key: string; weight: number; idf: number }>;
}

/** The IDF-weighted text vector of the asking incident. */
export function queryVector(terms: ReadonlyArray<{ key: string; weight: number; idf: number }>): QueryVector {
  const text = new Map<string, number>();
  let squares = 0;
  for (const { key, weight, idf } of terms) {
    if (kindOfKey(key) !== 'text') continue;
    const value = weight * idf;
    text.set(key, value);
    squares += value * value;
  }
  return { text, norm: Math.sqrt(squares) };
}

const valueOf = (key: string) => key.slice(3);

/** Words once each, whatever their case (`DB` the acronym and `db` the word are one to a reader). */
function distinctWords(words: readonly string[]): string[] {
  const seen = new Set<string>();
  return words.filter((word) => {
    const key = word.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Score one candidate against the asking incident, explained. */
export function scoreCandidate(
  query: IncidentFeatures,
  vector: QueryVector,
  candidate: Candidate,
): SimilarMatch {
  const contributions: Array<[string, number]> = [];
  let dot = 0;
  let squares = 0;
  const shared = { service: [] as string[], alertname: [] as string[], label: [] as string[] };
  let otherLabels = 0;
  let sameCategory = false;
  const services = new Set(query.serviceIds.map(String));
  const alertnames = new Set(query.alertnames.map((name) => name.toLowerCase()));
  const labels = new Set(query.labels.map((label) => label.toLowerCase()));
  for (const { key, weight, idf } of candidate.features) {
    const kind = kindOfKey(key);
    if (kind === 'text') {
      const value = weight * idf;
      squares += value * value;
      const own = vector.text.get(key);
      if (own !== undefined) {
        dot += own * value;
        contributions.push([query.surface.get(key) ?? key, own * value]);
      }
    } else if (kind === 'service') {
      if (services.has(valueOf(key))) shared.service.push(valueOf(key));
    } else if (kind === 'alertname') {
      if (alertnames.has(valueOf(key))) shared.alertname.push(valueOf(key));
    } else if (kind === 'label') {
      if (labels.has(valueOf(key))) shared.label.push(valueOf(key));
      else otherLabels++;
    } else {
      sameCategory = valueOf(key) === query.category;
    }
  }
  const text = vector.norm > 0 && squares > 0 ? Math.min(1, dot / (vector.norm * Math.sqrt(squares))) : 0;
  const parts: Array<[FeatureKind, number, boolean]> = [
    ['text', text, vector.norm > 0],
    ['service', shared.service.length > 0 ? 1 : 0, services.size > 0],
    ['alertname', shared.alertname.length > 0 ? 1 : 0, alertnames.size > 0],
    ['label', shared.label.length / Math.max(1, labels.size + otherLabels), labels.size > 0],
    ['category', sameCategory ? 1 : 0, query.category !== null],
  ];
  let sum = 0;
  let weights = 0;
  for (const [kind, value, isAsked] of parts) {
    if (!isAsked) continue;
    sum += SCORE_WEIGHTS[kind] * value;
    weights += SCORE_WEIGHTS[kind];
  }
  contributions.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    incidentId: candidate.incidentId,
    score: weights > 0 ? Math.round((sum / weights) * 1000) / 1000 : 0,
    text: Math.round(text * 1000) / 1000,
    sharedTerms: distinctWords(contributions.map(([word]) => word)).slice(0, 8),
    sharedServiceIds: shared.service.map(Number),
    sharedAlertnames: query.alertnames.filter((name) => shared.alertname.includes(name.toLowerCase())),
    sharedLabels: query.labels.filter((label) => shared.label.includes(label.toLowerCase())),
    sameCategory,
  };
}
