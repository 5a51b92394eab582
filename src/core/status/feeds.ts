/**
 * The incident history (and scheduled maintenance) as Atom 1.0 and RSS 2.0 feeds: one entry
 * per incident or maintenance, linking to its page, its public updates as the entry's content.
 */
import type { PublicUpdateView, StatusPageSnapshot } from './snapshot.js';
import { humanTime } from './zoned-format.js';

// Characters XML 1.0 cannot carry at all (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/F).
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for XML element content or a quoted attribute: escaped, characters XML refuses dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** One feed entry, whatever the format. */
interface FeedEntry {
  id: string;
  title: string;
  link: string;
  published: number;
  updated: number;
  /** HTML of the public updates, newest first (escaped again by the feed). */
  html: string;
}

function updatesHtml(updates: PublicUpdateView[], timeZone: string): string {
  return updates
    .map(
      (u) =>
        `<p><small>${escapeXml(humanTime(u.displayAt, timeZone))}</small><br><strong>${escapeXml(
          labelOf(u.status),
        )}</strong> - ${escapeXml(u.body)}</p>`,
    )
    .join('');
}

function labelOf(status: string): string {
  const text = status.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The entries of both feeds: incidents and maintenances, most recently updated first. */
export function feedEntries(snapshot: StatusPageSnapshot): FeedEntry[] {
  const zone = snapshot.page.timeZone;
  const incidents = snapshot.incidents.map((i) => ({
    id: i.shortlink,
    title: i.name,
    link: i.shortlink,
    published: i.createdAt,
    updated: i.updatedAt,
    html: updatesHtml(i.updates, zone),
  }));
  const maintenances = snapshot.maintenances.map((m) => ({
    id: m.shortlink,
    title: `Maintenance: ${m.name}`,
    link: m.shortlink,
    published: m.createdAt,
    updated: m.updatedAt,
    html: `<p>Scheduled for ${escapeXml(humanTime(m.scheduledFor, zone))} until ${escapeXml(
      humanTime(m.scheduledUntil, zone),
    )}</p>${updatesHtml(m.updates, zone)}`,
  }));
  return [...incidents, ...maintenances].sort((a, b) => b.updated - a.updated);
}

/** Absolute URL of a page path next to `/status` (the page's URL ends in `/status`). */
export function statusUrl(snapshot: StatusPageSnapshot, suffix: string): string {
  return `${snapshot.page.url.replace(/\/+$/, '')}${suffix}`;
}

/** The history as an Atom 1.0 feed. */
export function atomFeed(snapshot: StatusPageSnapshot): string {
  const entries = feedEntries(snapshot);
  const updated = Math.max(snapshot.page.updatedAt, ...entries.map((e) => e.updated));
  const body = entries
    .map(
      (e) => `<entry>
<id>${escapeXml(e.id)}</id>
<title>${escapeXml(e.title)}</title>
<published>${new Date(e.published).toISOString()}</published>
<updated>${new Date(e.updated).toISOString()}</updated>
<link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>
<content type="html">${escapeXml(e.html)}</content>
</entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<id>${escapeXml(statusUrl(snapshot, '/history'))}</id>
<title>${escapeXml(`${snapshot.page.name} status - incident history`)}</title>
<updated>${new Date(updated).toISOString()}</updated>
<author><name>${escapeXml(snapshot.page.name)}</name></author>
<link rel="alternate" type="text/html" href="${escapeXml(snapshot.page.url)}"/>
<link rel="self" type="application/atom+xml" href="${escapeXml(statusUrl(snapshot, '/history.atom'))}"/>
${body}
</feed>
`;
}

/** The history as an RSS 2.0 feed (dates in RFC 822 form, as RSS requires). */
export function rssFeed(snapshot: StatusPageSnapshot): string {
  const entries = feedEntries(snapshot);
  const items = entries
    .map(
      (e) => `<item>
<title>${escapeXml(e.title)}</title>
<link>${escapeXml(e.link)}</link>
<guid isPermaLink="true">${escapeXml(e.id)}</guid>
<pubDate>${new Date(e.published).toUTCString()}</pubDate>
<description>${escapeXml(e.html)}</description>
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${escapeXml(`${snapshot.page.name} status - incident history`)}</title>
<link>${escapeXml(snapshot.page.url)}</link>
<description>${escapeXml(`Incidents and scheduled maintenance of ${snapshot.page.name}`)}</description>
<language>en</language>
<lastBuildDate>${new Date(snapshot.page.updatedAt).toUTCString()}</lastBuildDate>
<atom:link href="${escapeXml(statusUrl(snapshot, '/history.rss'))}" rel="self" type="application/rss+xml"/>
${items}
</channel>
</rss>
`;
}
