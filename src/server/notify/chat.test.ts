import { describe, expect, it } from 'vitest';
import { slackRefusal, teamsRefusal } from '../../../test/support/server/engine/escalation/chat-receivers.js';
import type { PageContext } from '../../core/schemas/page-context.js';
import type { UpdateNotice } from '../../core/schemas/stakeholders.js';
import { slackMessage, teamsMessage } from './chat.js';
import type { MessageIncident, OutboundMessage } from './message.js';

// Titles and updates are typed by people and arrive in alerts from anywhere: in chat they must
// show as typed, never mention a whole channel or pass a forged link off as Beacon's.
const HOSTILE = '<!channel> <https://evil.example|Acknowledge> [Resolve](https://evil.example) & **now**';

const page = (extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
  channel: 'slack',
  address: 'https://hooks.slack.example/services/T/B/X',
  recipientName: 'Ada',
  secret: 's',
  now: 0,
  incidents: [
    {
      incidentId: 1,
      ref: 'INC-1',
      title: HOSTILE,
      severity: 'SEV1',
      priority: 'P1',
      reason: 'triggered',
      key: 'esc:1',
      url: 'https://beacon.example/incidents/INC-1',
      ackUrl: 'https://beacon.example/ack/a',
      resolveUrl: 'https://beacon.example/ack/r',
    },
  ],
  ...extra,
});

const notice: UpdateNotice = {
  kind: 'stakeholder_update',
  message: HOSTILE,
  status: 'mitigated',
  severity: 'SEV1',
  impact: 'high',
  priority: 'P1',
  author: 'Grace',
  at: '2026-01-02T03:04:05.000Z',
  isExternal: false,
};

/** Every `text` string anywhere in a message. */
function textsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'text' && typeof inner === 'string' ? [inner] : textsOf(inner),
  );
}

describe.each([
  ['a page', page()],
  ['a stakeholder update', page({ notice })],
])('chat text of %s', (_kind, message) => {
  it("escapes Slack's control characters in the text fallback and every block", () => {
    const texts = textsOf(slackMessage(message));
    expect(texts.length).toBeGreaterThan(1);
    const withTitle = texts.filter((text) => text.includes('!channel'));
    expect(withTitle.length).toBeGreaterThanOrEqual(2);
    for (const text of texts) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<https://evil.example');
    }
    for (const text of withTitle) {
      expect(text).toContain(
        '&lt;!channel&gt; &lt;https://evil.example|Acknowledge&gt; [Resolve](https://evil.example) &amp; **now**',
      );
    }
    // Beacon's own link stays a link.
    expect(texts.join('\n')).toContain('<https://beacon.example/incidents/INC-1|INC-1>');
  });

  it('escapes Markdown in Teams text, so a typed link is no link', () => {
    const texts = textsOf(teamsMessage({ ...message, channel: 'teams' }));
    const withTitle = texts.filter((text) => text.includes('!channel'));
    expect(withTitle.length).toBeGreaterThanOrEqual(1);
    for (const text of texts) {
      expect(text).not.toContain('[Resolve](https://evil.example)');
      expect(text).not.toMatch(/(^|[^\\])<https:\/\/evil/);
      expect(text).not.toContain('**now**');
    }
    for (const text of withTitle) {
      expect(text).toContain(
        '\\<\\!channel\\> \\<https://evil.example\\|Acknowledge\\> \\[Resolve\\]\\(https://evil.example\\) & \\*\\*now\\*\\*',
      );
    }
    expect(texts.join('\n')).toContain('[INC-1](https://beacon.example/incidents/INC-1)');
  });
});

describe('chat text of a page with its context', () => {
  const hostileContext: PageContext = {
    services: [HOSTILE],
    alert: {
      summary: HOSTILE,
      labels: [['alertname', HOSTILE]],
      links: [{ label: HOSTILE.slice(0, 40), url: 'https://runbooks.example/a%7Cb' }],
    },
    firedAt: 0,
    alsoPaged: [HOSTILE],
    acknowledged: null,
  };
  const withContext = page({
    incidents: page().incidents.map((incident) => ({ ...incident, context: hostileContext })),
  });

  it('escapes what alerts and people typed in the facts, on Slack and Teams', () => {
    for (const text of textsOf(slackMessage(withContext))) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<https://evil.example');
    }
    const teams = teamsMessage({ ...withContext, channel: 'teams' });
    const values = JSON.stringify(teams);
    expect(values).not.toContain('[Resolve](https://evil.example)');
    expect(values).toContain('https://runbooks.example/a%7Cb');
  });

  it('keeps ten incidents with the longest facts within Slack’s blocks and Teams’ 28 KB', () => {
    const long = 'x'.repeat(3_000);
    const context: PageContext = {
      services: [long, long],
      alert: {
        summary: long,
        labels: [
          ['alertname', long],
          ['instance', long],
        ],
        links: [1, 2, 3].map((n) => ({
          label: `Link ${n}`,
          url: `https://runbooks.example/${'y'.repeat(480)}`,
        })),
      },
      firedAt: 0,
      alsoPaged: [long],
      acknowledged: { by: long, at: 0 },
    };
    const [first] = page().incidents;
    const incidents = Array.from({ length: 30 }, (_, n) => ({
      ...(first as MessageIncident),
      incidentId: n + 1,
      ref: `INC-${n + 1}`,
      title: 't'.repeat(500),
      context,
    }));
    const burst = page({ incidents, ackAllUrl: 'https://beacon.example/ack/all' });

    expect(slackRefusal(slackMessage(burst))).toBeNull();
    const teams = JSON.stringify(teamsMessage({ ...burst, channel: 'teams' }));
    expect(teamsRefusal(JSON.parse(teams), Buffer.byteLength(teams))).toBeNull();
    expect(teams).toContain('Acknowledge all 30');
  });
});
