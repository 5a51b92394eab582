import { REPORT_LANGUAGES, STOP_WORDS, type ReportLanguage } from './stop-words.js';

/** The language whose stop words a text uses most; English when none stands out. */
export function detectLanguage(tokens: readonly string[]): ReportLanguage {
  let best: ReportLanguage = 'en';
  let bestHits = 0;
  for (const language of REPORT_LANGUAGES) {
    const stops = STOP_WORDS[language];
    let hits = 0;
    for (const token of tokens) if (stops.has(token)) hits++;
    if (hits > bestHits) {
      best = language;
      bestHits = hits;
    }
  }
  return best;
}

/** Removes the first of `suffixes` the word ends with, keeping at least `minStem` letters. */
function stripFirst(word: string, suffixes: readonly string[], minStem: number): string {
  for (const suffix of suffixes) {
    if (word.endsWith(suffix) && word.length - suffix.length >= minStem) {
      return word.slice(0, word.length - suffix.length);
    }
  }
  return word;
}

const DOUBLED = /([bdfgkmnprt])\1$/;

function stemEnglish(word: string): string {
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);
  const before = w;
  w = stripFirst(w, ['ing', 'ed', 'ly'], 3);
  if (w !== before && DOUBLED.test(w)) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

function stemGerman(word: string): string {
  if (/(ung|heit|keit)en$/.test(word)) return word.slice(0, -2); // Zahlungen → zahlung
  if (word.endsWith('iert')) return word.slice(0, -1);
  return stripFirst(word, ['ern', 'em', 'en', 'er', 'es', 'st', 'e', 'n', 's', 't'], 4);
}

function stemFrench(word: string): string {
  const w = stripFirst(word, ['s', 'x'], 3);
  return stripFirst(w, ['ement', 'ment', 'ees', 'ee', 'ent', 'er', 'ez', 'ai', 'e'], 3);
}

function stemSpanish(word: string): string {
  let w = stripFirst(word, ['ciones'], 3);
  if (w !== word) return `${w}cion`;
  w = stripFirst(word, ['es', 's'], 3);
  return stripFirst(
    w,
    [
      'amiento',
      'imiento',
      'ando',
      'iendo',
      'ados',
      'adas',
      'idos',
      'idas',
      'ado',
      'ada',
      'ido',
      'ida',
      'ar',
      'er',
      'ir',
      'a',
      'o',
      'e',
    ],
    3,
  );
}

function stemDutch(word: string): string {
  if (word.endsWith('ingen')) return word.slice(0, -2); // betalingen → betaling
  const w = stripFirst(word, ['heden', 'en', 's', 'e', 't'], 3);
  return w.replace(/([bdfgklmnprt])\1$/, '$1');
}

function stemPortuguese(word: string): string {
  let w = stripFirst(word, ['coes'], 2);
  if (w !== word) return `${w}cao`;
  w = stripFirst(word, ['oes'], 2);
  if (w !== word) return `${w}ao`;
  w = stripFirst(word, ['s'], 3);
  return stripFirst(
    w,
    ['amento', 'ando', 'endo', 'indo', 'ado', 'ada', 'ido', 'ida', 'ar', 'er', 'ir', 'a', 'o', 'e'],
    3,
  );
}

const STEMMERS: Readonly<Record<ReportLanguage, (word: string) => string>> = {
  en: stemEnglish,
  de: stemGerman,
  fr: stemFrench,
  es: stemSpanish,
  nl: stemDutch,
  pt: stemPortuguese,
};

/** A light stem: the word's inflections removed ("failing" → "fail", "Zahlungen" → "zahlung"). */
export function stemWord(word: string, language: ReportLanguage): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  return STEMMERS[language](word);
}
