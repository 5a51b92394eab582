import { conceptOf } from './concepts.js';
import { detectLanguage, stemWord } from './stemming.js';
import { GENERIC_WORDS, STOP_WORDS } from './stop-words.js';
import { extractStrongTokens } from './strong-tokens.js';

/** A text reduced to what comparing it needs; built once per distinct text. */
export interface AnalyzedText {
  /** Term → weight: stems, cross-language concepts (`~pay`) and strong tokens. */
  terms: ReadonlyMap<string, number>;
  /** The Euclidean length of `terms`. */
  norm: number;
  /** The strong tokens (codes, ids, versions, links, acronyms). */
  strong: ReadonlySet<string>;
  /** Character trigrams of the content words, for typos the stems miss. */
  trigrams: ReadonlySet<string>;
  /** Term → the word as the text wrote it (normalised), for explanations and titles. */
  surface: ReadonlyMap<string, string>;
}

/** Phrases that are one word elsewhere ("log in" is "login", "mot de passe" a password). */
const PHRASES: readonly [RegExp, string][] = [
  [/\b(?:log|logging|logged|sign|signing|signed) (?:in|on)\b/g, 'login'],
  [/\bmot(?:s)? de passe\b/g, 'motdepasse'],
  [/\btableau de bord\b/g, 'tableaudebord'],
  [/\bmise a jour\b/g, 'maj'],
  [/\biniciar sesion\b/g, 'login'],
  [/\bfazer login\b/g, 'login'],
  [/\be mails?\b/g, 'email'],
  [/\bbad gateway\b/g, 'badgateway'],
  [/\btime(?:d)? out\b/g, 'timeout'],
];

/** Lower case, accents and punctuation gone: "Zahlungen fehlgeschlagen!" → "zahlungen fehlgeschlagen". */
export function normaliseText(text: string): string {
  let out = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/[^\p{L}\p{N}]+/gu, ' ');
  for (const [phrase, word] of PHRASES) out = out.replace(phrase, word);
  return out.trim();
}

/** The words of a normalised text, numbers and single letters left out. */
export function tokenize(normalised: string): string[] {
  return normalised.split(' ').filter((word) => word.length > 1 && !/^\d+$/.test(word));
}

function strongWeight(token: string): number {
  if (/^[45]\d\d$/.test(token)) return 1.8; // an HTTP status: shared by unrelated faults too
  if (/^[A-Z]+$/.test(token) || token === 'IOS') return 1.2; // an acronym: a product word
  return 2.5;
}

function wordWeight(word: string, term: string): number {
  if (GENERIC_WORDS.has(word)) return 0.3;
  if (term.startsWith('~')) return 1.5;
  return word.length <= 3 ? 0.6 : 1;
}

function addTrigrams(word: string, into: Set<string>): void {
  const padded = ` ${word} `;
  for (let i = 0; i + 3 <= padded.length; i++) into.add(padded.slice(i, i + 3));
}

function analyse(text: string): AnalyzedText {
  const { tokens: strongTokens, rest } = extractStrongTokens(text);
  const words = tokenize(normaliseText(rest));
  const language = detectLanguage(words);
  const stops = STOP_WORDS[language];
  const counts = new Map<string, { weight: number; count: number }>();
  const surface = new Map<string, string>();
  const trigrams = new Set<string>();
  const add = (term: string, weight: number, written: string) => {
    const entry = counts.get(term);
    if (entry) entry.count++;
    else counts.set(term, { weight, count: 1 });
    if (!surface.has(term)) surface.set(term, written);
  };
  for (const word of words) {
    if (stops.has(word) || STOP_WORDS.en.has(word)) continue;
    const term = conceptOf(word) ?? stemWord(word, language);
    add(term, wordWeight(word, term), word);
    if (!GENERIC_WORDS.has(word)) addTrigrams(word, trigrams);
  }
  for (const token of strongTokens) add(`#${token}`, strongWeight(token), token);
  const terms = new Map<string, number>();
  let squares = 0;
  for (const [term, { weight, count }] of counts) {
    const value = weight * (1 + Math.log(count));
    terms.set(term, value);
    squares += value * value;
  }
  return { terms, norm: Math.sqrt(squares), strong: new Set(strongTokens), trigrams, surface };
}

const cache = new Map<string, AnalyzedText>();
const CACHE_LIMIT = 20_000;

/** The analysis of a text, remembered: incidents and reports are compared many times over. */
export function analyzeText(text: string): AnalyzedText {
  let analysed = cache.get(text);
  if (!analysed) {
    analysed = analyse(text);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, analysed);
  }
  return analysed;
}
