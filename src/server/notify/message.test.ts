import { describe, expect, it } from 'vitest';
import type { PageContext } from '../../core/schemas/page-context.js';
import { type MessageIncident, type OutboundMessage, htmlOf, textOf } from './message.js';

const NOW = Date.parse('2026-01-02T03:04:05Z');

const context = (overrides: Partial<PageContext> = {}): PageContext => ({
  services: ['checkout-api', 'payments'],
  alert: {
    summary: 'Error rate above 5% <on> checkout',
    labels: [
      ['alertname', 'HighErrorRate'],
      ['severity', 'critical'],
      ['instance', 'web-7'],
    ],
    links: [
      { label: 'Source', url: 'https://prometheus.example/graph?g0.expr=rate' },
      { label: 'Runbook', url: 'https://runbooks.example/high-error-rate' },
    ],
  },
  firedAt: Date.parse('2026-01-02T02:52:00Z'),
  alsoPaged: ['Grace Hopper', 'Linus'],
  acknowledged: null,
  ...overrides,
});

const incident = (n: number, pageContext?: PageContext): MessageIncident => ({
  incidentId: n,
  ref: `INC-${n}`,
  title: `Checkout ${n} is down`,
  severity: 'SEV1',
  priority: 'P1',
  reason: 'escalation step 1',
  key: `esc:${n}`,
  url: `https://beacon.example/incidents/INC-${n}`,
  ackUrl: `https://beacon.example/ack/ack-${n}`,
  resolveUrl: `https://beacon.example/ack/resolve-${n}`,
  context: pageContext,
});

const page = (incidents: MessageIncident[]): OutboundMessage => ({
  channel: 'email',
  address: 'ada@example.com',
  recipientName: 'Ada',
  incidents,
  secret: 'secret',
  now: NOW,
  ackAllUrl: 'https://beacon.example/ack/ack-all',
});

describe('a page', () => {
  it('says in text what a responder needs: service, alert, key labels, links, fired, who else, acknowledged', () => {
    const text = textOf(page([incident(1, context())]));

    expect(text).toContain('  Service:     checkout-api, payments');
    expect(text).toContain('  Alert:       Error rate above 5% <on> checkout');
    expect(text).toContain('  Labels:      alertname=HighErrorRate, severity=critical, instance=web-7');
    expect(text).toContain('  Fired:       2026-01-02 02:52 UTC (12 min ago)');
    expect(text).toContain('  Also paged:  Grace Hopper, Linus');
    expect(text).toContain('  Acknowledged: not yet');
    expect(text).toContain('  Runbook:     https://runbooks.example/high-error-rate');
    expect(text).toContain('  Source:      https://prometheus.example/graph?g0.expr=rate');
  });

  it('says who acknowledged already, and that nobody else was paged', () => {
    const text = textOf(
      page([
        incident(
          1,
          context({
            alsoPaged: [],
            acknowledged: { by: 'Grace Hopper', at: Date.parse('2026-01-02T03:00:00Z') },
          }),
        ),
      ]),
    );

    expect(text).toContain('Acknowledged: by Grace Hopper at 2026-01-02 03:00 UTC');
    expect(text).toContain('Also paged:  nobody else yet');
  });

  it('says the same in HTML, escaped, with the links clickable', () => {
    const html = htmlOf(page([incident(1, context())]));

    expect(html).toContain('checkout-api, payments');
    expect(html).toContain('Error rate above 5% &lt;on&gt; checkout');
    expect(html).not.toContain('<on>');
    expect(html).toContain('alertname=HighErrorRate, severity=critical, instance=web-7');
    expect(html).toContain('2026-01-02 02:52 UTC (12 min ago)');
    expect(html).toContain('Grace Hopper, Linus');
    expect(html).toContain('<a href="https://runbooks.example/high-error-rate">');
  });

  it('of several incidents leads with one Acknowledge all link, in text and HTML', () => {
    const message = page([incident(1, context()), incident(2, context())]);

    expect(textOf(message)).toMatch(/^Acknowledge all 2: https:\/\/beacon\.example\/ack\/ack-all$/m);
    expect(htmlOf(message)).toMatch(
      /<a href="https:\/\/beacon\.example\/ack\/ack-all"[^>]*>Acknowledge all 2<\/a>/,
    );
  });

  it('of one incident has no Acknowledge all link', () => {
    const message = page([incident(1, context())]);

    expect(textOf(message)).not.toContain('Acknowledge all');
    expect(htmlOf(message)).not.toContain('Acknowledge all');
    expect(textOf(message)).not.toContain('ack-all');
  });
});
