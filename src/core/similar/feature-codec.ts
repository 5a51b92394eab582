import type { IncidentFeatures } from './incident-features.js';

/** A text term as stored: key, weight, and the word as written when it differs from the key. */
type StoredTerm = [string, number] | [string, number, string];

/** The stored form of an incident's features (`incident_similarity_features.features`). */
interface StoredFeatures {
  t: StoredTerm[];
  s: number[];
  a: string[];
  l: string[];
  c: string | null;
}

/**
 * An incident's features as one compact JSON text: the kept text terms with their weights (and
 * the written word only where it differs from the term), services, alert names, labels and
 * category. Reading it back costs a JSON parse, not a text analysis.
 */
export function encodeFeatures(features: IncidentFeatures): string {
  const terms = [...features.terms].map(([key, weight]): StoredTerm => {
    const surface = features.surface.get(key);
    return surface === undefined || surface === key ? [key, weight] : [key, weight, surface];
  });
  const stored: StoredFeatures = {
    t: terms,
    s: features.serviceIds,
    a: features.alertnames,
    l: features.labels,
    c: features.category,
  };
  return JSON.stringify(stored);
}

/** Features back from `encodeFeatures` (the written words of the kept terms only). */
export function decodeFeatures(text: string): IncidentFeatures {
  const stored = JSON.parse(text) as StoredFeatures;
  const terms = new Map<string, number>();
  const surface = new Map<string, string>();
  for (const [key, weight, written] of stored.t) {
    terms.set(key, weight);
    surface.set(key, written ?? key);
  }
  return {
    terms,
    surface,
    serviceIds: stored.s,
    alertnames: stored.a,
    labels: stored.l,
    category: stored.c,
  };
}
