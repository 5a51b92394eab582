import { describe, expect, it } from 'vitest';
import { SCRIPT, hostileStatusFixture, statusFixture } from '../../../test/support/status/status-fixture.js';
import { contrastRatio } from './brand-color.js';
import { statusCss } from './status-html-layout.js';
import { historyPageHtml, incidentPageHtml, statusHomeHtml } from './status-html.js';

const headings = (html: string): number[] => [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));

describe('status page HTML', () => {
  const snapshot = statusFixture();
  const css = statusCss(snapshot.page.brandColor);

  it('shows the banner, active incident, maintenance, groups with status words and uptime bars', () => {
    const html = statusHomeHtml(snapshot, css);
    expect(html).toMatch(/<header[^>]*>[\s\S]*<main id="main"[\s\S]*<\/main>\s*<footer>/);
    expect(html).not.toContain('<script');
    expect(html).toContain('<h1 id="overall">Minor Service Outage</h1>');
    expect(html).toContain('class="banner b-minor"');
    // Headings never skip a level.
    const levels = headings(html);
    expect(levels[0]).toBe(1);
    levels.slice(1).forEach((level, i) => expect(level - (levels[i] ?? 0)).toBeLessThanOrEqual(1));
    expect(html).toContain('<h2>Active incidents</h2>');
    expect(html).toContain('<a href="/status/incidents/inc-open">Slow API responses</a>');
    expect(html).not.toContain('Email delays'); // resolved: on the history page only
    expect(html).toContain('<h2>Scheduled maintenance</h2>');
    expect(html).toContain('Database upgrade');
    expect(html).not.toContain('Mail relay swap');
    // Status in words beside the colour; the group's heading; 90 bars with their text.
    expect(html).toContain(
      '<span>API</span><span class="status s-degraded_performance">Degraded performance</span>',
    );
    expect(html).toMatch(/<h3 id="g-grp-1">Core platform<\/h3>/);
    expect(html.match(/<rect /g)).toHaveLength(180);
    expect(html).toContain('<title>2026-02-20: 98.00% uptime, major outage 28 min</title>');
    expect(html).toContain('aria-label="API: uptime over the last 90 days, 99.97% uptime"');
    // Times in the page's zone; the logo; the feeds.
    expect(html).toContain('Mar 1, 2026, 03:00 PST');
    expect(html).toContain('<img src="https://cdn.example.com/logo.png" alt="Acme Cloud logo">');
    expect(html).toContain('href="/status/history.atom"');
  });

  it('uses the brand colour darkened to a readable shade, and shows keyboard focus', () => {
    const brand = /\.top\{background:(#[0-9a-f]{6})/.exec(css)?.[1] ?? '';
    expect(brand).not.toBe('#ffd400');
    expect(contrastRatio(brand, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(css).toContain(`a{color:${brand}}`);
    expect(css).toContain(':focus-visible{outline:3px solid');
    expect(css).toContain('@media (max-width:600px)');
  });

  it('incident page: every update newest first, corrections marked, affected components', () => {
    const html = incidentPageHtml(snapshot, css, snapshot.incidents[0]!);
    expect(html).toContain('<h1>Slow API responses</h1>');
    expect(html.indexOf('A database replica')).toBeLessThan(html.indexOf('We are looking into'));
    expect(html).toContain(
      '· updated <time datetime="2026-03-01T11:05:00.000Z">Mar 1, 2026, 03:05 PST</time>',
    );
    expect(html).toContain('<h2>Affected components</h2><ul><li>API</li></ul>');
    const maintenance = incidentPageHtml(snapshot, css, snapshot.maintenances[0]!);
    expect(maintenance).toContain('Scheduled maintenance · <time');
  });

  it('history: incidents by month in the page zone, past maintenance', () => {
    const html = historyPageHtml(snapshot, css);
    expect(html).toMatch(
      /<h2>Mar 2026<\/h2><ul class="history"><li><a href="\/status\/incidents\/inc-open">/,
    );
    expect(html).toMatch(
      /<h2>Feb 2026<\/h2><ul class="history"><li><a href="\/status\/incidents\/inc-old">Email delays/,
    );
    expect(html).toContain('<h2>Past maintenance</h2>');
    expect(historyPageHtml({ ...snapshot, incidents: [] }, css)).toContain(
      'No incidents in the last 90 days.',
    );
  });

  it('escapes every user-provided string on every page', () => {
    const hostile = hostileStatusFixture();
    const pages = [
      statusHomeHtml(hostile, css),
      historyPageHtml(hostile, css),
      incidentPageHtml(hostile, css, hostile.incidents[0]!),
      incidentPageHtml(hostile, css, hostile.maintenances[0]!),
    ];
    expect(SCRIPT).toContain('<script>');
    for (const html of pages) {
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain('src="https://cdn.example.com/&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    }
  });
});
