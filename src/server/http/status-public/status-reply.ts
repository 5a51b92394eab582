/** What the status routes and their fast path share: the paths' root, cache policy and ETag test. */

/** Where the public page is mounted. */
export const STATUS_BASE = '/status';

/** A public page's replies may be kept by any cache for 30 s (the snapshot's longest age). */
export const PUBLIC_CACHE = 'public, max-age=30';

/** The kinds of reply: HTML pages carry their own CSP, JSON and feeds carry CORS. */
export type StatusKind = 'html' | 'json' | 'feed';

/** Whether an `If-None-Match` value names `etag` (weak comparison, as RFC 9110 asks for GET). */
export function isNotModified(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
