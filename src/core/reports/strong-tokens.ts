/**
 * Tokens kept verbatim that tie reports together whatever their language: error codes
 * (`E1234`, `ERR_CONN_RESET`, HTTP `502`), order and ticket ids (`#48213`, `ORD-2291`),
 * versions (`4.12`), acronyms (`CSV`, `SSO`) and the host and path of links.
 */
export interface StrongTokens {
  /** The tokens, each in one canonical spelling. */
  tokens: string[];
  /** The text with the tokens taken out, for the word analysis. */
  rest: string;
}

const URL = /\b(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(\/[^\s?#"'<>)]*)?/gi;
const SNAKE_CODE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
const LETTER_CODE = /(?<![\p{L}\p{N}])#?([A-Za-z]{1,4})[-_]?(\d{3,})(?![\p{L}\p{N}])/gu;
const HASH_ID = /#(\d{3,})\b/g;
const LONG_NUMBER = /\b\d{5,}\b/g;
const HTTP_STATUS = /\b([45]\d\d)\b/g;
const VERSION = /\bv?(\d{1,3})\.(\d{1,3})(\.\d{1,4})?\b/gi;
const ACRONYM = /\b([A-Z]{2,5}|iOS)\b/g;

/** Acronyms that are shouting, not names. */
const NOT_ACRONYMS = new Set([
  'OK',
  'I',
  'AM',
  'PM',
  'ASAP',
  'PLS',
  'PLZ',
  'FYI',
  'HELP',
  'NOT',
  'URGENT',
  'STILL',
  'WHY',
  'THE',
  'AND',
  'NO',
  'YES',
  'ALL',
  'NOW',
  'EU',
  'US',
  'UK',
]);

/** Pulls the strong tokens out of a report's raw text. */
export function extractStrongTokens(text: string): StrongTokens {
  const tokens: string[] = [];
  let rest = text.replace(URL, (_, host: string, path: string | undefined) => {
    const cleanPath = (path ?? '').replace(/\/+$/, '').toLowerCase();
    const cleanHost = host.toLowerCase().replace(/^www\./, '');
    // A bare "v4.12" or "e.g" is no host: a host has a letter-only last label of two or more.
    if (!/\.[a-z]{2,}$/.test(cleanHost) || /^\d/.test(cleanHost)) return ` ${host}${path ?? ''} `;
    tokens.push(`${cleanHost}${cleanPath}`);
    if (cleanPath) tokens.push(cleanPath);
    return ' ';
  });
  rest = rest.replace(SNAKE_CODE, (code) => {
    tokens.push(code.toUpperCase());
    return ' ';
  });
  rest = rest.replace(LETTER_CODE, (_, letters: string, digits: string) => {
    tokens.push(`${letters.toUpperCase()}${digits}`);
    return ' ';
  });
  rest = rest.replace(HASH_ID, (_, digits: string) => {
    tokens.push(`#${digits}`);
    return ' ';
  });
  rest = rest.replace(LONG_NUMBER, (digits) => {
    tokens.push(`#${digits}`);
    return ' ';
  });
  rest = rest.replace(VERSION, (match, major: string, minor: string, patch: string | undefined) => {
    if (patch?.length === 5) return ' '; // a date (07.12.2026), not a version
    tokens.push(`v${Number(major)}.${Number(minor)}`);
    return ' ';
  });
  rest = rest.replace(HTTP_STATUS, (_, status: string) => {
    tokens.push(status);
    return ' ';
  });
  // In a text written in capitals, capitals are shouting.
  const capitals = rest.replace(/[^A-Z]/g, '').length;
  const letters = rest.replace(/[^A-Za-z]/g, '').length;
  if (capitals > letters * 0.3) return { tokens: [...new Set(tokens)], rest };
  for (const match of rest.matchAll(ACRONYM)) {
    const word = match[1] ?? '';
    if (!NOT_ACRONYMS.has(word.toUpperCase())) tokens.push(word.toUpperCase());
  }
  return { tokens: [...new Set(tokens)], rest };
}
