import { FloatColumn, IntColumn, TopItems } from './growable.js';
import type { IncidentFeatures } from './incident-features.js';
import {
  type FeatureKind,
  type SimilarMatch,
  SCORE_WEIGHTS,
  featureKey,
  kindOfKey,
  queryVector,
  scoreCandidate,
} from './score.js';

/** Which past incidents a lookup may return. */
export interface SimilarQuery {
  /** The incident asked about (left out of its own results); 0 for free text. */
  incidentId: number;
  features: IncidentFeatures;
  limit: number;
  /** Only incidents with a smaller id (declared earlier). */
  beforeId?: number;
  /** Only incidents started at or after this time (epoch ms). */
  startedSince?: number;
  /** Only incidents started before this time (epoch ms). */
  startedBefore?: number;
  /** Leave out results scoring below this. */
  minScore?: number;
}

/** Candidates the cheap pass hands to the exact score. */
const CANDIDATES = 2000;
/**
 * Postings the cheap pass reads at most per lookup, rarest features first: a feature whose list
 * would overrun it, and every commoner one, ranks nothing (each is still scored). It bounds a
 * lookup at a million incidents to a few milliseconds and never bites on a small index.
 */
export const SCAN_BUDGET = 60_000;
/** A text term in more than this share of incidents ranks nothing (it is still scored). */
const COMMON_SHARE = 0.08;
/** Candidates explained beyond the limit: the exact pass and the explanation round differently. */
const EXPLAIN_MARGIN = 8;
/** How much a structured feature counts in the cheap ranking, against a text term's idf². */
const STRUCTURED_WEIGHT: Record<FeatureKind, number> = {
  text: 0,
  service: 0.25,
  alertname: 0.35,
  label: 0.05,
  category: 0.02,
};

/** Feature kinds as numbers for the exact pass. */
const [TEXT, SERVICE, ALERTNAME, LABEL, CATEGORY] = [0, 1, 2, 3, 4];
const KIND_CODES: Record<FeatureKind, number> = {
  text: TEXT,
  service: SERVICE,
  alertname: ALERTNAME,
  label: LABEL,
  category: CATEGORY,
};

const minutes = (ms: number) => Math.floor(ms / 60_000);

/**
 * Every incident's features in memory, as an inverted index (feature → incidents) with the
 * features of each incident in pooled typed arrays: a lookup walks the postings of the
 * incident's rarer features, ranks the incidents it meets, and scores the best few hundred
 * exactly with IDF-weighted cosine plus services, alert names, labels and category.
 * An update adds a new slot and retires the old one; retired slots are compacted away.
 */
export class SimilarityIndex {
  private readonly termIds = new Map<string, number>();
  private readonly termKeys: string[] = [];
  private readonly kinds: FeatureKind[] = [];
  /** Per term id, its kind as a small number (`KIND_CODES`), read in the exact pass's inner loop. */
  private readonly kindCodes = new IntColumn(1024);
  private readonly df = new IntColumn(1024);
  private postings: IntColumn[] = [];
  private slotIncident = new IntColumn(1024);
  private slotStarted = new IntColumn(1024);
  private slotStart = new IntColumn(1024);
  private slotLength = new IntColumn(1024);
  private slotAlive = new IntColumn(1024);
  private poolTerms = new IntColumn(16_384);
  private poolWeights = new FloatColumn(16_384);
  private slotOf = new Int32Array(1024).fill(-1);
  private alive = 0;
  private accumulator = new Float64Array(1024);
  private touched = new Int32Array(1024);
  /** Per term id, the query's mark while a lookup scores (0 elsewhere). */
  private queryMark = new Float64Array(1024);
  /** Per term id, its IDF during the lookup numbered `idfStamp[term]`: each computed once per lookup. */
  private idfValue = new Float64Array(1024);
  private idfStamp = new Int32Array(1024);
  private lookups = 0;
  private readonly scanBudget: number;
  private readonly candidates: number;

  /**
   * `scanBudget`: postings a lookup's cheap pass reads at most; `candidates`: how many it hands
   * to the exact score (benchmarks compare them with no limit).
   */
  constructor(options: { scanBudget?: number; candidates?: number } = {}) {
    this.scanBudget = options.scanBudget ?? SCAN_BUDGET;
    this.candidates = options.candidates ?? CANDIDATES;
  }

  /** How many incidents the index holds. */
  get size(): number {
    return this.alive;
  }

