import type { AlertLink } from './alert-event.js';

/**
 * Whether a link target is an absolute http(s) URL. Anything else that arrives with an alert
 * (`javascript:`, `data:`, relative paths) would be unsafe or meaningless as a link in the UI.
 */
export function isHttpUrl(href: string): boolean {
  return /^https?:\/\//i.test(href) && URL.canParse(href);
}

/** The links whose target is an absolute http(s) URL; the others are dropped. */
export function httpLinksOnly(links: readonly AlertLink[]): AlertLink[] {
  return links.filter((link) => isHttpUrl(link.href));
}
