import { boundedEditDistance, typoAllowance } from './edit-distance.js';
import type { AnalyzedText } from './text-analysis.js';

/** How alike two texts are, and the terms that made them so (strongest first). */
export interface TextMatch {
  /** 0..1. */
  text: number;
  /** Shared terms, as the first text wrote them. */
  sharedTerms: string[];
  /** How many strong tokens (codes, ids, versions, links) the texts share. */
  sharedStrong: number;
}

/** A typo only joins plain words: concepts and strong tokens are matched exactly. */
const isPlainWord = (term: string) => !term.startsWith('~') && !term.startsWith('#') && term.length >= 5;

function closestTypo(term: string, other: AnalyzedText): string | null {
  const allowance = typoAllowance(term.length);
  for (const candidate of other.terms.keys()) {
    if (isPlainWord(candidate) && boundedEditDistance(term, candidate, allowance) <= allowance)
      return candidate;
  }
  return null;
}

function trigramDice(a: AnalyzedText, b: AnalyzedText): number {
  if (a.trigrams.size === 0 || b.trigrams.size === 0) return 0;
  const [small, large] =
    a.trigrams.size <= b.trigrams.size ? [a.trigrams, b.trigrams] : [b.trigrams, a.trigrams];
  let shared = 0;
  for (const gram of small) if (large.has(gram)) shared++;
  return (2 * shared) / (a.trigrams.size + b.trigrams.size);
}

/**
 * Weighted cosine over the terms; `thorough` also lets a typo match its word and mixes in the
 * trigram overlap (the cheap form ranks candidates, the thorough one decides).
 */
export function compareTexts(a: AnalyzedText, b: AnalyzedText, thorough: boolean): TextMatch {
  if (a.norm === 0 || b.norm === 0) return { text: 0, sharedTerms: [], sharedStrong: 0 };
  const contributions: [string, number][] = [];
  let dot = 0;
  let sharedStrong = 0;
  for (const [term, weight] of a.terms) {
    let otherWeight = b.terms.get(term);
    if (otherWeight === undefined && thorough && isPlainWord(term)) {
      const typo = closestTypo(term, b);
      if (typo !== null) otherWeight = (b.terms.get(typo) ?? 0) * 0.8;
    }
    if (otherWeight === undefined) continue;
    const product = weight * otherWeight;
    dot += product;
    if (term.startsWith('#')) sharedStrong++;
    contributions.push([a.surface.get(term) ?? term, product]);
  }
  const cosine = Math.min(1, dot / (a.norm * b.norm));
  const text = thorough ? 0.8 * cosine + 0.2 * trigramDice(a, b) : cosine;
  contributions.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return { text, sharedTerms: contributions.map(([word]) => word), sharedStrong };
}

/** What a match's score is built from besides the words. */
export interface MatchContext {
  sameComponent: boolean;
  /** Both sides name a component, and not the same one. */
  otherComponent: boolean;
  minutesApart: number;
  /** Minutes over which time apart halves what it can take away. */
  halfLifeMinutes: number;
}

/** Text, strong tokens, component and time combined into one score in 0..1. */
export function combineScore(match: TextMatch, context: MatchContext): number {
  const strongBoost = Math.min(0.3, 0.15 * match.sharedStrong);
  const componentBoost = context.sameComponent ? 0.1 : 0;
  const componentPenalty = context.otherComponent ? 0.75 : 1;
  const decay = 0.8 + 0.2 * Math.pow(0.5, context.minutesApart / context.halfLifeMinutes);
  const raw = (match.text + (match.text > 0 ? strongBoost + componentBoost : 0)) * componentPenalty * decay;
  return Math.round(Math.min(1, raw) * 1000) / 1000;
}