  /** Add an incident, or replace what the index held for it. */
  put(incidentId: number, startedAt: number, features: IncidentFeatures): void {
    this.remove(incidentId);
    const slot = this.slotIncident.length;
    this.slotIncident.push(incidentId);
    this.slotStarted.push(minutes(startedAt));
    this.slotStart.push(this.poolTerms.length);
    this.slotAlive.push(1);
    let length = 0;
    for (const [key, weight] of featureEntries(features)) {
      const term = this.termOf(key);
      this.poolTerms.push(term);
      this.poolWeights.push(weight);
      this.postings[term]?.push(slot);
      this.df.values[term] = (this.df.values[term] ?? 0) + 1;
      length++;
    }
    this.slotLength.push(length);
    this.ensureSlotOf(incidentId);
    this.slotOf[incidentId] = slot;
    this.alive++;
  }

  /** Forget an incident (merged, declined, deleted). */
  remove(incidentId: number): void {
    const slot = incidentId < this.slotOf.length ? (this.slotOf[incidentId] ?? -1) : -1;
    if (slot < 0) return;
    this.slotAlive.values[slot] = 0;
    this.slotOf[incidentId] = -1;
    const start = this.slotStart.values[slot] ?? 0;
    const end = start + (this.slotLength.values[slot] ?? 0);
    for (let i = start; i < end; i++) {
      const term = this.poolTerms.values[i] ?? 0;
      this.df.values[term] = (this.df.values[term] ?? 1) - 1;
    }
    this.alive--;
    if (this.slotIncident.length > 1024 && this.alive < this.slotIncident.length / 2) this.compact();
  }

  /** Whether the index holds this incident. */
  has(incidentId: number): boolean {
    return incidentId < this.slotOf.length && (this.slotOf[incidentId] ?? -1) >= 0;
  }

  /** The past incidents most like the query, best first, each explained. */
  lookup(query: SimilarQuery): SimilarMatch[] {
    const total = Math.max(1, this.alive);
    this.lookups++;
    if (this.idfStamp.length < this.termKeys.length) {
      this.idfValue = new Float64Array(this.termKeys.length * 2);
      this.idfStamp = new Int32Array(this.termKeys.length * 2);
    }
    const weighted = this.queryTerms(query.features, total);
    const candidates = new TopItems(this.candidates);
    this.rankCandidates(weighted, query, total, candidates);
    const best = new TopItems(query.limit + EXPLAIN_MARGIN);
    const shape = this.markQuery(weighted);
    try {
      for (const slot of candidates.best()) best.offer(slot, this.exactScore(slot, shape, total));
    } finally {
      for (const { term } of weighted) if (term >= 0) this.queryMark[term] = 0;
    }
    const vector = queryVector(weighted);
    const matches: SimilarMatch[] = [];
    for (const slot of best.best()) {
      const match = scoreCandidate(query.features, vector, this.candidateOf(slot, total));
      if (match.score >= (query.minScore ?? 0)) matches.push(match);
    }
    matches.sort((a, b) => b.score - a.score || b.incidentId - a.incidentId);
    return matches.slice(0, query.limit);
  }

  private queryTerms(features: IncidentFeatures, total: number) {
    const weighted: QueryTerm[] = [];
    for (const [key, weight] of featureEntries(features)) {
      const term = this.termIds.get(key) ?? -1;
      const df = term < 0 ? 0 : (this.df.values[term] ?? 0);
      weighted.push({ key, term, weight, idf: Math.log(1 + total / Math.max(1, df)), df });
    }
    return weighted;
  }

