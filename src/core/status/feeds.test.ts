import { describe, expect, it } from 'vitest';
import { checkXml } from '../../../test/support/status/xml-well-formed.js';
import { SCRIPT, hostileStatusFixture, statusFixture } from '../../../test/support/status/status-fixture.js';
import { atomFeed, escapeXml, rssFeed } from './feeds.js';

describe('status feeds', () => {
  it('the well-formedness check refuses broken XML', () => {
    expect(checkXml('<a><b></a></b>').problems).not.toEqual([]);
    expect(checkXml('<a>x & y</a>').problems).not.toEqual([]);
    expect(checkXml('<a href=x></a>').problems).not.toEqual([]);
    expect(checkXml('<a></a><b></b>').problems).not.toEqual([]);
    expect(checkXml('<a t="1">&amp;&#39;<b/></a>').problems).toEqual([]);
  });

  it('Atom: a well-formed feed with one entry per incident and maintenance, linking to its page', () => {
    const feed = atomFeed(statusFixture());
    const { problems, elements } = checkXml(feed);
    expect(problems).toEqual([]);
    expect(elements[0]).toBe('feed');
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(elements.filter((e) => e === 'entry')).toHaveLength(4);
    expect(feed).toContain(
      '<link rel="alternate" type="text/html" href="https://status.example.com/status/incidents/inc-open"/>',
    );
    expect(feed).toContain('<title>Maintenance: Database upgrade</title>');
    // Newest first; RFC 3339 times.
    expect(feed.indexOf('inc-open')).toBeLessThan(feed.indexOf('mnt-next'));
    expect(feed).toContain('<updated>2026-03-01T11:00:00.000Z</updated>');
    // The update text travels as escaped HTML.
    expect(feed).toContain('&lt;strong&gt;Identified&lt;/strong&gt; - A database replica is lagging.');
  });

  it('RSS: a well-formed 2.0 feed with items, guids and RFC 822 dates', () => {
    const feed = rssFeed(statusFixture());
    const { problems, elements } = checkXml(feed);
    expect(problems).toEqual([]);
    expect(elements.slice(0, 2)).toEqual(['rss', 'channel']);
    expect(elements.filter((e) => e === 'item')).toHaveLength(4);
    expect(feed).toContain('<link>https://status.example.com/status/incidents/inc-old</link>');
    expect(feed).toContain('<pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate>');
  });

  it('escapes every user text, and drops characters XML cannot carry', () => {
    for (const feed of [atomFeed(hostileStatusFixture()), rssFeed(hostileStatusFixture())]) {
      expect(checkXml(feed).problems).toEqual([]);
      expect(feed).not.toContain('<script>');
      expect(feed).toContain('&lt;script&gt;');
    }
    expect(SCRIPT).toContain('<script>');
    expect(escapeXml('a\u0001b\uD800c & "d"')).toBe('abc &amp; &quot;d&quot;');
    const withControl = statusFixture();
    withControl.incidents[0] = { ...withControl.incidents[0]!, name: 'bell\u0007 here' };
    expect(checkXml(atomFeed(withControl)).problems).toEqual([]);
  });
});
