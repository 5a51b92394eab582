import { FloatColumn, IntColumn, TopItems } from './growable.js';
import type { IncidentFeatures } from './incident-features.js';
import {
  type FeatureKind,
  type SimilarMatch,
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

/** Candidates scored exactly per lookup: the cheap pass ranks every incident sharing a term. */
const CANDIDATES = 200;
/** A text term in more than this share of incidents ranks nothing (it is still scored). */
const COMMON_SHARE = 0.08;
/** How much a structured feature counts in the cheap ranking, against a text term's idf². */
const STRUCTURED_WEIGHT: Record<FeatureKind, number> = {
  text: 0,
  service: 0.25,
  alertname: 0.35,
  label: 0.05,
  category: 0.02,
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
    const weighted = this.queryTerms(query.features, total);
    const top = new TopItems(CANDIDATES);
    this.rankCandidates(weighted, query, total, top);
    const vector = queryVector(weighted);
    const matches: SimilarMatch[] = [];
    for (const slot of top.best()) {
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

  /** The cheap pass: sum what each incident shares with the query, over the rarer features. */
  private rankCandidates(terms: readonly QueryTerm[], query: SimilarQuery, total: number, top: TopItems) {
    if (this.accumulator.length < this.slotIncident.length)
      this.accumulator = new Float64Array(this.slotIncident.values.length);
    const acc = this.accumulator;
    const touched = new IntColumn(4096);
    const commonLimit = Math.max(50, total * COMMON_SHARE);
    for (const { term, weight, idf, df } of terms) {
      if (term < 0 || df === 0) continue;
      const kind = this.kinds[term] ?? 'text';
      if (kind === 'text' && df > commonLimit) continue;
      const gain = kind === 'text' ? weight * idf * idf : STRUCTURED_WEIGHT[kind] * idf;
      const list = this.postings[term];
      if (!list) continue;
      const slots = list.values;
      for (let i = 0; i < list.length; i++) {
        const slot = slots[i] ?? 0;
        if (acc[slot] === 0) touched.push(slot);
        acc[slot] = (acc[slot] ?? 0) + gain;
      }
    }
    const since = query.startedSince === undefined ? -Infinity : minutes(query.startedSince);
    const before = query.startedBefore === undefined ? Infinity : minutes(query.startedBefore);
    for (let i = 0; i < touched.length; i++) {
      const slot = touched.values[i] ?? 0;
      const score = acc[slot] ?? 0;
      acc[slot] = 0;
      if (this.slotAlive.values[slot] !== 1) continue;
      const incidentId = this.slotIncident.values[slot] ?? 0;
      if (incidentId === query.incidentId) continue;
      if (query.beforeId !== undefined && incidentId >= query.beforeId) continue;
      const started = this.slotStarted.values[slot] ?? 0;
      if (started < since || started >= before) continue;
      top.offer(slot, score);
    }
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

/** The features as index keys with weights: text terms weighted, the rest 1. */
function* featureEntries(features: IncidentFeatures): Generator<[string, number]> {
  for (const [term, weight] of features.terms) yield [term, weight];
  for (const id of features.serviceIds) yield [featureKey('service', String(id)), 1];
  for (const name of features.alertnames) yield [featureKey('alertname', name.toLowerCase()), 1];
  for (const label of features.labels) yield [featureKey('label', label.toLowerCase()), 1];
  if (features.category) yield [featureKey('category', features.category), 1];
}
