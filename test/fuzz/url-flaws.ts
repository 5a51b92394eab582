import fc from 'fast-check';
import { malformedEncoding } from './hostile-values.js';

/** One thing wrong with a URL: a broken escape, a segment or query over any length limit, raw bytes, odd dots and slashes. */
export interface UrlFlaw {
  /** A segment to put in place of a parameter (or to append), as sent: not encoded again. */
  segment?: string | undefined;
  query?: string;
  rewrite?: (path: string) => string;
}

/** URL flaws, each of a kind a client or a scanner really sends. */
export const urlFlaw: fc.Arbitrary<UrlFlaw> = fc.oneof(
  malformedEncoding.map((segment) => ({ segment })),
  malformedEncoding.map((m) => ({ query: `?q=${m}&limit=${m}` })),
  fc.constantFrom(101, 2_000, 20_000).map((n) => ({ segment: '9'.repeat(n) })),
  fc.constantFrom(9_000, 20_000, 100_000).map((n) => ({ query: `?q=${'a'.repeat(n)}` })),
  fc.constantFrom('\xe9', '\xff', '\xc3\xa9', '\x80').map((segment) => ({ segment })),
  fc
    .constantFrom(
      (path: string) => path.replace(/^\/(\w+)\//, '/$1/../$1/'),
      (path: string) => path.replace(/^\/(\w+)\//, '/$1/./'),
      (path: string) => path.replaceAll('/', '//'),
      (path: string) => path.toUpperCase(),
      (path: string) => `${path};x=1`,
      (path: string) => `${path}#fragment`,
      (path: string) => `${path}%2F`,
    )
    .map((rewrite) => ({ rewrite })),
);

/** `path` with `flaw` applied: its segment appended, then the rewrite, then the query. */
export function withFlaw(flaw: UrlFlaw, path: string): string {
  const withSegment = flaw.segment === undefined ? path : `${path}/${flaw.segment}`;
  return (flaw.rewrite ?? ((p: string) => p))(withSegment) + (flaw.query ?? '');
}