  /**
   * The cheap pass: sum what each incident shares with the query over its rarer features,
   * rarest first, until the scan budget is spent; keep the best in `top`.
   */
  private rankCandidates(terms: readonly QueryTerm[], query: SimilarQuery, total: number, top: TopItems) {
    if (this.accumulator.length < this.slotIncident.length) {
      this.accumulator = new Float64Array(this.slotIncident.values.length);
      this.touched = new Int32Array(this.slotIncident.values.length);
    }
    const [acc, touched] = [this.accumulator, this.touched];
    let touchedCount = 0;
    const commonLimit = Math.max(50, total * COMMON_SHARE);
    const scanned = terms
      .filter(({ term, df }) => term >= 0 && df > 0 && (this.kinds[term] !== 'text' || df <= commonLimit))
      .sort((a, b) => a.df - b.df);
    let budget = this.scanBudget;
    for (const { term, weight, idf } of scanned) {
      const list = this.postings[term];
      if (!list || (list.length > budget && budget < this.scanBudget)) break;
      budget -= list.length;
      const kind = this.kinds[term] ?? 'text';
      const gain = kind === 'text' ? weight * idf * idf : STRUCTURED_WEIGHT[kind] * idf;
      const slots = list.values;
      for (let i = 0; i < list.length; i++) {
        const slot = slots[i] ?? 0;
        if (acc[slot] === 0) touched[touchedCount++] = slot;
        acc[slot] = (acc[slot] ?? 0) + gain;
      }
    }
    const since = query.startedSince === undefined ? -Infinity : minutes(query.startedSince);
    const before = query.startedBefore === undefined ? Infinity : minutes(query.startedBefore);
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i] ?? 0;
      const score = acc[slot] ?? 0;
      acc[slot] = 0;
      // A score the full heap would refuse needs no further look (the filters read three columns).
      if (score <= top.floor) continue;
      if (this.slotAlive.values[slot] !== 1) continue;
      const incidentId = this.slotIncident.values[slot] ?? 0;
      if (incidentId === query.incidentId) continue;
      if (query.beforeId !== undefined && incidentId >= query.beforeId) continue;
      const started = this.slotStarted.values[slot] ?? 0;
      if (started < since || started >= before) continue;
      top.offer(slot, score);
    }
  }

  /** Mark the query's features by term id (text: its IDF-weighted value) for `exactScore`. */
  private markQuery(terms: readonly QueryTerm[]): QueryShape {
    if (this.queryMark.length < this.termKeys.length)
      this.queryMark = new Float64Array(this.termKeys.length * 2);
    const asked = new Set<string>();
    const shape: QueryShape = { norm: 0, services: 0, alertnames: 0, labels: 0, hasCategory: false };
    for (const { key, term, weight, idf } of terms) {
      const kind = kindOfKey(key);
      if (kind === 'text') {
        shape.norm += (weight * idf) ** 2;
        if (term >= 0) this.queryMark[term] = weight * idf;
        continue;
      }
      if (term >= 0) this.queryMark[term] = 1;
      if (asked.has(key)) continue;
      asked.add(key);
      if (kind === 'service') shape.services++;
      else if (kind === 'alertname') shape.alertnames++;
      else if (kind === 'label') shape.labels++;
      else shape.hasCategory = true;
    }
    shape.norm = Math.sqrt(shape.norm);
    return shape;
  }

  /** The score `scoreCandidate` gives, from term ids alone: no strings, no explanation. */
  private exactScore(slot: number, shape: QueryShape, total: number): number {
    const start = this.slotStart.values[slot] ?? 0;
    const end = start + (this.slotLength.values[slot] ?? 0);
    const [terms, weights, mark] = [this.poolTerms.values, this.poolWeights.values, this.queryMark];
    const [kinds, df, idfValue, idfStamp, stamp] = [
      this.kindCodes.values,
      this.df.values,
      this.idfValue,
      this.idfStamp,
      this.lookups,
    ];
    let [dot, squares, sharedLabels, otherLabels] = [0, 0, 0, 0];
    let [hasService, hasAlertname, isSameCategory] = [false, false, false];
    for (let i = start; i < end; i++) {
      const term = terms[i] ?? 0;
      const own = mark[term] ?? 0;
      const kind = kinds[term] ?? TEXT;
      if (kind === TEXT) {
        let idf = idfValue[term] ?? 0;
        if (idfStamp[term] !== stamp) {
          idf = Math.log(1 + total / Math.max(1, df[term] ?? 0));
          idfValue[term] = idf;
          idfStamp[term] = stamp;
        }
        const value = (weights[i] ?? 0) * idf;
        squares += value * value;
        dot += own * value;
      } else if (kind === SERVICE) hasService ||= own !== 0;
      else if (kind === ALERTNAME) hasAlertname ||= own !== 0;
      else if (kind === LABEL) {
        if (own !== 0) sharedLabels++;
        else otherLabels++;
      } else isSameCategory = own !== 0;
    }
    const text = shape.norm > 0 && squares > 0 ? Math.min(1, dot / (shape.norm * Math.sqrt(squares))) : 0;
    const parts: Array<[FeatureKind, number, boolean]> = [
      ['text', text, shape.norm > 0],
      ['service', hasService ? 1 : 0, shape.services > 0],
      ['alertname', hasAlertname ? 1 : 0, shape.alertnames > 0],
      ['label', sharedLabels / Math.max(1, shape.labels + otherLabels), shape.labels > 0],
      ['category', isSameCategory ? 1 : 0, shape.hasCategory],
    ];
    let [sum, weightSum] = [0, 0];
    for (const [kind, value, isAsked] of parts) {
      if (!isAsked) continue;
      sum += SCORE_WEIGHTS[kind] * value;
      weightSum += SCORE_WEIGHTS[kind];
    }
    // Rounded as the explanation rounds; the id breaks ties as the final order does.
    const incidentId = this.slotIncident.values[slot] ?? 0;
    return weightSum > 0 ? Math.round((sum / weightSum) * 1000) / 1000 + incidentId * 1e-13 : 0;
  }

  private candidateOf(slot: number, total: number) {
    const start = this.slotStart.values[slot] ?? 0;
    const end = start + (this.slotLength.values[slot] ?? 0);
    const features: Array<{ key: string; weight: number; idf: number }> = [];
    for (let i = start; i < end; i++) {
      const term = this.poolTerms.values[i] ?? 0;
      const df = this.df.values[term] ?? 1;
      features.push({
        key: this.termKeys[term] ?? '',
        weight: this.poolWeights.values[i] ?? 0,
        idf: Math.log(1 + total / Math.max(1, df)),
      });
    }
    return { incidentId: this.slotIncident.values[slot] ?? 0, features };
  }

  private termOf(key: string): number {
    let term = this.termIds.get(key);
    if (term === undefined) {
      term = this.termKeys.length;
      this.termIds.set(key, term);
      this.termKeys.push(key);
      this.kinds.push(kindOfKey(key));
      this.kindCodes.push(KIND_CODES[kindOfKey(key)]);
      this.postings.push(new IntColumn(2));
      this.df.push(0);
    }
    return term;
  }

  private ensureSlotOf(incidentId: number): void {
    if (incidentId < this.slotOf.length) return;
    let size = this.slotOf.length;
    while (size <= incidentId) size *= 2;
    const next = new Int32Array(size).fill(-1);
    next.set(this.slotOf);
    this.slotOf = next;
  }

  /** Rebuild the slots and postings from the live incidents only. */
  private compact(): void {
    const old = {
      incident: this.slotIncident,
      started: this.slotStarted,
      start: this.slotStart,
      length: this.slotLength,
      alive: this.slotAlive,
      terms: this.poolTerms,
      weights: this.poolWeights,
    };
    this.slotIncident = new IntColumn(Math.max(1024, this.alive));
    this.slotStarted = new IntColumn(Math.max(1024, this.alive));
    this.slotStart = new IntColumn(Math.max(1024, this.alive));
    this.slotLength = new IntColumn(Math.max(1024, this.alive));
    this.slotAlive = new IntColumn(Math.max(1024, this.alive));
    this.poolTerms = new IntColumn(Math.max(16_384, old.terms.length));
    this.poolWeights = new FloatColumn(Math.max(16_384, old.terms.length));
    this.postings = this.termKeys.map(() => new IntColumn(2));
    for (let slot = 0; slot < old.incident.length; slot++) {
      if (old.alive.values[slot] !== 1) continue;
      const next = this.slotIncident.length;
      const incidentId = old.incident.values[slot] ?? 0;
      this.slotIncident.push(incidentId);
      this.slotStarted.push(old.started.values[slot] ?? 0);
      this.slotStart.push(this.poolTerms.length);
      this.slotAlive.push(1);
      const start = old.start.values[slot] ?? 0;
      const length = old.length.values[slot] ?? 0;
      for (let i = start; i < start + length; i++) {
        const term = old.terms.values[i] ?? 0;
        this.poolTerms.push(term);
        this.poolWeights.push(old.weights.values[i] ?? 0);
        this.postings[term]?.push(next);
      }
      this.slotLength.push(length);
      this.slotOf[incidentId] = next;
    }
  }
}

/** One feature of a lookup: its key, id in the index (-1: unknown), weight and idf. */
export interface QueryTerm {
  key: string;
  term: number;
  weight: number;
  idf: number;
  df: number;
}

/** What `exactScore` needs of the query besides its marks: its text norm and feature counts. */
interface QueryShape {
  norm: number;
  services: number;
  alertnames: number;
  labels: number;
  hasCategory: boolean;
}

/** The features as index keys with weights: text terms weighted, the rest 1. */
function* featureEntries(features: IncidentFeatures): Generator<[string, number]> {
  for (const [term, weight] of features.terms) yield [term, weight];
  for (const id of features.serviceIds) yield [featureKey('service', String(id)), 1];
  for (const name of features.alertnames) yield [featureKey('alertname', name.toLowerCase()), 1];
  for (const label of features.labels) yield [featureKey('label', label.toLowerCase()), 1];
  if (features.category) yield [featureKey('category', features.category), 1];
}
