/**
 * The status page as a set of static files, for `beacon status export`: the same renderers as
 * the live page, with links relative to each file, so the copy works from any static host, any
 * sub-path of it, or the disk. Page paths mirror the live ones (`incidents/42/index.html` is
 * `/status/incidents/42`), so the absolute links in the JSON and feeds resolve on hosts that
 * serve a folder's `index.html`.
 */
import { atomFeed, rssFeed } from './feeds.js';
import type { StatusPageSnapshot } from './snapshot.js';
import { type StatusLinks, statusCss } from './status-html-layout.js';
import { historyPageHtml, incidentPageHtml, statusHomeHtml } from './status-html.js';
import { STATUSPAGE_ENDPOINTS, statuspageJson } from './statuspage-json.js';

/** One file of the export: its path inside the export folder, its bytes as text, its type. */
export interface StaticFile {
  path: string;
  body: string;
  contentType: string;
}

/** The content types the live page sends, by kind of file. */
export const STATUS_CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  text: 'text/plain; charset=utf-8',
} as const;

/** An id as one path segment: percent-encoded, never `.` or `..`. */
function segment(id: string): string {
  const encoded = encodeURIComponent(id);
  return encoded === '.' || encoded === '..' ? encoded.replace(/\./g, '%2E') : encoded;
}

/**
 * Links from a file `depth` folders below the export's root, to the other files; the subscribe
 * form stays on Beacon (`subscribeUrl`), since a static host cannot take a subscription.
 */
export function linksAt(depth: number, subscribeUrl?: string): StatusLinks {
  const up = '../'.repeat(depth);
  // The href of a file whose name holds percent signs is that name percent-encoded once more.
  const item = (kind: string, id: string) => `${up}${kind}/${encodeURIComponent(segment(id))}/index.html`;
  return {
    home: `${up}index.html`,
    history: `${up}history/index.html`,
    atom: `${up}history.atom`,
    rss: `${up}history.rss`,
    json: `${up}api/v2/summary.json`,
    incident: (id) => item('incidents', id),
    maintenance: (id) => item('maintenances', id),
    ...(subscribeUrl ? { subscribe: subscribeUrl } : {}),
  };
}

/**
 * The snapshot as published at another address: the page's URL and every shortlink move from
 * the page's own URL to `url` (the JSON documents and feeds link there).
 */
export function atPageUrl(snapshot: StatusPageSnapshot, url: string): StatusPageSnapshot {
  const from = snapshot.page.url.replace(/\/+$/, '');
  const to = url.replace(/\/+$/, '');
  const move = (link: string) => (link.startsWith(from) ? `${to}${link.slice(from.length)}` : link);
  return {
    ...snapshot,
    page: { ...snapshot.page, url: to },
    incidents: snapshot.incidents.map((i) => ({ ...i, shortlink: move(i.shortlink) })),
    maintenances: snapshot.maintenances.map((m) => ({ ...m, shortlink: move(m.shortlink) })),
  };
}

/**
 * Every file of the page: the HTML pages, the eight Statuspage v2 documents and the two feeds;
 * the pages' subscribe link goes to `subscribeUrl` on Beacon, or is left out without one.
 */
export function staticStatusSite(snapshot: StatusPageSnapshot, subscribeUrl?: string): StaticFile[] {
  const css = statusCss(snapshot.page.brandColor);
  const exportLinks = (depth: number) => linksAt(depth, subscribeUrl);
  const html = (path: string, body: string) => ({ path, body, contentType: STATUS_CONTENT_TYPES.html });
  return [
    html('index.html', statusHomeHtml(snapshot, css, exportLinks(0))),
    html('history/index.html', historyPageHtml(snapshot, css, exportLinks(1))),
    ...snapshot.incidents.map((i) =>
      html(`incidents/${segment(i.id)}/index.html`, incidentPageHtml(snapshot, css, i, exportLinks(2))),
    ),
    ...snapshot.maintenances.map((m) =>
      html(`maintenances/${segment(m.id)}/index.html`, incidentPageHtml(snapshot, css, m, exportLinks(2))),
    ),
    ...STATUSPAGE_ENDPOINTS.map((endpoint) => ({
      path: `api/v2/${endpoint}`,
      body: JSON.stringify(statuspageJson(snapshot, endpoint)),
      contentType: STATUS_CONTENT_TYPES.json,
    })),
    { path: 'history.atom', body: atomFeed(snapshot), contentType: STATUS_CONTENT_TYPES.atom },
    { path: 'history.rss', body: rssFeed(snapshot), contentType: STATUS_CONTENT_TYPES.rss },
  ];
}

/**
 * `_headers` in the format Netlify and Cloudflare Pages read (paths from the site's root): the
 * headers the live page sends that a static host does not send by itself. Other hosts: set
 * the same by hand (docs/status-page.md).
 */
export function exportHeadersFile(htmlCsp: string): StaticFile {
  const cors = [
    '  Access-Control-Allow-Origin: *',
    '  Access-Control-Expose-Headers: ETag',
    '  Cross-Origin-Resource-Policy: cross-origin',
  ];
  const body = [
    '# Headers of the exported status page (beacon status export), for hosts that read _headers.',
    '# On a sub-path, put the sub-path in front of each path below.',
    '/*',
    `  Content-Security-Policy: ${htmlCsp}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: no-referrer',
    '  X-Frame-Options: DENY',
    '  Cache-Control: public, max-age=30',
    '/api/v2/*',
    ...cors,
    `  Content-Type: ${STATUS_CONTENT_TYPES.json}`,
    '/history.atom',
    ...cors,
    `  Content-Type: ${STATUS_CONTENT_TYPES.atom}`,
    '/history.rss',
    ...cors,
    `  Content-Type: ${STATUS_CONTENT_TYPES.rss}`,
    '',
  ].join('\n');
  return { path: '_headers', body, contentType: STATUS_CONTENT_TYPES.text };
}
