import { createHash } from 'node:crypto';

/** A Content-Security-Policy as directives and their sources. */
export type Directives = Record<string, string[]>;

/** The policy of a page whose only inline content is one `<style>` element, allowed by its hash. */
export function inlineStyleDirectives(css: string): Directives {
  const hash = createHash('sha256').update(css).digest('base64');
  return {
    'default-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'style-src': [`'sha256-${hash}'`],
  };
}

/** Directives as a Content-Security-Policy header value. */
export function cspHeader(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The logo's origin, for the pages' img-src (nothing when there is no valid logo URL). */
function imageSources(logoUrl: string | null): string[] {
  if (!logoUrl) return ["'self'", 'data:'];
  try {
    const url = new URL(logoUrl);
    return ["'self'", 'data:', url.protocol === 'data:' ? 'data:' : url.origin];
  } catch {
    return ["'self'", 'data:'];
  }
}

/**
 * The status pages' policy, live and exported: their one stylesheet by hash, images from the
 * page and the logo's origin, and nothing else (no script at all).
 */
export function statusPageCsp(css: string, logoUrl: string | null): string {
  return cspHeader({ ...inlineStyleDirectives(css), 'img-src': imageSources(logoUrl) });
}
