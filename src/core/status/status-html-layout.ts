/**
 * The shell every status page shares: landmarks (header, main, footer), a skip link, the
 * page's name, logo and brand colour, and its one inline stylesheet (responsive, visible
 * keyboard focus). No script: the pages work with JavaScript off.
 */
import { escapeHtml } from '../escape-html.js';
import type { PageIndicator } from './page-indicator.js';
import type { ComponentStatus, StatusPageSnapshot } from './snapshot.js';
import { readableBrandColor } from './brand-color.js';

/** Where the pages live on Beacon; the live pages' links start here. */
export const STATUS_BASE = '/status';

/**
 * Where a page's links point: on Beacon, absolute paths under `/status`; in a static export
 * (`static-site.ts`), paths relative to the page's own file, so the copy works from any host,
 * sub-path or disk.
 */
export interface StatusLinks {
  home: string;
  history: string;
  atom: string;
  rss: string;
  /** `summary.json` of the Statuspage v2 API. */
  json: string;
  incident(id: string): string;
  maintenance(id: string): string;
  /** The subscribe form; a static copy has none unless it links back to Beacon. */
  subscribe?: string;
}

/** The live page's links, under `/status`. */
export const LIVE_LINKS: StatusLinks = {
  home: STATUS_BASE,
  history: `${STATUS_BASE}/history`,
  atom: `${STATUS_BASE}/history.atom`,
  rss: `${STATUS_BASE}/history.rss`,
  json: `${STATUS_BASE}/api/v2/summary.json`,
  incident: (id) => `${STATUS_BASE}/incidents/${encodeURIComponent(id)}`,
  maintenance: (id) => `${STATUS_BASE}/maintenances/${encodeURIComponent(id)}`,
  subscribe: `${STATUS_BASE}/subscribe`,
};

/** Background of the overall banner per indicator; white text on each reaches 4.5:1. */
export const BANNER_COLORS: Record<PageIndicator, string> = {
  none: '#1a7f37',
  minor: '#8a5a00',
  major: '#b54708',
  critical: '#b42318',
  maintenance: '#175cd3',
};

/** Text colour of a component's status word on white; each reaches 4.5:1. */
export const STATUS_COLORS: Record<ComponentStatus, string> = {
  operational: '#1a7f37',
  degraded_performance: '#8a5a00',
  partial_outage: '#b54708',
  major_outage: '#b42318',
  under_maintenance: '#175cd3',
};

/** The status words a reader sees. */
export const STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

/** The page's stylesheet, with its brand colour (darkened if too light for text). */
export function statusCss(brandColor: string): string {
  const brand = readableBrandColor(brandColor);
  const statusRules = Object.entries(STATUS_COLORS)
    .map(([status, color]) => `.s-${status}{color:${color}}`)
    .join('');
  const bannerRules = Object.entries(BANNER_COLORS)
    .map(([indicator, color]) => `.b-${indicator}{background:${color}}`)
    .join('');
  return `*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1f2328;background:#f6f8fa}
a{color:${brand}}a:focus-visible,summary:focus-visible{outline:3px solid #1f2328;outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:1}
.top{background:${brand};color:#fff}.top a{color:#fff}.top a:focus-visible{outline-color:#fff}
.wrap{max-width:860px;margin:0 auto;padding:0 16px}
.top .wrap{display:flex;align-items:center;gap:12px;min-height:64px}
.top img{max-height:40px;max-width:160px}.name{font-size:1.25rem;font-weight:600;margin:0}
.subscribe{margin:0 0 0 auto;font-weight:600}
main{padding:24px 0 32px}h1{font-size:1.6rem;margin:0 0 16px}h2{font-size:1.25rem;margin:32px 0 12px}h3{font-size:1.05rem;margin:0}
.banner{color:#fff;border-radius:8px;padding:16px 20px;margin-bottom:8px}.banner h1{margin:0;font-size:1.4rem}.banner p{margin:4px 0 0}
${bannerRules}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px;margin:0 0 16px}
.components{list-style:none;margin:0;padding:0}.components li{padding:12px 0;border-top:1px solid #d8dee4}.components li:first-child{border-top:0}
.row{display:flex;justify-content:space-between;gap:12px;flex-wrap:wrap}.status{font-weight:600}
${statusRules}
.desc{margin:4px 0 0;color:#57606a;font-size:.92rem}
.uptime svg{display:block;width:100%;height:28px;margin-top:8px}
.uptime-legend{display:flex;justify-content:space-between;margin:2px 0 0;color:#57606a;font-size:.8rem}
.updates{list-style:none;margin:8px 0 0;padding:0}.updates li{margin:12px 0 0}
.body{white-space:pre-line;margin:2px 0}.meta{color:#57606a;font-size:.85rem}
.history li{margin:8px 0}
footer{border-top:1px solid #d0d7de;padding:16px 0 32px;color:#57606a;font-size:.9rem}
footer a{color:#1f2328}
@media (max-width:600px){h1{font-size:1.35rem}.card{padding:12px}.banner{padding:12px 14px}}`;
}

/** A whole page: `<title>`, the header with name and logo, `main`, the footer with the feeds. */
export function statusDocument(
  snapshot: StatusPageSnapshot,
  css: string,
  options: { title: string; main: string; links?: StatusLinks },
): string {
  const { page } = snapshot;
  const name = escapeHtml(page.name);
  const logo = page.logoUrl ? `<img src="${escapeHtml(page.logoUrl)}" alt="${name} logo">` : '';
  const links = options.links ?? LIVE_LINKS;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="alternate" type="application/atom+xml" title="${name} incident history (Atom)" href="${escapeHtml(links.atom)}">
<link rel="alternate" type="application/rss+xml" title="${name} incident history (RSS)" href="${escapeHtml(links.rss)}">
<style>${css}</style>
</head><body>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><div class="wrap">${logo}<p class="name"><a href="${escapeHtml(links.home)}">${name}</a></p>${
    snapshot.isPrivate || !links.subscribe
      ? ''
      : `<p class="subscribe"><a href="${escapeHtml(links.subscribe)}">Subscribe to updates</a></p>`
  }</div></header>
<main id="main" class="wrap">
${options.main}
</main>
<footer><div class="wrap"><p>Times are shown in ${escapeHtml(page.timeZone)}.
<a href="${escapeHtml(links.history)}">Incident history</a> · Feeds: <a href="${escapeHtml(links.atom)}">Atom</a> · <a href="${escapeHtml(links.rss)}">RSS</a> · <a href="${escapeHtml(links.json)}">JSON API</a></p></div></footer>
</body></html>
`;
}
