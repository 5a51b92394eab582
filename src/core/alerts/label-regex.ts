import { RE2JS } from 're2js';

// Label regular expressions come from API callers (Alertmanager's `filter` and `receiver`).
// JavaScript's RegExp backtracks: `(a+)+` against forty a's and a b takes hours and blocks the
// whole process. RE2 matches in time linear in the input, and is the syntax Alertmanager
// itself uses (Go's regexp), so a pattern means what it means there.

const cache = new Map<string, RE2JS>();
const CACHE_LIMIT = 256;

/** Compile `pattern` anchored as Alertmanager anchors it (`^(?:…)$`); throws RE2's reason. */
function compile(pattern: string, isDotAll: boolean): RE2JS {
  const key = `${isDotAll ? 's' : '-'}${pattern}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = RE2JS.compile(`^(?:${pattern})$`, isDotAll ? RE2JS.DOTALL : 0);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, compiled);
  }
  return compiled;
}

/** Why RE2 refuses `pattern` (a backreference, a lookaround, bad syntax), or null when it is valid. */
export function labelRegexError(pattern: string): string | null {
  try {
    compile(pattern, false);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Whether `value` matches `pattern` as a whole, in linear time (RE2). With `isDotAll`, `.`
 * matches newlines too. An invalid pattern throws: check it with {@link labelRegexError} first.
 */
export function matchesLabelRegex(
  pattern: string,
  value: string,
  options: { isDotAll?: boolean } = {},
): boolean {
  return compile(pattern, options.isDotAll ?? false).matches(value);
}
