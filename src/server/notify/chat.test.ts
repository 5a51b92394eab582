import { describe, expect, it } from 'vitest';
import type { UpdateNotice } from '../../core/schemas/stakeholders.js';
import { slackMessage, teamsMessage } from './chat.js';
import type { OutboundMessage } from './message.js';

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
