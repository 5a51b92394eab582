/**
 * The public status pages as HTML, rendered from a snapshot with no I/O: `/status`, one
 * incident (or maintenance), the history, and the pages for "not found" and "private".
 * Every text that comes from a user goes through `escapeHtml`.
 */
import { escapeHtml } from '../escape-html.js';
import { pageStatus } from './page-indicator.js';
import type {
  PublicIncidentView,
  PublicUpdateView,
  ScheduledMaintenanceView,
  StatusComponentView,
  StatusGroupView,
  StatusPageSnapshot,
} from './snapshot.js';
import { LIVE_LINKS, STATUS_LABELS, type StatusLinks, statusDocument } from './status-html-layout.js';
import { uptimeBarSvg } from './uptime-bar.js';
import { humanTime } from './zoned-format.js';

const IMPACT_WORDS = {
  none: 'No impact',
  minor: 'Minor impact',
  major: 'Major impact',
  critical: 'Critical impact',
};

function time(snapshot: StatusPageSnapshot, ms: number): string {
  return `<time datetime="${new Date(ms).toISOString()}">${escapeHtml(humanTime(ms, snapshot.page.timeZone))}</time>`;
}

function label(status: string): string {
  const text = status.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function componentItem(component: StatusComponentView): string {
  const description = component.description ? `<p class="desc">${escapeHtml(component.description)}</p>` : '';
  const bar = component.showUptime ? uptimeBarSvg(component, escapeHtml) : '';
  return `<li><div class="row"><span>${escapeHtml(component.name)}</span><span class="status s-${component.status}">${STATUS_LABELS[component.status]}</span></div>${description}${bar}</li>`;
}

function componentsSection(snapshot: StatusPageSnapshot): string {
  const byId = new Map(snapshot.components.map((c) => [c.id, c]));
  const grouped = new Set(snapshot.groups.flatMap((g) => g.componentIds));
  const loose = snapshot.components.filter((c) => !grouped.has(c.id));
  const blocks: { position: number; html: string }[] = snapshot.groups.map((group: StatusGroupView) => {
    const members = group.componentIds.flatMap((id) => byId.get(id) ?? []);
    const description = group.description ? `<p class="desc">${escapeHtml(group.description)}</p>` : '';
    return {
      position: group.position,
      html: `<section class="card" aria-labelledby="g-${escapeHtml(group.id)}"><h3 id="g-${escapeHtml(group.id)}">${escapeHtml(group.name)}</h3>${description}<ul class="components">${members.map(componentItem).join('')}</ul></section>`,
    };
  });
  if (loose.length > 0) {
    const position = Math.min(...loose.map((c) => c.position));
    blocks.push({
      position,
      html: `<div class="card"><ul class="components">${loose.map(componentItem).join('')}</ul></div>`,
    });
  }
  if (blocks.length === 0) return '';
  const html = blocks
    .sort((a, b) => a.position - b.position)
    .map((b) => b.html)
    .join('\n');
  return `<h2>Components</h2>\n${html}`;
}

function updatesList(snapshot: StatusPageSnapshot, updates: PublicUpdateView[]): string {
  const items = updates.map((u) => {
    const corrected = u.updatedAt > u.createdAt ? ` · updated ${time(snapshot, u.updatedAt)}` : '';
    return `<li><strong>${escapeHtml(label(u.status))}</strong><p class="body">${escapeHtml(u.body)}</p><p class="meta">${time(snapshot, u.displayAt)}${corrected}</p></li>`;
  });
  return `<ol class="updates">${items.join('')}</ol>`;
}

function incidentCard(
  snapshot: StatusPageSnapshot,
  incident: PublicIncidentView,
  heading: 'h2' | 'h3',
  links: StatusLinks,
): string {
  return `<article class="card"><${heading}><a href="${escapeHtml(links.incident(incident.id))}">${escapeHtml(incident.name)}</a></${heading}><p class="meta">${IMPACT_WORDS[incident.impact]} · ${escapeHtml(label(incident.status))}</p>${updatesList(snapshot, incident.updates)}</article>`;
}

function maintenanceCard(
  snapshot: StatusPageSnapshot,
  m: ScheduledMaintenanceView,
  links: StatusLinks,
): string {
  return `<article class="card"><h3><a href="${escapeHtml(links.maintenance(m.id))}">${escapeHtml(m.name)}</a></h3><p class="meta">${escapeHtml(label(m.status))} · ${time(snapshot, m.scheduledFor)} to ${time(snapshot, m.scheduledUntil)}</p>${updatesList(snapshot, m.updates)}</article>`;
}

/** `/status`: the overall banner, active incidents, maintenance, components and their uptime. */
export function statusHomeHtml(snapshot: StatusPageSnapshot, css: string, links = LIVE_LINKS): string {
  const status = pageStatus(snapshot);
  const active = snapshot.incidents.filter((i) => i.status !== 'resolved');
  const maintenances = snapshot.maintenances.filter((m) => m.status !== 'completed');
  const parts = [
    `<section class="banner b-${status.indicator}" aria-labelledby="overall"><h1 id="overall">${status.description}</h1><p>Updated ${time(snapshot, snapshot.page.updatedAt)}</p></section>`,
    active.length > 0
      ? `<h2>Active incidents</h2>\n${active.map((i) => incidentCard(snapshot, i, 'h3', links)).join('\n')}`
      : '',
    maintenances.length > 0
      ? `<h2>Scheduled maintenance</h2>\n${maintenances.map((m) => maintenanceCard(snapshot, m, links)).join('\n')}`
      : '',
    componentsSection(snapshot),
    `<p><a href="${escapeHtml(links.history)}">Incident history</a></p>`,
  ];
  return statusDocument(snapshot, css, {
    title: `${snapshot.page.name} status`,
    main: parts.filter(Boolean).join('\n'),
    links,
  });
}

/** One incident or maintenance: every public update, the affected components. */
export function incidentPageHtml(
  snapshot: StatusPageSnapshot,
  css: string,
  item: PublicIncidentView | ScheduledMaintenanceView,
  links = LIVE_LINKS,
): string {
  const components = snapshot.components.filter((c) => item.componentIds.includes(c.id));
  const affected = components.length
    ? `<h2>Affected components</h2><ul>${components.map((c) => `<li>${escapeHtml(c.name)}</li>`).join('')}</ul>`
    : '';
  const when =
    'scheduledFor' in item
      ? `Scheduled maintenance · ${time(snapshot, item.scheduledFor)} to ${time(snapshot, item.scheduledUntil)}`
      : `${IMPACT_WORDS[item.impact]} · started ${time(snapshot, item.startedAt)}${item.resolvedAt !== null ? ` · resolved ${time(snapshot, item.resolvedAt)}` : ''}`;
  const main = `<h1>${escapeHtml(item.name)}</h1><p class="meta">${escapeHtml(label(item.status))} · ${when}</p>
<h2>Updates</h2>${updatesList(snapshot, item.updates)}
${affected}
<p><a href="${escapeHtml(links.home)}">Current status</a> · <a href="${escapeHtml(links.history)}">Incident history</a></p>`;
  return statusDocument(snapshot, css, { title: `${item.name} · ${snapshot.page.name} status`, main, links });
}

function monthOf(snapshot: StatusPageSnapshot, ms: number): string {
  return humanTime(ms, snapshot.page.timeZone).replace(/^(\w+) \d+, (\d+).*$/, '$1 $2');
}

/** `/status/history`: the incidents of the last 90 days by month, then past maintenance. */
export function historyPageHtml(snapshot: StatusPageSnapshot, css: string, links = LIVE_LINKS): string {
  const months = new Map<string, PublicIncidentView[]>();
  for (const incident of snapshot.incidents) {
    const month = monthOf(snapshot, incident.startedAt);
    months.set(month, [...(months.get(month) ?? []), incident]);
  }
  const sections = [...months].map(
    ([month, incidents]) =>
      `<h2>${escapeHtml(month)}</h2><ul class="history">${incidents
        .map(
          (i) =>
            `<li><a href="${escapeHtml(links.incident(i.id))}">${escapeHtml(i.name)}</a> <span class="meta">${IMPACT_WORDS[i.impact]} · ${escapeHtml(label(i.status))} · ${time(snapshot, i.startedAt)}</span></li>`,
        )
        .join('')}</ul>`,
  );
  const done = snapshot.maintenances.filter((m) => m.status === 'completed');
  const maintenance = done.length
    ? `<h2>Past maintenance</h2><ul class="history">${done
        .map(
          (m) =>
            `<li><a href="${escapeHtml(links.maintenance(m.id))}">${escapeHtml(m.name)}</a> <span class="meta">${time(snapshot, m.scheduledFor)}</span></li>`,
        )
        .join('')}</ul>`
    : '';
  const empty = sections.length === 0 ? '<p>No incidents in the last 90 days.</p>' : '';
  const main = `<h1>Incident history</h1>${empty}\n${sections.join('\n')}\n${maintenance}`;
  return statusDocument(snapshot, css, {
    title: `Incident history · ${snapshot.page.name} status`,
    main,
    links,
  });
}

/** The page for an incident id the page does not show. */
export function notFoundPageHtml(snapshot: StatusPageSnapshot, css: string, links = LIVE_LINKS): string {
  const main = `<h1>Not found</h1><p>There is no such page on this status page.</p><p><a href="${escapeHtml(links.home)}">Current status</a></p>`;
  return statusDocument(snapshot, css, { title: `Not found · ${snapshot.page.name} status`, main, links });
}

/** What a visitor who is not signed in sees of a private page: nothing of it but a sign-in link. */
export function privatePageHtml(signInUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Private status page</title></head><body>
<header><p>Status page</p></header>
<main><h1>This status page is private</h1><p><a href="${escapeHtml(signInUrl)}">Sign in</a> to see it.</p></main>
<footer><p>Beacon</p></footer>
</body></html>
`;
}
